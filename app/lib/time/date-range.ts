import {
  addDays,
  daysInRange,
  eachDay,
  isLocalDay,
  monthOf,
  previousMonthOf,
  previousPeriodOf,
  type DayRange,
  type LocalDay,
  MAX_RANGE_DAYS,
  EARLIEST_DAY,
} from "./shop-calendar";

/**
 * The analytics page's date range, as kept in the URL so a view can be shared: `?range=last-30-days`, or
 * `?range=custom&from=2026-10-01&to=2026-10-15`. Pure: `today` (the shop's local day) is passed in.
 * A range the page cannot use never fails the page: it falls back to this month and says why.
 */
export const RANGE_PRESETS = [
  "this-month",
  "last-month",
  "last-7-days",
  "last-30-days",
  "last-90-days",
  "custom",
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
const DEFAULT_PRESET = "this-month" satisfies RangePreset;

export const PRESET_LABELS: Record<RangePreset, string> = {
  "this-month": "This month",
  "last-month": "Last month",
  "last-7-days": "Last 7 days",
  "last-30-days": "Last 30 days",
  "last-90-days": "Last 90 days",
  custom: "Custom range",
};

/**
 * How the trend chart lines up the previous period with the chosen one: month presets by day of month
 * (the 5th beside the 5th), other ranges by position (the first day beside the first day).
 */
export type TrendAlignment = "day-of-month" | "position";

export interface RangeSelection {
  preset: RangePreset;
  /** The days the page shows. */
  range: DayRange;
  /** The days every figure is compared with (for this month so far: the same days of last month). */
  previousRange: DayRange;
  /** The days drawn beside the chosen ones in the trend chart (for this month: all of last month). */
  trendPreviousRange: DayRange;
  alignment: TrendAlignment;
}

export interface ParsedRange {
  selection: RangeSelection;
  /** Why the URL's range could not be used (the selection is then the default), or null. */
  error: string | null;
}

function isPreset(value: string): value is RangePreset {
  return (RANGE_PRESETS as readonly string[]).includes(value);
}

/** The same days of the month before, cut at that month's end (March 1–31 compares with February 1–28). */
function sameDaysOfPreviousMonth(range: DayRange): DayRange {
  const previousMonth = previousMonthOf(range.from);
  const to = addDays(previousMonth.from, daysInRange(range) - 1);
  return { from: previousMonth.from, to: to < previousMonth.to ? to : previousMonth.to };
}

function lastDays(days: number, today: LocalDay): RangeSelection {
  const range = { from: addDays(today, -(days - 1)), to: today };
  const previousRange = previousPeriodOf(range);
  return {
    preset: `last-${days}-days` as RangePreset,
    range,
    previousRange,
    trendPreviousRange: previousRange,
    alignment: "position",
  };
}

/** The selection for a preset (not "custom") on the shop's `today`. */
function presetSelection(preset: Exclude<RangePreset, "custom">, today: LocalDay): RangeSelection {
  switch (preset) {
    case "this-month": {
      const range = { from: monthOf(today).from, to: today };
      return {
        preset,
        range,
        previousRange: sameDaysOfPreviousMonth(range),
        trendPreviousRange: previousMonthOf(today),
        alignment: "day-of-month",
      };
    }
    case "last-month": {
      const range = previousMonthOf(today);
      const previousRange = previousMonthOf(range.from);
      return { preset, range, previousRange, trendPreviousRange: previousRange, alignment: "day-of-month" };
    }
    case "last-7-days":
      return lastDays(7, today);
    case "last-30-days":
      return lastDays(30, today);
    case "last-90-days":
      return lastDays(90, today);
  }
}

/** Why a custom range cannot be shown, or null when it can. */
function customRangeProblem(from: string | null, to: string | null, today: LocalDay): string | null {
  if (!from || !to) return "A custom range needs a start date and an end date.";
  if (!isLocalDay(from) || !isLocalDay(to)) return "Dates must be real days written as YYYY-MM-DD.";
  if (from > to) return "The start date is after the end date.";
  if (from < EARLIEST_DAY) return `The start date is before ${EARLIEST_DAY}.`;
  if (to > today) return `The end date is after today (${today}).`;
  if (daysInRange({ from, to }) > MAX_RANGE_DAYS) return `A range can cover at most ${MAX_RANGE_DAYS} days.`;
  return null;
}

/** Reads `range`, `from` and `to` from the URL; anything unusable gives the default range and a reason. */
export function parseRangeParams(params: URLSearchParams, today: LocalDay): ParsedRange {
  const preset = params.get("range") ?? DEFAULT_PRESET;
  const fallback = (error: string): ParsedRange => ({ selection: presetSelection(DEFAULT_PRESET, today), error });
  if (!isPreset(preset)) return fallback(`"${preset}" is not a date range this page knows.`);
  if (preset !== "custom") return { selection: presetSelection(preset, today), error: null };

  const from = params.get("from");
  const to = params.get("to");
  const problem = customRangeProblem(from, to, today);
  if (problem || !from || !to) return fallback(problem ?? "A custom range needs a start date and an end date.");
  const range = { from, to };
  const previousRange = previousPeriodOf(range);
  return {
    selection: { preset, range, previousRange, trendPreviousRange: previousRange, alignment: "position" },
    error: null,
  };
}

/** The search params that select a range (for links and the picker). */
export function rangeSearchParams(selection: Pick<RangeSelection, "preset" | "range">): URLSearchParams {
  const params = new URLSearchParams({ range: selection.preset });
  if (selection.preset === "custom") {
    params.set("from", selection.range.from);
    params.set("to", selection.range.to);
  }
  return params;
}

/** One x-axis position of the trend chart: the chosen period's day and the previous period's day drawn there. */
export interface TrendSlot {
  /** The axis label: the day of month ("5") or the chosen period's date ("2026-11-05"). */
  label: string;
  currentDay: LocalDay | null;
  previousDay: LocalDay | null;
}

/**
 * The trend chart's x-axis. Month presets get one slot per day of month, up to the longer month's length, and
 * for this month so far the days still to come stay empty; other ranges pair days by position.
 */
export function trendSlots(selection: RangeSelection): TrendSlot[] {
  const current = eachDay(selection.range);
  const previous = eachDay(selection.trendPreviousRange);
  if (selection.alignment === "position") {
    return current.map((day, index) => ({ label: day, currentDay: day, previousDay: previous[index] ?? null }));
  }
  const currentMonthDays = daysInRange(monthOf(selection.range.from));
  const slots = Math.max(currentMonthDays, previous.length);
  return Array.from({ length: slots }, (_, index) => ({
    label: String(index + 1),
    currentDay: current[index] ?? null,
    previousDay: previous[index] ?? null,
  }));
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Nov 5" (or "Nov 5, 2026" with the year): the same text on the server and in any browser. */
export function formatDay(day: LocalDay, withYear = false): string {
  const [year, month, date] = day.split("-");
  const text = `${MONTHS[Number(month) - 1]} ${Number(date)}`;
  return withYear ? `${text}, ${year}` : text;
}

/** "Nov 1 – Nov 27, 2026", "Dec 28, 2025 – Jan 3, 2026" or "Nov 5, 2026". */
export function describeRange(range: DayRange): string {
  if (range.from === range.to) return formatDay(range.from, true);
  const sameYear = range.from.slice(0, 4) === range.to.slice(0, 4);
  return `${formatDay(range.from, !sameYear)} – ${formatDay(range.to, true)}`;
}
