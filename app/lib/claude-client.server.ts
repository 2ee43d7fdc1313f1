import Anthropic from "@anthropic-ai/sdk";
import { DEMO_CLAUDE_PATH } from "~/demo/paths";

/**
 * The one place the app builds its Anthropic client. With ANTHROPIC_API_KEY set it talks to Anthropic (or to
 * ANTHROPIC_BASE_URL, e.g. a proxy); in the demo without a key it talks to the local Claude-compatible endpoint
 * the demo serves, so every SEO button does something real with no account. The environment is read when the
 * client is first needed (not at import), so tests can point it at a test server they start.
 */
let cached: { key: string; client: Anthropic } | undefined;

export class ClaudeNotConfiguredError extends Error {
  override name = "ClaudeNotConfiguredError";
  constructor() {
    super("Claude is not configured: set ANTHROPIC_API_KEY (or run the demo with DEMO_MODE=1).");
  }
}

function clientSettings(): { apiKey: string; baseURL?: string } {
  const apiKey = process.env.ANTHROPIC_API_KEY;
  const baseURL = process.env.ANTHROPIC_BASE_URL || undefined;
  if (apiKey) return { apiKey, baseURL };
  const demo = process.env.DEMO_MODE === "1" || process.env.DEMO_MODE === "true";
  if (demo) {
    const appUrl = process.env.SHOPIFY_APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
    return { apiKey: "demo-key", baseURL: baseURL ?? new URL(DEMO_CLAUDE_PATH, appUrl).toString().replace(/\/$/, "") };
  }
  throw new ClaudeNotConfiguredError();
}

export function getAnthropicClient(): Anthropic {
  const settings = clientSettings();
  const key = `${settings.apiKey}\u0000${settings.baseURL ?? ""}`;
  if (cached?.key !== key) cached = { key, client: new Anthropic({ ...settings, maxRetries: 2, timeout: 120_000 }) };
  return cached.client;
}
