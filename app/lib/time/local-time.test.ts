import { describe, expect, test } from "vitest";
import { localDateTimeOf } from "./shop-calendar";
import { localTimeFormatter, localTimeOfIsoFormatter } from "./local-time";

// Each zone with a window of UTC instants around its offset changes.
const ZONE_WINDOWS = [
  // New York's spring-forward (02:00 EST -> 03:00 EDT, 07:00 UTC) and fall-back (02:00 EDT -> 01:00 EST, 06:00 UTC).
  ["America/New_York", "2026-03-08T06:00:00Z", "2026-03-08T08:00:00Z"],
  ["America/New_York", "2026-11-01T05:00:00Z", "2026-11-01T07:00:00Z"],
  // India has no DST, +05:30.
  ["Asia/Kolkata", "2026-10-31T18:00:00Z", "2026-10-31T19:00:00Z"],
  // Lord Howe Island moves by half an hour (+10:30 <-> +11), at 02:00 local.
  ["Australia/Lord_Howe", "2026-04-04T14:00:00Z", "2026-04-04T16:00:00Z"],
  ["Australia/Lord_Howe", "2026-10-03T14:30:00Z", "2026-10-03T16:30:00Z"],
  // Nepal is +05:45; Chatham Islands +12:45/+13:45.
  ["Asia/Kathmandu", "2026-06-01T00:00:00Z", "2026-06-01T01:00:00Z"],
  ["Pacific/Chatham", "2026-04-04T13:00:00Z", "2026-04-04T15:00:00Z"],
  ["Not/A_Zone", "2026-06-01T00:00:00Z", "2026-06-01T00:10:00Z"],
  // Liberia kept local mean time (-00:44:30, not whole minutes) until 1972-01-07.
  ["Africa/Monrovia", "1971-06-01T00:00:00Z", "1971-06-01T01:00:00Z"],
  // Amsterdam's summer time of 1937 moved from +01:19:32 to +00:20 (a whole minute, not a quarter hour).
  ["Europe/Amsterdam", "1937-06-30T22:00:00Z", "1937-07-01T01:00:00Z"],
] as const;

describe("the export's local time", () => {
  test.each(ZONE_WINDOWS)("in %s, every second from %s to %s reads as localDateTimeOf says", (zone, from, to) => {
    const format = localTimeFormatter(zone);
    for (let ms = Date.parse(from); ms <= Date.parse(to); ms += 1_000) {
      const instant = new Date(ms);
      expect(format(instant)).toBe(localDateTimeOf(instant, zone));
    }
  });

  test.each(ZONE_WINDOWS)(
    "in %s, from %s to %s, the same instants given as ISO text (at uneven milliseconds) read the same",
    (zone, from, to) => {
      const format = localTimeOfIsoFormatter(zone);
      for (let ms = Date.parse(from); ms <= Date.parse(to); ms += 1_237) {
        const instant = new Date(ms);
        expect(format(instant.toISOString())).toBe(localDateTimeOf(instant, zone));
      }
    },
  );

  test("an instant part-way through a second reads as its second, also before 1970 (and before 1900, through Luxon)", () => {
    for (const zone of ["America/New_York", "Europe/Amsterdam", "Asia/Kathmandu", "Africa/Monrovia"]) {
      for (const iso of [
        "1950-06-30T22:00:00.500Z",
        "1937-06-30T22:59:59.999Z",
        "1969-12-31T23:59:59.001Z",
        "1970-01-01T00:00:00.999Z",
        "1899-12-31T23:59:59.750Z",
        "2026-11-27T14:05:09.123Z",
      ]) {
        const instant = new Date(iso);
        expect(localTimeFormatter(zone)(instant)).toBe(localDateTimeOf(instant, zone));
        expect(localTimeOfIsoFormatter(zone)(iso)).toBe(localDateTimeOf(instant, zone));
      }
    }
  });

  test("in every zone this runtime knows, instants from 1850 to 2150 read as Luxon reads them", () => {
    let seed = 13;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const from = Date.UTC(1850, 0, 1);
    const span = Date.UTC(2150, 0, 1) - from;
    for (const zone of Intl.supportedValuesOf("timeZone")) {
      const format = localTimeFormatter(zone);
      for (let n = 0; n < 40; n++) {
        const instant = new Date(from + Math.floor(next() * span));
        expect(format(instant)).toBe(localDateTimeOf(instant, zone));
      }
    }
  });

  test("ISO text of one instant a day over years, far apart in time, reads right (no stale quarter)", () => {
    for (const zone of ["America/New_York", "Asia/Kathmandu", "Europe/London"]) {
      const format = localTimeOfIsoFormatter(zone);
      // The same minute of the same hour on each day: only the date tells the quarters apart.
      for (let ms = Date.parse("2025-01-01T06:07:08.009Z"); ms < Date.parse("2027-01-01T00:00:00Z"); ms += 86_400_000) {
        const instant = new Date(ms);
        expect(format(instant.toISOString())).toBe(localDateTimeOf(instant, zone));
      }
    }
  });

  test("ISO text that jumps back and forth across a change still reads right (no stale minute)", () => {
    const format = localTimeOfIsoFormatter("America/New_York");
    for (const iso of [
      "2026-11-01T05:59:59.999Z",
      "2026-11-01T06:00:00.000Z",
      "2026-11-01T05:59:30.000Z",
      "2026-11-01T06:00:59.000Z",
    ]) {
      expect(format(iso)).toBe(localDateTimeOf(new Date(iso), "America/New_York"));
    }
  });
});
