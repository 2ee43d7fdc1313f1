import { DateTime, IANAZone } from "luxon";

/**
 * The shop's calendar: days and months in the shop's IANA time zone, as `YYYY-MM-DD` strings.
 * Every day boundary in the app goes through here, so India's +05:30 and DST-change days (23 or 25 hours)
 * are handled in one place, by Luxon's time-zone database.
 */
export type LocalDay = string;

export interface DayRange {
  /** First day, inclusive. */
  from: LocalDay;
  /** Last day, inclusive. */
  to: LocalDay;
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function isValidTimeZone(timeZone: string): boolean {
  return IANAZone.isValidZone(timeZone);
}

const validZones = new Map<string, boolean>();

function zoneOrUtc(timeZone: string): string {
  let valid = validZones.get(timeZone);
  if (valid === undefined) {
    valid = isValidTimeZone(timeZone);
    validZones.set(timeZone, valid);
  }
  return valid ? timeZone : "UTC";
}

export function isLocalDay(value: string): value is LocalDay {
  // A real day survives the round trip through the UTC calendar ("2026-02-30" comes back as March 2nd).
  return DAY_PATTERN.test(value) && dayOfNumber(dayNumberOf(value as LocalDay)) === value;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The shop's calendar day at an instant. On the tracker's write path for every call, so it uses a cached
 * Intl formatter (the same ICU time-zone data Luxon reads; about ten times faster than building a DateTime).
 */
export function localDayOf(instant: Date, timeZone: string): LocalDay {
  const zone = zoneOrUtc(timeZone);
  let formatter = dayFormatters.get(zone);
  if (!formatter) {
    // en-CA formats dates as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormatters.set(zone, formatter);
  }
  return formatter.format(instant);
}

const hourFormatters = new Map<string, Intl.DateTimeFormat>();
const dateTimeFormatters = new Map<string, Intl.DateTimeFormat>();

/** The shop's local hour of the day at an instant, 0 to 23 (on the tracker's write path: a cached Intl formatter). */
export function localHourOf(instant: Date, timeZone: string): number {
  const zone = zoneOrUtc(timeZone);
  let formatter = hourFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", hourCycle: "h23" });
    hourFormatters.set(zone, formatter);
  }
  return Number(formatter.format(instant));
}

/** The zone's wall clock to the second, as "11/27/2026, 14:05:09" (en-US, 24-hour): one formatter per zone. */
export function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  const zone = zoneOrUtc(timeZone);
  let formatter = dateTimeFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    dateTimeFormatters.set(zone, formatter);
  }
  return formatter;
}

