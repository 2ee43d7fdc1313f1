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

/**
 * The same wall-clock text for an instant given as UTC ISO-8601 text ("2026-11-27T14:05:09.123Z", as
 * `Date.prototype.toISOString` writes it), which is how the export's readers hand timestamps over. Rows come in time
 * order, several per minute, so the last minute's local text is kept and only the seconds are appended; a minute is
 * formatted afresh through `localTimeFormatter` when it changes. Offsets change only on whole UTC minutes (see above),
 * and a zone whose offset had seconds (local mean time, before 1972) is never cached.
 */
export function localTimeOfIsoFormatter(timeZone: string): (isoUtc: string) => string {
  const ofInstant = localTimeFormatter(timeZone);
  let minute = "\u0000"; // "2026-11-27T14:05" of the last minute formatted (no ISO text starts with NUL)
  let localMinute = ""; // "2026-11-27 09:05"
  return (iso) => {
    if (iso.startsWith(minute)) return localMinute + iso.slice(16, 19);
    const local = ofInstant(new Date(iso));
    const wholeMinuteOffset = local.slice(17, 19) === iso.slice(17, 19);
    minute = wholeMinuteOffset ? iso.slice(0, 16) : "\u0000";
    localMinute = local.slice(0, 16);
    return local;
  };
}

/** "Dec 1, 2026, 07:18": an instant as the shop's wall clock showed it, the same text on the server and any browser. */
export function describeLocalTime(instant: Date, timeZone: string): string {
  const local = localDateTimeOf(instant, timeZone);
  return `${formatDay(local.slice(0, 10), true)}, ${local.slice(11, 16)}`;
}
