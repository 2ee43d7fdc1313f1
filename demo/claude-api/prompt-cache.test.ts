import { describe, expect, it } from "vitest";
import { PromptCache } from "./prompt-cache";
import type { PromptSegment } from "./prompt-segments";

const MINUTE = 60_000;

function segments(...spec: Array<[tokens: number, ttl?: "5m" | "1h"]>): PromptSegment[] {
  return spec.map(([tokens, ttl], index) => ({
    location: `messages[${index}].content[0]`,
    tokens,
    fingerprint: `block-${index}-${tokens}`,
    cacheTtl: ttl ?? null,
  }));
}

describe("PromptCache", () => {
  it("counts everything as input when no block is marked", () => {
    expect(new PromptCache().apply("m", segments([100], [50]), 0)).toEqual({
      inputTokens: 150,
      cacheReadInputTokens: 0,
      cacheCreation5mInputTokens: 0,
      cacheCreation1hInputTokens: 0,
    });
  });

  it("writes up to the last breakpoint, then reads the same prefix, leaving the tail uncached", () => {
    const cache = new PromptCache();
    const prompt = segments([1000, "5m"], [30]);

    expect(cache.apply("m", prompt, 0)).toMatchObject({
      inputTokens: 30,
      cacheCreation5mInputTokens: 1000,
      cacheReadInputTokens: 0,
    });
    expect(cache.apply("m", prompt, MINUTE)).toMatchObject({
      inputTokens: 30,
      cacheCreation5mInputTokens: 0,
      cacheReadInputTokens: 1000,
    });
  });

  it("keeps prefixes per model", () => {
    const cache = new PromptCache();
    cache.apply("model-a", segments([1000, "5m"]), 0);

    expect(cache.apply("model-b", segments([1000, "5m"]), 0).cacheReadInputTokens).toBe(0);
  });

  it("refreshes an entry's lifetime each time it is read", () => {
    const cache = new PromptCache();
    const prompt = segments([1000, "5m"]);
    cache.apply("m", prompt, 0);
    cache.apply("m", prompt, 4 * MINUTE);

    expect(cache.apply("m", prompt, 8 * MINUTE).cacheReadInputTokens).toBe(1000);
    expect(cache.apply("m", prompt, 14 * MINUTE).cacheReadInputTokens).toBe(0);
  });

  it("keeps a 1h entry for an hour", () => {
    const cache = new PromptCache();
    const prompt = segments([800, "1h"], [200, "5m"]);

    expect(cache.apply("m", prompt, 0)).toMatchObject({
      cacheCreation1hInputTokens: 800,
      cacheCreation5mInputTokens: 200,
    });
    expect(cache.apply("m", prompt, 30 * MINUTE)).toMatchObject({
      cacheReadInputTokens: 800,
      cacheCreation5mInputTokens: 200,
    });
    expect(cache.apply("m", prompt, 91 * MINUTE)).toMatchObject({
      cacheReadInputTokens: 0,
      cacheCreation1hInputTokens: 800,
    });
  });

  it("finds an earlier prefix only within 20 blocks before a breakpoint", () => {
    const cache = new PromptCache();
    const head: Array<[number, "5m"?]> = [[500, "5m"]];
    cache.apply("m", segments(...head), 0);
    const near = segments([500], ...Array.from({ length: 19 }, (): [number] => [10]), [10, "5m"]);
    const far = segments([500], ...Array.from({ length: 20 }, (): [number] => [10]), [10, "5m"]);

    expect(cache.apply("m", near, 0).cacheReadInputTokens).toBe(500);
    cache.clear();
    cache.apply("m", segments(...head), 0);
    expect(cache.apply("m", far, 0).cacheReadInputTokens).toBe(0);
  });

  it("ignores breakpoints on prefixes shorter than the minimum cacheable length", () => {
    const cache = new PromptCache(1024);

    expect(cache.apply("m", segments([1000, "5m"], [30]), 0)).toMatchObject({
      inputTokens: 1030,
      cacheCreation5mInputTokens: 0,
    });
    expect(cache.apply("m", segments([1000], [30, "5m"]), 0)).toMatchObject({
      inputTokens: 0,
      cacheCreation5mInputTokens: 1030,
    });
  });
});
