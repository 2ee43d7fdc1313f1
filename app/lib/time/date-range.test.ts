import { describe, expect, test } from "vitest";
import { describeRange, parseRangeParams, rangeSearchParams, trendSlots } from "./date-range";

const TODAY = "2026-11-27";
const parse = (query: string, today = TODAY) => parseRangeParams(new URLSearchParams(query), today);

describe("reading the date range from the URL", () => {
  test("no range in the URL means this month so far, compared with the same days of last month", () => {
    const { selection, error } = parse("");
    expect(error).toBeNull();
    expect(selection).toEqual({
      preset: "this-month",
      range: { from: "2026-11-01", to: "2026-11-27" },
      previousRange: { from: "2026-10-01", to: "2026-10-27" },
      trendPreviousRange: { from: "2026-10-01", to: "2026-10-31" },
      alignment: "day-of-month",
    });
  });

  test("on March 31 this month compares with all of February, which is shorter", () => {
    const { selection } = parse("range=this-month", "2026-03-31");
    expect(selection.range).toEqual({ from: "2026-03-01", to: "2026-03-31" });
    expect(selection.previousRange).toEqual({ from: "2026-02-01", to: "2026-02-28" });
  });

  test("last month in January is December of the year before, compared with November", () => {
    const { selection } = parse("range=last-month", "2026-01-15");
    expect(selection.range).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(selection.previousRange).toEqual({ from: "2025-11-01", to: "2025-11-30" });
    expect(selection.alignment).toBe("day-of-month");
  });

  test.each([
    ["last-7-days", { from: "2026-11-21", to: "2026-11-27" }, { from: "2026-11-14", to: "2026-11-20" }],
    ["last-30-days", { from: "2026-10-29", to: "2026-11-27" }, { from: "2026-09-29", to: "2026-10-28" }],
    ["last-90-days", { from: "2026-08-30", to: "2026-11-27" }, { from: "2026-06-01", to: "2026-08-29" }],
  ])("%s ends today and compares with the days just before it", (preset, range, previousRange) => {
    const { selection, error } = parse(`range=${preset}`);
    expect(error).toBeNull();
    expect(selection).toMatchObject({
      preset,
      range,
      previousRange,
      trendPreviousRange: previousRange,
      alignment: "position",
    });
  });

  test("a custom range compares with the period of equal length before it", () => {
    const { selection, error } = parse("range=custom&from=2026-10-10&to=2026-10-19");
    expect(error).toBeNull();
    expect(selection.range).toEqual({ from: "2026-10-10", to: "2026-10-19" });
    expect(selection.previousRange).toEqual({ from: "2026-09-30", to: "2026-10-09" });
  });

  test.each([
    ["range=yesterday", '"yesterday" is not a date range this page knows.'],
    ["range=custom", "A custom range needs a start date and an end date."],
    ["range=custom&from=2026-10-01", "A custom range needs a start date and an end date."],
    ["range=custom&from=2026-02-30&to=2026-03-02", "Dates must be real days written as YYYY-MM-DD."],
    ["range=custom&from=10/01/2026&to=2026-10-05", "Dates must be real days written as YYYY-MM-DD."],
    ["range=custom&from=2026-10-05&to=2026-10-01", "The start date is after the end date."],
    ["range=custom&from=2026-11-01&to=2026-12-01", "The end date is after today (2026-11-27)."],
    ["range=custom&from=2025-01-01&to=2026-11-01", "A range can cover at most 366 days."],
  ])("%s falls back to this month and says why", (query, message) => {
    const { selection, error } = parse(query);
    expect(error).toBe(message);
    expect(selection.preset).toBe("this-month");
    expect(selection.range).toEqual({ from: "2026-11-01", to: "2026-11-27" });
  });

  test("a custom range of exactly 366 days is allowed", () => {
    expect(parse("range=custom&from=2025-11-27&to=2026-11-27").error).toBeNull();
  });

  test("the search params of a selection read back as the same selection", () => {
    for (const query of ["range=last-30-days", "range=custom&from=2026-10-10&to=2026-10-19"]) {
      const { selection } = parse(query);
      expect(parse(rangeSearchParams(selection).toString()).selection).toEqual(selection);
    }
    expect(rangeSearchParams(parse("range=last-month").selection).toString()).toBe("range=last-month");
  });
});

describe("the trend chart's days", () => {
  test("this month is laid out by day of month, with the days still to come left empty", () => {
    const slots = trendSlots(parse("").selection);
    // November has 30 days and October 31: the axis runs to 31 so all of October is drawn.
    expect(slots).toHaveLength(31);
    expect(slots[0]).toEqual({ label: "1", currentDay: "2026-11-01", previousDay: "2026-10-01" });
    expect(slots[26]).toEqual({ label: "27", currentDay: "2026-11-27", previousDay: "2026-10-27" });
    expect(slots[27]).toEqual({ label: "28", currentDay: null, previousDay: "2026-10-28" });
    expect(slots[30]).toEqual({ label: "31", currentDay: null, previousDay: "2026-10-31" });
    expect(slots.filter((slot) => slot.currentDay !== null)).toHaveLength(27);
  });

  test("March so far beside February leaves February's missing days empty", () => {
    const slots = trendSlots(parse("", "2026-03-31").selection);
    expect(slots).toHaveLength(31);
    expect(slots[28]).toEqual({ label: "29", currentDay: "2026-03-29", previousDay: null });
  });

  test("other ranges pair days by position, one slot per day of the range", () => {
    const slots = trendSlots(parse("range=last-7-days").selection);
    expect(slots.map((slot) => [slot.currentDay, slot.previousDay])).toEqual([
      ["2026-11-21", "2026-11-14"],
      ["2026-11-22", "2026-11-15"],
      ["2026-11-23", "2026-11-16"],
      ["2026-11-24", "2026-11-17"],
      ["2026-11-25", "2026-11-18"],
      ["2026-11-26", "2026-11-19"],
      ["2026-11-27", "2026-11-20"],
    ]);
  });
});

describe("describing a range", () => {
  test("in words, with the year once when it does not change", () => {
    expect(describeRange({ from: "2026-11-01", to: "2026-11-27" })).toBe("Nov 1 – Nov 27, 2026");
    expect(describeRange({ from: "2025-12-28", to: "2026-01-03" })).toBe("Dec 28, 2025 – Jan 3, 2026");
    expect(describeRange({ from: "2026-11-05", to: "2026-11-05" })).toBe("Nov 5, 2026");
  });
});
