import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

const browserTests = "tests/browser/**/*.test.ts";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    environment: "node",
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/per-file-database.ts", "tests/setup/usage-writer.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    env: {
      NODE_ENV: "test",
      SHOPIFY_API_KEY: "test-api-key",
      SHOPIFY_API_SECRET: "test-api-secret",
      SHOPIFY_APP_URL: "https://app.test.example",
      SCOPES: "read_products,write_products",
      SHOPIFY_LOG_LEVEL: "error",
    },
    projects: [
      {
        extends: true,
        test: {
          name: "unit and integration",
          include: ["app/**/*.test.{ts,tsx}", "demo/**/*.test.ts", "tests/**/*.test.{ts,tsx}"],
          exclude: [browserTests],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Chromium against a production server per file: run after the rest and one file at a time, so a file's
        // server and browser do not compete with the others for the machine (tests move the page's clock instead
        // of timing anything).
        extends: true,
        test: {
          name: "browser",
          include: [browserTests],
          sequence: { groupOrder: 1 },
          fileParallelism: false,
        },
      },
    ],
  },
});
