import { describe, expect, test } from "vitest";
import { priceCall } from "~/lib/pricing";
import { PICOS_PER_USD, formatUsd, picosFromUsd } from "./money";

describe("formatUsd", () => {
  test("one dollar prints with six decimals by default", () => {
    expect(PICOS_PER_USD).toBe(10n ** 12n);
    expect(formatUsd(PICOS_PER_USD)).toBe("$1.000000");
    expect(formatUsd(0n)).toBe("$0.000000");
  });

  test("a negative amount prints with a leading minus", () => {
    expect(formatUsd(-1_500_000_000n)).toBe("-$0.001500");
    // -$12.345678901 rounds to -$12.345679.
    expect(formatUsd(-12_345_678_901_000n)).toBe("-$12.345679");
  });

  test("at six decimals half a micro-dollar (500,000 picos) rounds up, less than half rounds down", () => {
    expect(formatUsd(500_000n)).toBe("$0.000001");
    expect(formatUsd(499_999n)).toBe("$0.000000");
    expect(formatUsd(1_500_000n)).toBe("$0.000002");
    expect(formatUsd(2_499_999n)).toBe("$0.000002");
    // 8 Haiku 5.5 batch 5-minute cache-write tokens: 8 × 62,500 = 500,000 picos, exactly half.
    expect(formatUsd(8n * 62_500n)).toBe("$0.000001");
  });

  test("fewer decimals round the same way", () => {
    expect(formatUsd(1_999_999_999_999n, 2)).toBe("$2.00");
    expect(formatUsd(1_995_000_000_000n, 2)).toBe("$2.00");
    expect(formatUsd(1_994_999_999_999n, 2)).toBe("$1.99");
    expect(formatUsd(1_500_000_000_000n, 0)).toBe("$2");
    expect(formatUsd(1_499_999_999_999n, 0)).toBe("$1");
    // 62,500 picos = 62.5 nanos: at nine decimals it rounds half up to 63 nanos.
    expect(formatUsd(62_500n, 9)).toBe("$0.000000063");
  });

  test("negative amounts round half away from zero, and a rounded-away cost never shows as -$0", () => {
    expect(formatUsd(-500_000n)).toBe("-$0.000001");
    expect(formatUsd(-499_999n)).toBe("$0.000000");
    expect(formatUsd(-62_500n, 9)).toBe("-$0.000000063");
  });

  test("twelve decimals show every pico-dollar, unrounded", () => {
    expect(formatUsd(1n, 12)).toBe("$0.000000000001");
    expect(formatUsd(62_500n, 12)).toBe("$0.000000062500");
    expect(formatUsd(123_456_789_012n, 12)).toBe("$0.123456789012");
    expect(formatUsd(-1_000_000_000_001n, 12)).toBe("-$1.000000000001");
  });

  test("amounts far beyond a float's precision stay exact", () => {
    // $123456789012345678901.234567890123 rounds to .234568.
    expect(formatUsd(123_456_789_012_345_678_901_234_567_890_123n)).toBe("$123456789012345678901.234568");
  });

  test("a number of decimals outside 0 to 12 is refused", () => {
    expect(() => formatUsd(1n, 13)).toThrow(RangeError);
    expect(() => formatUsd(1n, -1)).toThrow(RangeError);
    expect(() => formatUsd(1n, 2.5)).toThrow(RangeError);
  });
});

describe("picosFromUsd", () => {
  test("a dollar amount reads exactly, with or without a dollar sign", () => {
    expect(picosFromUsd("12.50")).toBe(12_500_000_000_000n);
    expect(picosFromUsd("$12.50")).toBe(12_500_000_000_000n);
    expect(picosFromUsd("0")).toBe(0n);
    expect(picosFromUsd("0.000000000001")).toBe(1n);
    expect(picosFromUsd("0.0000000625")).toBe(62_500n);
    expect(picosFromUsd("-0.000001")).toBe(-1_000_000n);
    expect(picosFromUsd("-0.015")).toBe(-15_000_000_000n);
    expect(picosFromUsd("-$1.5")).toBe(-1_500_000_000_000n);
  });

  test("what formatUsd prints with twelve decimals reads back to the same amount", () => {
    for (const picos of [0n, 1n, 999n, 62_500n, PICOS_PER_USD, -42_000_000_000_017n]) {
      expect(picosFromUsd(formatUsd(picos, 12))).toBe(picos);
    }
  });

  test("anything that is not a plain decimal amount is refused rather than guessed", () => {
    const bad = ["", "abc", "$", "-", "1.", ".5", "1e3", " 1", "1 ", "+1", "--1", "$-1", "$$1", "1,000", "NaN"];
    // Thirteen decimals is a fraction of a pico-dollar: refused, never truncated.
    bad.push("0.0000000000001", "1.0000000000000");
    for (const value of bad) {
      expect(() => picosFromUsd(value), value).toThrow(TypeError);
    }
  });
});

describe("exact sums", () => {
  test("a million calls of $0.000001 add up to exactly $1.000000", () => {
    // Claude Haiku 5.5 input is $0.10 / MTok = 100,000 picos per token, so 10 input tokens
    // = 1,000,000 picos = $0.000001 per call; a million calls = 10^12 picos = $1.
    const usage = {
      inputTokens: 10,
      outputTokens: 0,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      cacheReadTokens: 0,
      webSearchRequests: 0,
    };
    const at = new Date("2026-11-27T00:00:00Z");
    expect(priceCall("claude-haiku-5-5", usage, { at })?.totalPicos).toBe(1_000_000n);
    let total = 0n;
    let floatTotal = 0;
    for (let call = 0; call < 1_000_000; call += 1) {
      const cost = priceCall("claude-haiku-5-5", usage, { at });
      if (!cost) throw new Error("Haiku 5.5 has no price");
      total += cost.totalPicos;
      floatTotal += 0.000001;
    }
    expect(total).toBe(1_000_000_000_000n);
    expect(total).toBe(PICOS_PER_USD);
    expect(formatUsd(total)).toBe("$1.000000");
    // The same sum in floating point drifts, which is why money here is never a float.
    expect(floatTotal).not.toBe(1);
  });
});
