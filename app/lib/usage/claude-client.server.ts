import Anthropic from "@anthropic-ai/sdk";

/**
 * The one place the app builds its Anthropic client: ANTHROPIC_API_KEY, and ANTHROPIC_BASE_URL for another
 * Claude-compatible endpoint (a proxy; the local demo's and the tests' stand-in). The environment is read when the
 * client is first needed (not at import), so tests can point it at a test server they start.
 */
let cached: { key: string; client: Anthropic } | undefined;

export class ClaudeNotConfiguredError extends Error {
  override name = "ClaudeNotConfiguredError";
  constructor() {
    super("Claude is not configured: set ANTHROPIC_API_KEY.");
  }
}

/**
 * Node's own fetch, as it was when the app loaded. `remix-serve` swaps the global fetch for Remix's polyfill
 * (installGlobals) after loading the app, and through that polyfill the SDK's requests go out without their
 * headers (no API key, no content type: every call fails with a bare 400).
 */
const nodeFetch: typeof fetch = globalThis.fetch;

function clientSettings(): { apiKey: string; baseURL?: string; fetch: typeof fetch } {
  const apiKey = process.env.ANTHROPIC_API_KEY;
  if (!apiKey) throw new ClaudeNotConfiguredError();
  const baseURL = process.env.ANTHROPIC_BASE_URL || undefined;
  return { apiKey, baseURL, fetch: (input, init) => nodeFetch(input, init) };
}

export function getAnthropicClient(): Anthropic {
  const settings = clientSettings();
  const key = `${settings.apiKey}\u0000${settings.baseURL ?? ""}`;
  if (cached?.key !== key) cached = { key, client: new Anthropic({ ...settings, maxRetries: 2, timeout: 120_000 }) };
  return cached.client;
}
