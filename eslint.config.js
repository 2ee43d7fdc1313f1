import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";
import globals from "globals";
import prettier from "eslint-config-prettier";

const DOOR_PATTERNS = [
  {
    group: ["~/lib/*/*", "!~/lib/*/index.server"],
    message: "Import another feature through its door: ~/lib/<feature> or ~/lib/<feature>/index.server.",
  },
  { group: ["../*"], message: "Import another feature through its door, not by a relative path." },
  {
    group: ["**/demo", "**/demo/**", "**/tests", "**/tests/**", "**/test-helpers"],
    message: "Production code never imports the demo or test code (they live outside app/).",
  },
  {
    group: ["msw", "msw/**", "@mswjs/**"],
    message: "msw answers Shopify and Anthropic for the demo and tests only (a devDependency).",
  },
  {
    group: ["jose", "jose/**"],
    message: "Session tokens are verified by @shopify/shopify-app-remix; minting them is for the demo and tests.",
  },
];

const MONEY_TEXT_RULE = {
  name: "~/lib/money",
  importNames: ["formatUsd"],
  message: "Show money through ~/lib/format (usd, usdExact, callUsd) so every page says it the same way.",
};

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", "tests/.tmp/**", "tests/artifacts/**", ".cache/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.recommended.rules,
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Features meet at their doors: `~/lib/<feature>` (browser-safe) and `~/lib/<feature>/index.server`.
    // Money reaches merchants through one formatting module (`~/lib/format`): dollars and cents, exact on hover.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/lib/format/**", "app/lib/export/**", "app/**/*.test.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: DOOR_PATTERNS, paths: [MONEY_TEXT_RULE] }] },
  },
  {
    // The format module and the CSV cells turn pico-dollars into text themselves; tests check exact amounts.
    files: ["app/lib/format/**/*.{ts,tsx}", "app/lib/export/**/*.{ts,tsx}", "app/**/*.test.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: DOOR_PATTERNS }] },
  },
  {
    // Every Claude call goes through the usage tracker (app/lib/usage): createMessageWithTracking,
    // streamMessageWithTracking, countTokensWithTracking and createBatchWithTracking. Calling the SDK directly
    // elsewhere would leave a call unrecorded (and `operator reconcile` would report it as outside the tracker).
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/lib/usage/**", "app/**/*.test.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.object.property.name=/^(messages|batches)$/][callee.property.name=/^(create|stream|countTokens)$/]",
          message: "Call Claude through the usage tracker (~/lib/usage/index.server), never the SDK directly.",
        },
      ],
    },
  },
  {
    // Tests control time instead of measuring it or sleeping to prove that nothing happened: page.clock in the
    // browser, vi.useFakeTimers or an injected clock in Node, and assertions on the request or the state itself.
    // Timing figures belong in `npm run bench`.
    files: ["tests/**/*.test.{ts,tsx}", "app/**/*.test.{ts,tsx}"],
    rules: {
      "no-restricted-properties": [
        "error",
        {
          object: "performance",
          property: "now",
          message: "Tests do not measure wall-clock time: fake the clock (vi.useFakeTimers) or assert on the state.",
        },
        {
          property: "waitForTimeout",
          message: "Move the page's clock (page.clock.runFor) and wait for the request or the state, not for time.",
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Promise'] CallExpression[callee.name='setTimeout']",
          message:
            "Tests do not sleep: drive the code to a known state (await it, drain it, count requests) or fake timers.",
        },
      ],
    },
  },
  { files: ["**/*.{js,mjs}"], languageOptions: { globals: globals.node } },
  prettier,
);
