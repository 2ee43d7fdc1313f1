import { describe, expect, test } from "vitest";
import { priceCall } from "~/lib/pricing";
import { COST_BOUND_ALLOWANCES, callCeilingOf, callCostBoundPicos } from "./call-cost-bound";

const HAIKU = "claude-haiku-4-5-20251001";
const AT = new Date("2026-12-01T12:00:00Z");
const hello = { role: "user" as const, content: "héllo" };

describe("the bound on a call's cost", () => {
  test("the prompt's UTF-8 bytes at the 1-hour cache-write rate plus max_tokens at the output rate", () => {
    // {"messages":[{"role":"user","content":"héllo"}],"tools":[]} is 60 bytes (é is 2).
    expect(callCeilingOf({ model: HAIKU, max_tokens: 200, messages: [hello] })).toEqual({
      promptTokens: 60,
      outputTokens: 200,
      webSearchRequests: 0,
    });
    // Haiku 4.5: 60 × $2/MTok (1-hour write, its dearest input-side rate) + 200 × $5/MTok
    // = 60 × 2,000,000 + 200 × 5,000,000 picos = 120,000,000 + 1,000,000,000.
    expect(callCostBoundPicos({ model: HAIKU, max_tokens: 200, messages: [hello] }, { at: AT })).toBe(1_120_000_000n);
  });

  test("no way of billing the prompt and the output can cost more than the bound", () => {
    const params = { model: HAIKU, max_tokens: 200, messages: [hello], system: "Be brief." };
    const bound = callCostBoundPicos(params, { at: AT })!;
    const { promptTokens } = callCeilingOf(params);
    const none = { inputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 0 };
    for (const field of ["inputTokens", "cacheWrite5mTokens", "cacheWrite1hTokens", "cacheReadTokens"] as const) {
      const usage = { ...none, [field]: promptTokens, outputTokens: 200, webSearchRequests: 0 };
      expect(priceCall(HAIKU, usage, { at: AT })!.totalPicos).toBeLessThanOrEqual(bound);
    }
  });

  test("web search adds its fee and the results it reads per allowed use, plus the tool-use prompt", () => {
    const tools = [{ type: "web_search_20250305" as const, name: "web_search" as const, max_uses: 3 }];
    const params = { model: HAIKU, max_tokens: 100, messages: [hello], tools };
    const bytes = new TextEncoder().encode(JSON.stringify({ messages: [hello], tools })).length;
    const promptTokens = bytes + COST_BOUND_ALLOWANCES.toolUseTokens + 3 * COST_BOUND_ALLOWANCES.serverToolUseTokens;
    expect(callCeilingOf(params)).toEqual({ promptTokens, outputTokens: 100, webSearchRequests: 3 });
    // + 3 searches × $10 / 1,000 = 3 × 10,000,000,000 picos.
    expect(callCostBoundPicos(params, { at: AT })).toBe(
      BigInt(promptTokens) * 2_000_000n + 100n * 5_000_000n + 30_000_000_000n,
    );
  });

  test("a web search tool without max_uses is bounded at the stated number of uses", () => {
    const tools = [{ type: "web_search_20250305" as const, name: "web_search" as const }];
    expect(callCeilingOf({ model: HAIKU, max_tokens: 1, messages: [hello], tools }).webSearchRequests).toBe(
      COST_BOUND_ALLOWANCES.serverToolUses,
    );
  });

  test("an image or a PDF counts at its allowance, whatever its bytes", () => {
    const image = { type: "image" as const, source: { type: "url" as const, url: "https://x.test/a.png" } };
    const pdf = { type: "document" as const, source: { type: "url" as const, url: "https://x.test/a.pdf" } };
    const messages = [{ role: "user" as const, content: [image, pdf] }];
    const bytes = new TextEncoder().encode(JSON.stringify({ messages, tools: [] })).length;
    expect(callCeilingOf({ model: HAIKU, max_tokens: 1, messages }).promptTokens).toBe(
      bytes + COST_BOUND_ALLOWANCES.imageTokens + COST_BOUND_ALLOWANCES.documentTokens,
    );
  });

  test("a batch is bounded at batch prices (half)", () => {
    const params = { model: HAIKU, max_tokens: 200, messages: [hello] };
    expect(callCostBoundPicos(params, { at: AT, batch: true })).toBe(560_000_000n);
  });

  test("a prompt past the long-context threshold is bounded at the long-context rates", () => {
    const sonnet = "claude-sonnet-4-5-20250929";
    const params = {
      model: sonnet,
      max_tokens: 10,
      messages: [{ role: "user" as const, content: "a".repeat(200_000) }],
    };
    const { promptTokens } = callCeilingOf(params);
    expect(promptTokens).toBeGreaterThan(200_000);
    // Sonnet 4.5 above 200K input tokens: 1-hour write $12/MTok, output $22.50/MTok.
    expect(callCostBoundPicos(params, { at: AT })).toBe(BigInt(promptTokens) * 12_000_000n + 10n * 22_500_000n);
  });

  test("without an inference geography, a model billed 1.1x for US-only inference is bounded at 1.1x", () => {
    const opus = "claude-opus-4-6";
    const params = { model: opus, max_tokens: 200, messages: [hello] };
    // Opus 4.6: 1-hour write $10/MTok, output $25/MTok; US-only 1.1x: 11,000,000 and 27,500,000 picos per token.
    expect(callCostBoundPicos(params, { at: AT })).toBe(60n * 11_000_000n + 200n * 27_500_000n);
    expect(callCostBoundPicos({ ...params, inference_geo: "global" }, { at: AT })).toBe(
      60n * 10_000_000n + 200n * 25_000_000n,
    );
  });

  test("a model with no known price, or fast mode, has no bound", () => {
    expect(callCostBoundPicos({ model: "claude-unknown-9", max_tokens: 1, messages: [hello] }, { at: AT })).toBeNull();
    expect(
      callCostBoundPicos({ model: "claude-opus-4-6", max_tokens: 1, messages: [hello], speed: "fast" }, { at: AT }),
    ).toBeNull();
  });
});
