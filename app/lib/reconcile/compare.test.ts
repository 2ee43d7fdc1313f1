import { describe, expect, test } from "vitest";
import { compareUsage, emptyFigures, type DayModelFigures, type UsageFigures } from "./index";

const MODEL = "claude-haiku-4-5-20251001";

function figures(partial: Partial<UsageFigures>): UsageFigures {
  return { ...emptyFigures(), ...partial };
}
function row(day: string, partial: Partial<UsageFigures>, model = MODEL): DayModelFigures {
  return { day, model, figures: figures(partial) };
}
const call = { calls: 1n, uncachedInputTokens: 1_000n, outputTokens: 100n, costPicos: 1_500_000_000n };

describe("compareUsage", () => {
  test("identical figures agree, and totals are the sums of each side", () => {
    const result = compareUsage([row("2026-11-20", call)], [row("2026-11-20", call)], 0n);
    expect(result.agreed).toBe(true);
    expect(result.rows[0]!.differences).toEqual([]);
    expect(result.appCostPicos).toBe(1_500_000_000n);
  });

  test("a cost difference within tolerance agrees; one pico beyond it differs", () => {
    const report = [row("2026-11-20", { ...call, costPicos: 1_500_001_000n })];
    expect(compareUsage([row("2026-11-20", call)], report, 1_000n).agreed).toBe(true);
    const beyond = compareUsage([row("2026-11-20", call)], report, 999n);
    expect(beyond.agreed).toBe(false);
    expect(beyond.rows[0]!.differences).toEqual([
      { figure: "costPicos", app: 1_500_000_000n, anthropic: 1_500_001_000n, difference: 1_000n },
    ]);
    expect(beyond.rows[0]!.cause).toBe("price_differs");
  });

  test("tokens must match exactly, whatever the cost tolerance", () => {
    const report = [row("2026-11-20", { ...call, outputTokens: 101n })];
    const result = compareUsage([row("2026-11-20", call)], report, 10n ** 12n);
    expect(result.agreed).toBe(false);
    expect(result.rows[0]!.cause).toBe("outside_tracker");
  });

  test("a model only Anthropic reports is calls made outside the tracker; one only the app has is not in the report", () => {
    const result = compareUsage(
      [row("2026-11-20", call, "claude-opus-5-5")],
      [row("2026-11-20", call, "claude-sonnet-5-5")],
      0n,
    );
    expect(result.rows.map((entry) => [entry.model, entry.cause])).toEqual([
      ["claude-opus-5-5", "not_in_report"],
      ["claude-sonnet-5-5", "outside_tracker"],
    ]);
  });

  test("equal tokens with a cost gap and unpriced app calls is a price the catalog lacks", () => {
    const app = [row("2026-11-20", { ...call, costPicos: 0n, unpricedCalls: 1n })];
    expect(compareUsage(app, [row("2026-11-20", call)], 0n).rows[0]!.cause).toBe("unknown_price");
  });

  test("a call counted on neighbouring days by each side is a day-boundary difference, and the range agrees", () => {
    const app = [
      row("2026-11-20", call),
      row("2026-11-21", {
        ...call,
        calls: 2n,
        uncachedInputTokens: 2_000n,
        outputTokens: 200n,
        costPicos: 3_000_000_000n,
      }),
    ];
    const report = [
      row("2026-11-20", {
        ...call,
        calls: 2n,
        uncachedInputTokens: 2_000n,
        outputTokens: 200n,
        costPicos: 3_000_000_000n,
      }),
      row("2026-11-21", call),
    ];
    const result = compareUsage(app, report, 0n);
    expect(result.rows.map((entry) => entry.cause)).toEqual(["day_boundary", "day_boundary"]);
    expect(result.agreed).toBe(true);
  });

  test("neighbouring days that do not cancel out are not a day boundary", () => {
    const app = [row("2026-11-20", call), row("2026-11-21", call)];
    const report = [row("2026-11-20", { ...call, calls: 2n }), row("2026-11-21", call)];
    expect(compareUsage(app, report, 0n).rows[0]!.cause).toBe("outside_tracker");
  });
});
