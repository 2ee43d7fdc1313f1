import { IANAZone } from "luxon";
import { isValidTimeZone, localDateTimeOf, wallClockFormatter } from "./shop-calendar";
import { formatDay } from "./date-range";

/**
 * The shop's wall-clock time of many instants, e.g. "2026-11-27 14:05:09", as `localDateTimeOf` gives it, fast
 * enough for a million export rows. The zone's UTC offset comes from Luxon's time-zone database once per UTC
 * quarter hour (offset changes happen on quarter-hour UTC instants for every zone since the 1970s), and the text
 * is cut from the shifted instant's ISO string.
 */
const QUARTER_HOUR_MS = 15 * 60 * 1000;

/** Instants from 1900 through 9999 (UTC), whose year the formatter below writes as four digits of the common era. */
const FAST_FROM_MS = Date.UTC(1900, 0, 1);
const FAST_UNTIL_MS = Date.UTC(10_000, 0, 1) - 2 * 86_400_000;
const FORMATTED = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;

/**
 * The zone's UTC offset in minutes at an instant, as Luxon's `IANAZone.offset` computes it (the zone's wall clock to
 * the second, less the instant), from one reused `Intl.DateTimeFormat`'s plain text: Luxon asks for the clock's parts
 * as objects (`formatToParts`), five times slower, which was most of the export's local-time cost. Anything the
 * pattern does not cover goes to Luxon.
 */
function offsetMinutesReader(zone: IANAZone): (ms: number) => number {
  const clock = wallClockFormatter(zone.name);
  return (ms) => {
    if (!(ms >= FAST_FROM_MS && ms < FAST_UNTIL_MS)) return zone.offset(ms);
    const parts = FORMATTED.exec(clock.format(ms));
    if (!parts) return zone.offset(ms);
    const [, month, day, year, hour, minute, second] = parts;
    const wallClock = Date.UTC(+year!, +month! - 1, +day!, +hour!, +minute!, +second!);
    // The clock shows whole seconds: the instant is floored to its second (before 1970 too, where `%` is negative).
    return (wallClock - (ms - (((ms % 1000) + 1000) % 1000))) / 60_000;
  };
}

export function localTimeFormatter(timeZone: string): (instant: Date) => string {
  const zone = IANAZone.create(isValidTimeZone(timeZone) ? timeZone : "UTC");
  const offsetMinutes = offsetMinutesReader(zone);
  let cachedQuarter = Number.NaN;
  let cachedOffsetMs = 0;
  return (instant) => {
    const ms = instant.getTime();
    const quarter = Math.floor(ms / QUARTER_HOUR_MS);
    if (quarter !== cachedQuarter) {
      cachedQuarter = quarter;
      cachedOffsetMs = offsetMinutes(ms) * 60_000;
    }
    const iso = new Date(ms + cachedOffsetMs).toISOString(); // "2026-11-27T14:05:09.123Z"
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  };
}

/**
 * The same wall-clock text for an instant given as UTC ISO-8601 text ("2026-11-27T14:05:09.123Z", as
 * `Date.prototype.toISOString` writes it), which is how the export's readers hand timestamps over. Rows come in time
 * order, so the zone's offset is looked up once per UTC quarter hour (as `localTimeFormatter` does), and where it is a
 * whole number of quarter hours (every zone's today: +05:45, +12:45 and +10:30 included) the local text of each of the
 * quarter's 15 minutes is made once and the row's seconds are appended: local minute = the quarter's local start minute
 * (a multiple of 15) + the minutes into the quarter, never past the hour. Any other offset (local mean time before
 * 1972) and any other text is formatted afresh through `localTimeFormatter`.
 */
export function localTimeOfIsoFormatter(timeZone: string): (isoUtc: string) => string {
  const ofInstant = localTimeFormatter(timeZone);
  const offsetMinutes = offsetMinutesReader(IANAZone.create(isValidTimeZone(timeZone) ? timeZone : "UTC"));
  let hour = "\u0000"; // "2026-11-27T14:" of the quarter below (no ISO text starts with NUL)
  let quarter = -1; // 0-3: which quarter of that hour
  let minutes: string[] | null = null; // the local "2026-11-27 19:45" of each of its minutes; null: format afresh
  return (iso) => {
    const minute = (iso.charCodeAt(14) - 0x30) * 10 + (iso.charCodeAt(15) - 0x30);
    if (iso.length !== 24 || iso.charCodeAt(23) !== 0x5a || !(minute >= 0 && minute < 60)) {
      return ofInstant(new Date(iso));
    }
    const index = Math.floor(minute / 15);
    if (index !== quarter || !iso.startsWith(hour)) {
      hour = iso.slice(0, 14);
      quarter = index;
      minutes = quarterMinutes(hour, index * 15, offsetMinutes);
    }
    return minutes === null ? ofInstant(new Date(iso)) : minutes[minute - index * 15] + iso.slice(16, 19);
  };
}

const QUARTER_MINUTES = Array.from({ length: 15 }, (_, minute) => minute);

/**
 * The local "yyyy-MM-dd HH:mm" of each minute of the UTC quarter hour starting at `startMinute` of `hour`
 * ("2026-11-27T14:"), or null where the zone's offset then is not a whole number of quarter hours.
 */
function quarterMinutes(hour: string, startMinute: number, offsetMinutes: (ms: number) => number): string[] | null {
  const start = Date.parse(`${hour}${String(startMinute).padStart(2, "0")}:00.000Z`);
  if (Number.isNaN(start)) return null;
  const offsetMs = offsetMinutes(start) * 60_000;
  if (!Number.isInteger(offsetMs / QUARTER_HOUR_MS)) return null;
  const local = new Date(start + offsetMs).toISOString(); // "2026-11-27T19:45:00.000Z"
  const prefix = `${local.slice(0, 10)} ${local.slice(11, 14)}`;
  const localStart = Number(local.slice(14, 16));
  return QUARTER_MINUTES.map((minute) => `${prefix}${String(localStart + minute).padStart(2, "0")}`);
}

/** "Dec 1, 2026, 07:18": an instant as the shop's wall clock showed it, the same text on the server and any browser. */
export function describeLocalTime(instant: Date, timeZone: string): string {
  const local = localDateTimeOf(instant, timeZone);
  return `${formatDay(local.slice(0, 10), true)}, ${local.slice(11, 16)}`;
}
