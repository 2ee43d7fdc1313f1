import { describe, expect, test } from "vitest";
import { changeBetween, shareOf } from "./period-change";

describe("the change from the previous period", () => {
  test("a rise gives the percentage and the exact delta", () => {
    // $1.50 → $2.00 is +$0.50, +33.33 %.
    expect(changeBetween(2_000_000_000_000n, 1_500_000_000_000n)).toEqual({
      kind: "up",
      delta: "500000000000",
      percent: 33.33,
    });
  });

  test("a fall is negative in both", () => {
    expect(changeBetween(3, 4)).toEqual({ kind: "down", delta: "-1", percent: -25 });
  });

  test("something from nothing is new, not an infinite percentage", () => {
    expect(changeBetween(7n, 0n)).toEqual({ kind: "new", delta: "7", percent: null });
  });

  test("a rise from a tiny previous figure is new too, with its amount (a 90-day view once read +847,690.6 %)", () => {
    expect(changeBetween(8_476_907n, 1_000n)).toEqual({ kind: "new", delta: "8475907", percent: null });
    // Under 1/20 of now is tiny; 1/20 exactly is still a percentage (+1,900 %).
    expect(changeBetween(2_001n, 100n).kind).toBe("new");
    expect(changeBetween(2_000n, 100n)).toEqual({ kind: "up", delta: "1900", percent: 1900 });
    // A fall to almost nothing is a real percentage.
    expect(changeBetween(1n, 1_000n)).toEqual({ kind: "down", delta: "-999", percent: -99.9 });
  });

  test("no change is the same, including nothing both times", () => {
    expect(changeBetween(0, 0)).toEqual({ kind: "same", delta: "0", percent: 0 });
    expect(changeBetween(5n, 5n)).toEqual({ kind: "same", delta: "0", percent: 0 });
  });

  test("percentages round half up to two decimals from exact integers", () => {
    // 1/8 = 12.5 % exactly; 1/3 = 33.333… %; 2/3 = 66.666… %; 1/200000 = 0.0005 % rounds to 0.
    expect(changeBetween(9n, 8n).percent).toBe(12.5);
    expect(changeBetween(4n, 3n).percent).toBe(33.33);
    expect(changeBetween(5n, 3n).percent).toBe(66.67);
    expect(changeBetween(200_001n, 200_000n).percent).toBe(0);
  });
});

describe("shares", () => {
  test("a part of a whole in percent, 0 of nothing", () => {
    expect(shareOf(1n, 3n)).toBe(33.33);
    expect(shareOf(3, 3)).toBe(100);
    expect(shareOf(0n, 0n)).toBe(0);
  });
});