/** The shop's local wall-clock time of an instant, e.g. "2026-11-27 14:05:09". */
export function localDateTimeOf(instant: Date, timeZone: string): string {
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of wallClockFormatter(timeZone).formatToParts(instant)) part[type] = value;
  return `${part.year!.padStart(4, "0")}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

/** The UTC instant where a local day starts (midnight, or the first instant after a DST gap). */
export function startOfLocalDay(day: LocalDay, timeZone: string): Date {
  return DateTime.fromISO(day, { zone: zoneOrUtc(timeZone) })
    .startOf("day")
    .toJSDate();
}

/** Hours in a local day: 24, or 23/25 on DST changes. */
export function hoursInLocalDay(day: LocalDay, timeZone: string): number {
  const start = DateTime.fromISO(day, { zone: zoneOrUtc(timeZone) }).startOf("day");
  return start.plus({ days: 1 }).diff(start, "hours").hours;
}

/**
 * Calendar arithmetic on local days needs no time zone: a day is a whole number of days since 1970-01-01, counted
 * with the platform's UTC calendar (Luxon's DateTime for the same cost ten times over, on every day of every range).
 */
const DAY_MS = 86_400_000;

function dayNumberOf(day: LocalDay): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  date.setUTCFullYear(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  return Math.round(date.getTime() / DAY_MS);
}

/** Day names already made: a page load names the same few hundred days several times (trend, forecast, ranges). */
const dayNames = new Map<number, LocalDay>();
const MAX_REMEMBERED_DAYS = 4_096;

function dayOfNumber(dayNumber: number): LocalDay {
  const remembered = dayNames.get(dayNumber);
  if (remembered !== undefined) return remembered;
  const date = new Date(dayNumber * DAY_MS);
  const year = String(date.getUTCFullYear()).padStart(4, "0");
  const month = String(date.getUTCMonth() + 1).padStart(2, "0");
  const dayOfMonth = String(date.getUTCDate()).padStart(2, "0");
  const day = `${year}-${month}-${dayOfMonth}` as LocalDay;
  if (dayNames.size >= MAX_REMEMBERED_DAYS) dayNames.clear();
  dayNames.set(dayNumber, day);
  return day;
}

export function addDays(day: LocalDay, days: number): LocalDay {
  return dayOfNumber(dayNumberOf(day) + days);
}

/** Inclusive count of days in a range. */
export function daysInRange(range: DayRange): number {
  return dayNumberOf(range.to) - dayNumberOf(range.from) + 1;
}

/** Every day of a range, in order; a range the app could never ask for (see assertValidRange) is refused. */
export function eachDay(range: DayRange): LocalDay[] {
  assertValidRange(range);
  const count = daysInRange(range);
  const first = dayNumberOf(range.from);
  const days: LocalDay[] = [];
  for (let index = 0; index < count; index++) days.push(dayOfNumber(first + index));
  return days;
}

/** The calendar month containing `day`. */
export function monthOf(day: LocalDay): DayRange {
  const from = `${day.slice(0, 7)}-01` as LocalDay;
  const nextMonth = new Date(0);
  nextMonth.setUTCFullYear(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 1);
  return { from, to: dayOfNumber(Math.round(nextMonth.getTime() / DAY_MS) - 1) };
}

/** "2026-11" for any day in November 2026. */
export function monthKeyOf(day: LocalDay): string {
  return day.slice(0, 7);
}

export function previousMonthOf(day: LocalDay): DayRange {
  return monthOf(addDays(monthOf(day).from, -1));
}

/** The shop's current month, from its first day through `now`'s local day. */
export function currentMonthToDate(now: Date, timeZone: string): DayRange {
  const today = localDayOf(now, timeZone);
  return { from: monthOf(today).from, to: today };
}

/** The range of equal length that ends the day before `range` starts. */
export function previousPeriodOf(range: DayRange): DayRange {
  const length = daysInRange(range);
  return { from: addDays(range.from, -length), to: addDays(range.from, -1) };
}

/** Elapsed fraction of the local day at `now` (a 23- or 25-hour DST day counts its real hours). */
export function elapsedFractionOfDay(now: Date, timeZone: string): number {
  const local = DateTime.fromJSDate(now, { zone: zoneOrUtc(timeZone) });
  const start = local.startOf("day");
  const end = start.plus({ days: 1 });
  return local.diff(start).as("milliseconds") / end.diff(start).as("milliseconds");
}

export class InvalidRangeError extends Error {
  override name = "InvalidRangeError";
}

export const MAX_RANGE_DAYS = 366;

/** The first day a merchant may ask about: the app keeps nothing older, and no date field goes further back. */
export const EARLIEST_DAY: LocalDay = "2000-01-01";

/**
 * Where any range the app reads must lie: a year before EARLIEST_DAY (a range's previous period) to the end of the
 * century. Every loop over days and every window of timestamps is bounded by it, whatever a caller passes.
 */
const OUTER_BOUNDS: DayRange = { from: "1999-01-01", to: "2099-12-31" };

/** Checks a day range: real days, `from` not after `to`, at most 366 days, inside the app's calendar. */
export function assertValidRange(range: DayRange): void {
  if (!isLocalDay(range.from) || !isLocalDay(range.to)) {
    throw new InvalidRangeError("Dates must be real days written as YYYY-MM-DD");
  }
  if (range.from > range.to) throw new InvalidRangeError("The start date is after the end date");
  if (range.from < OUTER_BOUNDS.from || range.to > OUTER_BOUNDS.to) {
    throw new InvalidRangeError(`Dates must be between ${EARLIEST_DAY} and tomorrow`);
  }
  if (daysInRange(range) > MAX_RANGE_DAYS)
    throw new InvalidRangeError(`A range can cover at most ${MAX_RANGE_DAYS} days`);
}

/**
 * Checks a range a request asked for against the shop's calendar: valid (above), from EARLIEST_DAY, and ending no
 * later than tomorrow in the shop's zone (`today` is the shop's local day).
 */
export function assertRangeInCalendar(range: DayRange, today: LocalDay): void {
  assertValidRange(range);
  if (range.from < EARLIEST_DAY || range.to > addDays(today, 1)) {
    throw new InvalidRangeError(`Dates must be between ${EARLIEST_DAY} and tomorrow (${addDays(today, 1)})`);
  }
}
