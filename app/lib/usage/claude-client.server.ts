import Anthropic from "@anthropic-ai/sdk";
import { createStubFetch } from "~/lib/claude-stub";
import { demoClaudeState } from "~/demo/claude-stub.server";

/**
 * The one place the app builds its Anthropic client. With ANTHROPIC_API_KEY set it talks to Anthropic (or to
 * ANTHROPIC_BASE_URL, e.g. a proxy); in the demo without a key it talks to the local Claude-compatible logic
 * in-process (app/demo/claude-stub.server.ts), so every SEO button does something real with no account. The environment is read when the
 * client is first needed (not at import), so tests can point it at a test server they start.
 */
let cached: { key: string; client: Anthropic } | undefined;

export class ClaudeNotConfiguredError extends Error {
  override name = "ClaudeNotConfiguredError";
  constructor() {
    super("Claude is not configured: set ANTHROPIC_API_KEY (or run the demo with DEMO_MODE=1).");
  }
}

const DEMO_BASE_URL = "http://claude.demo.invalid";

/**
 * Node's own fetch, as it was when the app loaded. `remix-serve` swaps the global fetch for Remix's polyfill
 * (installGlobals) after loading the app, and through that polyfill the SDK's requests go out without their
 * headers (no API key, no content type: every call fails with a bare 400).
 */
const nodeFetch: typeof fetch = globalThis.fetch;

function clientSettings(): { apiKey: string; baseURL?: string; fetch?: typeof fetch } {
  const apiKey = process.env.ANTHROPIC_API_KEY;
  const baseURL = process.env.ANTHROPIC_BASE_URL || undefined;
  if (apiKey) return { apiKey, baseURL, fetch: (input, init) => nodeFetch(input, init) };
  const demo = process.env.DEMO_MODE === "1" || process.env.DEMO_MODE === "true";
  if (demo) return { apiKey: "demo-key", baseURL: DEMO_BASE_URL, fetch: createStubFetch(demoClaudeState()) };
  throw new ClaudeNotConfiguredError();
}

export function getAnthropicClient(): Anthropic {
  const settings = clientSettings();
  const key = `${settings.apiKey}\u0000${settings.baseURL ?? ""}`;
  if (cached?.key !== key) cached = { key, client: new Anthropic({ ...settings, maxRetries: 2, timeout: 120_000 }) };
  return cached.client;
}
