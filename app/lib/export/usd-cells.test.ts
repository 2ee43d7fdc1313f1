import { describe, expect, test } from "vitest";
import { formatUsd } from "~/lib/money";
import { usdCell6, usdCell6OfDecimal, usdCellExact, usdCellExactOfDecimal } from "./usd-cells";

const strip = (text: string) => text.replace("$", "");

describe("dollar cells from pico-dollars", () => {
  // Rounding edges (half a micro-dollar is 500,000 picos), carries into the dollars, and both sides of the
  // fast path's limit (2^53 - 1 picos, about $9,007).
  const amounts = [
    0n,
    1n,
    499_999n,
    500_000n,
    1_500_000n,
    999_999_500_000n,
    1_000_000_000_000n,
    1_986_000_000n,
    22_941_000_000n,
    123_456_789_012_345n,
    9_007_199_254_740_991n,
    9_007_199_254_740_992n,
    98_765_432_109_876_543n,
  ];

  test.each(amounts)("%s picos print exactly as formatUsd prints them, at 6 and at 12 decimals", (picos) => {
    expect(usdCell6(picos)).toBe(strip(formatUsd(picos, 6)));
    expect(usdCellExact(picos)).toBe(strip(formatUsd(picos, 12)));
  });

  test.each(amounts)("%s picos read as decimal text (as the export's readers give money) print the same", (picos) => {
    expect(usdCell6OfDecimal(String(picos))).toBe(strip(formatUsd(picos, 6)));
    expect(usdCellExactOfDecimal(String(picos))).toBe(strip(formatUsd(picos, 12)));
  });

  test("decimal text that is not a whole number of picos is refused, never printed as some amount", () => {
    for (const text of ["1e3", "1.5", "-", "12 picos"]) {
      expect(() => usdCellExactOfDecimal(text), text).toThrow(SyntaxError);
    }
  });

  test("the exact cell keeps every pico: 0.000001500000 is 1.5 micro-dollars, which rounds to 0.000002", () => {
    expect(usdCellExact(1_500_000n)).toBe("0.000001500000");
    expect(usdCell6(1_500_000n)).toBe("0.000002");
  });

  test("ten thousand pseudo-random amounts below and above the fast path's limit agree with formatUsd", () => {
    let state = 12345n;
    for (let i = 0; i < 10_000; i++) {
      state = (state * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
      const picos = state % (i % 2 === 0 ? 10n ** 13n : 10n ** 18n);
      expect(usdCell6(picos)).toBe(strip(formatUsd(picos, 6)));
      expect(usdCellExact(picos)).toBe(strip(formatUsd(picos, 12)));
      expect(usdCell6OfDecimal(String(picos))).toBe(strip(formatUsd(picos, 6)));
      expect(usdCellExactOfDecimal(String(picos))).toBe(strip(formatUsd(picos, 12)));
    }
  });
});
