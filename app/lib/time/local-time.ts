import { IANAZone } from "luxon";
import { isValidTimeZone, localDateTimeOf } from "./shop-calendar";
import { formatDay } from "./date-range";

/**
 * The shop's wall-clock time of many instants, e.g. "2026-11-27 14:05:09", as `localDateTimeOf` gives it, fast
 * enough for a million export rows. The zone's UTC offset comes from Luxon's time-zone database once per UTC
 * quarter hour (offset changes happen on quarter-hour UTC instants for every zone since the 1970s), and the text
 * is cut from the shifted instant's ISO string.
 */
const QUARTER_HOUR_MS = 15 * 60 * 1000;

export function localTimeFormatter(timeZone: string): (instant: Date) => string {
  const zone = IANAZone.create(isValidTimeZone(timeZone) ? timeZone : "UTC");
  let cachedQuarter = Number.NaN;
  let cachedOffsetMs = 0;
  return (instant) => {
    const ms = instant.getTime();
    const quarter = Math.floor(ms / QUARTER_HOUR_MS);
    if (quarter !== cachedQuarter) {
      cachedQuarter = quarter;
      cachedOffsetMs = zone.offset(ms) * 60_000;
    }
    const iso = new Date(ms + cachedOffsetMs).toISOString(); // "2026-11-27T14:05:09.123Z"
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  };
}

/** "Dec 1, 2026, 07:18": an instant as the shop's wall clock showed it, the same text on the server and any browser. */
export function describeLocalTime(instant: Date, timeZone: string): string {
  const local = localDateTimeOf(instant, timeZone);
  return `${formatDay(local.slice(0, 10), true)}, ${local.slice(11, 16)}`;
}
