import { daysInRange, describeRange, formatDay, localDateTimeOf, type RangeSelection } from "~/lib/time";
import type { PartialDayRange } from "./usage-analytics.server";

/**
 * What a period is compared with. A period that ends today is still running: comparing today's first hours with a
 * whole day of the previous period would read as a collapse. So its previous period counts its last day only up to
 * the same local time, to the nearest hour (on Dec 1 at 07:18, Nov 1 counts until 07:00; at 07:40, until 08:00).
 * A previous period that is shorter (March 1–31 against all of February) is already over and is compared whole.
 * Pure: `now` and the shop's zone are passed in.
 */
export interface PeriodComparison {
  /** The days (and, for a running period, the hours of the last day) the figures are compared with. */
  previous: PartialDayRange;
  /** For a running period: today's local time now and the cut on the previous period's last day. */
  cut: { day: string; beforeHour: number; nowTime: string; untilTime: string } | null;
  /** "Nov 1 – Nov 27, 2026, until 07:00" or "Nov 1 – Nov 30, 2026". */
  label: string;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, "0");
}

export function comparisonFor(selection: RangeSelection, today: string, now: Date, timeZone: string): PeriodComparison {
  const previous = selection.previousRange;
  const running = selection.range.to === today;
  const sameLength = daysInRange(previous) === daysInRange(selection.range);
  if (!running || !sameLength) return { previous, cut: null, label: describeRange(previous) };
  const nowTime = localDateTimeOf(now, timeZone).slice(11, 16);
  const [hours, minutes] = nowTime.split(":").map(Number) as [number, number];
  const beforeHour = Math.min(24, hours + (minutes >= 30 ? 1 : 0));
  const untilTime = beforeHour === 24 ? "24:00" : `${twoDigits(beforeHour)}:00`;
  return {
    previous: { ...previous, lastDayBeforeHour: beforeHour },
    cut: { day: previous.to, beforeHour, nowTime, untilTime },
    label: `${describeRange(previous)}, until ${untilTime}`,
  };
}

/**
 * "Dec 1, 2026 is still running (it is 07:18 on Dec 1), so it is compared with Nov 1, 2026 until 07:00: the same part
 * of the period, to the nearest hour in your store's time zone."
 */
export function comparisonSentence(selection: RangeSelection, comparison: PeriodComparison): string | null {
  const { cut } = comparison;
  if (!cut) return null;
  const previous = describeRange(selection.previousRange);
  const until =
    selection.previousRange.from === cut.day
      ? `${previous} until ${cut.untilTime}`
      : `${previous}, counting ${formatDay(cut.day)} until ${cut.untilTime}`;
  return (
    `${describeRange(selection.range)} is still running (it is ${cut.nowTime} on ${formatDay(selection.range.to)}), ` +
    `so it is compared with ${until}: the same part of the period, to the nearest hour in your store's time zone.`
  );
}
