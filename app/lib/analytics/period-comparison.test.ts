import { describe, expect, test } from "vitest";
import { parseRangeParams } from "~/lib/time";
import { comparisonFor, comparisonSentence } from "./period-comparison";

const NEW_YORK = "America/New_York";
const select = (query: string, today: string) => parseRangeParams(new URLSearchParams(query), today).selection;

describe("what a period is compared with", () => {
  test("on Dec 1 at 07:18 this month so far is compared with Nov 1 until 07:00", () => {
    // 07:18 EST is 12:18 UTC.
    const now = new Date("2026-12-01T12:18:00Z");
    const selection = select("", "2026-12-01");
    const comparison = comparisonFor(selection, "2026-12-01", now, NEW_YORK);
    expect(comparison.previous).toEqual({ from: "2026-11-01", to: "2026-11-01", lastDayBeforeHour: 7 });
    expect(comparison.cut).toEqual({ day: "2026-11-01", beforeHour: 7, nowTime: "07:18", untilTime: "07:00" });
    expect(comparison.label).toBe("Nov 1, 2026, until 07:00");
    expect(comparisonSentence(selection, comparison)).toBe(
      "Dec 1, 2026 is still running (it is 07:18 on Dec 1), so it is compared with Nov 1, 2026 until 07:00: the same part of the period, to the nearest hour in your store's time zone.",
    );
  });

  test("the cut is the nearest hour: at 07:40 the previous day counts until 08:00", () => {
    const comparison = comparisonFor(
      select("", "2026-12-01"),
      "2026-12-01",
      new Date("2026-12-01T12:40:00Z"),
      NEW_YORK,
    );
    expect(comparison.cut?.untilTime).toBe("08:00");
  });

  test("a rolling range ending today cuts the last day of the days before it, in the shop's zone", () => {
    // 23:50 in India (+05:30) on Nov 27 is 18:20 UTC: the previous 7 days end on Nov 20 and count it until midnight.
    const now = new Date("2026-11-27T18:20:00Z");
    const comparison = comparisonFor(select("range=last-7-days", "2026-11-27"), "2026-11-27", now, "Asia/Kolkata");
    expect(comparison.previous).toEqual({ from: "2026-11-14", to: "2026-11-20", lastDayBeforeHour: 24 });
  });

  test("a period that is over is compared whole", () => {
    const now = new Date("2026-12-01T12:18:00Z");
    const comparison = comparisonFor(select("range=last-month", "2026-12-01"), "2026-12-01", now, NEW_YORK);
    expect(comparison).toEqual({
      previous: { from: "2026-10-01", to: "2026-10-31" },
      cut: null,
      label: "Oct 1 – Oct 31, 2026",
    });
  });

  test("March 31 against all of February: February is over and shorter, so it is compared whole", () => {
    const now = new Date("2026-03-31T16:00:00Z");
    const comparison = comparisonFor(select("", "2026-03-31"), "2026-03-31", now, NEW_YORK);
    expect(comparison.cut).toBeNull();
    expect(comparison.previous).toEqual({ from: "2026-02-01", to: "2026-02-28" });
  });
});
