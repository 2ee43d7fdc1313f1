import { describe, expect, test } from "vitest";
import { DateTime } from "luxon";
import {
  addDays,
  currentMonthToDate,
  daysInRange,
  eachDay,
  elapsedFractionOfDay,
  hoursInLocalDay,
  localHourOf,
  isLocalDay,
  localDateTimeOf,
  localDayOf,
  monthOf,
  previousMonthOf,
  previousPeriodOf,
  startOfLocalDay,
} from "./shop-calendar";

describe("the shop's calendar", () => {
  test("a call at 23:59 UTC on Oct 31 is already Nov 1 in India (+05:30)", () => {
    const instant = new Date("2026-10-31T23:59:00Z");
    expect(localDayOf(instant, "Asia/Kolkata")).toBe("2026-11-01");
    expect(localDayOf(instant, "UTC")).toBe("2026-10-31");
    expect(localDayOf(instant, "America/Los_Angeles")).toBe("2026-10-31");
  });

  test("India's day starts at 18:30 UTC the day before", () => {
    expect(startOfLocalDay("2026-11-01", "Asia/Kolkata").toISOString()).toBe("2026-10-31T18:30:00.000Z");
    expect(localDayOf(new Date("2026-10-31T18:29:59.999Z"), "Asia/Kolkata")).toBe("2026-10-31");
    expect(localDayOf(new Date("2026-10-31T18:30:00.000Z"), "Asia/Kolkata")).toBe("2026-11-01");
  });

  test("the US fall-back day has 25 hours and the spring-forward day 23", () => {
    expect(hoursInLocalDay("2026-11-01", "America/New_York")).toBe(25);
    expect(hoursInLocalDay("2026-03-08", "America/New_York")).toBe(23);
    expect(hoursInLocalDay("2026-11-02", "America/New_York")).toBe(24);
  });

  test("both 01:30s of the fall-back day belong to that day", () => {
    // 01:30 EDT (05:30Z) and 01:30 EST (06:30Z) on 2026-11-01.
    expect(localDayOf(new Date("2026-11-01T05:30:00Z"), "America/New_York")).toBe("2026-11-01");
    expect(localDayOf(new Date("2026-11-01T06:30:00Z"), "America/New_York")).toBe("2026-11-01");
    // The day ends at midnight EST, 05:00Z on Nov 2.
    expect(localDayOf(new Date("2026-11-02T04:59:59Z"), "America/New_York")).toBe("2026-11-01");
    expect(localDayOf(new Date("2026-11-02T05:00:00Z"), "America/New_York")).toBe("2026-11-02");
  });

  test("half of a 25-hour day has passed 12.5 hours after its midnight", () => {
    const midnight = startOfLocalDay("2026-11-01", "America/New_York");
    const later = new Date(midnight.getTime() + 12.5 * 3600_000);
    expect(elapsedFractionOfDay(later, "America/New_York")).toBeCloseTo(0.5, 10);
  });

  test("months and ranges", () => {
    expect(monthOf("2028-02-10")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
    expect(previousMonthOf("2026-03-31")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(currentMonthToDate(new Date("2026-11-30T20:00:00Z"), "Asia/Kolkata")).toEqual({
      from: "2026-12-01",
      to: "2026-12-01",
    });
    expect(previousPeriodOf({ from: "2026-11-01", to: "2026-11-07" })).toEqual({
      from: "2026-10-25",
      to: "2026-10-31",
    });
    expect(daysInRange({ from: "2026-03-01", to: "2026-03-31" })).toBe(31);
    expect(eachDay({ from: "2026-02-27", to: "2026-03-02" })).toEqual([
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
      "2026-03-02",
    ]);
  });

  test("only real days are days", () => {
    expect(isLocalDay("2026-02-28")).toBe(true);
    expect(isLocalDay("2026-02-30")).toBe(false);
    expect(isLocalDay("2026-2-3")).toBe(false);
    expect(isLocalDay("yesterday")).toBe(false);
  });

  test("an unknown time zone falls back to UTC rather than failing", () => {
    expect(localDayOf(new Date("2026-10-31T23:59:00Z"), "Mars/Olympus_Mons")).toBe("2026-10-31");
  });

  test("the fast day lookup agrees with Luxon across odd offsets and DST changes", () => {
    const zones = [
      "Asia/Kolkata",
      "America/New_York",
      "Australia/Lord_Howe",
      "Asia/Kathmandu",
      "Pacific/Chatham",
      "UTC",
    ];
    const start = Date.parse("2026-01-01T00:00:00Z");
    for (let i = 0; i < 3_000; i++) {
      // Every 175 minutes and 7 seconds through 2026: crosses every DST change at many times of day.
      const instant = new Date(start + i * (175 * 60_000 + 7_000));
      for (const zone of zones) {
        expect(localDayOf(instant, zone)).toBe(DateTime.fromJSDate(instant, { zone }).toISODate());
      }
    }
  });
});

describe("the shop's local hour", () => {
  test("agrees with Luxon across odd offsets and DST changes", () => {
    const zones = ["Asia/Kolkata", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC"];
    const start = Date.parse("2026-01-01T00:00:00Z");
    for (let i = 0; i < 2_000; i++) {
      const instant = new Date(start + i * (263 * 60_000 + 11_000));
      for (const zone of zones) expect(localHourOf(instant, zone)).toBe(DateTime.fromJSDate(instant, { zone }).hour);
    }
  });

  test("the local wall-clock time agrees with Luxon's across odd offsets and DST changes", () => {
    const zones = ["Asia/Kolkata", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham", "UTC"];
    const start = Date.parse("2026-01-01T00:00:00Z");
    for (let i = 0; i < 2_000; i++) {
      const instant = new Date(start + i * (263 * 60_000 + 11_000));
      for (const zone of zones) {
        expect(localDateTimeOf(instant, zone)).toBe(
          DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM-dd HH:mm:ss"),
        );
      }
    }
    expect(localDateTimeOf(new Date("2026-11-01T04:00:00Z"), "America/New_York")).toBe("2026-11-01 00:00:00");
  });

  test("midnight is hour 0, not 24", () => {
    expect(localHourOf(new Date("2026-11-01T04:00:00Z"), "America/New_York")).toBe(0);
  });
});

describe("calendar arithmetic on local days agrees with Luxon's calendar", () => {
  // Every day from 1999 to 2101 (leap years, 2000's 29 February, century ends), and the ends of the four-digit years.
  const start = DateTime.fromISO("1999-01-01", { zone: "UTC" });
  const days = Array.from({ length: 37_250 }, (_, index) => start.plus({ days: index }).toISODate()!);
  days.push("0001-01-01", "0099-12-31", "0100-03-01", "9999-11-01");

  test("addDays, daysInRange and monthOf for each day", () => {
    for (const day of days) {
      const luxon = DateTime.fromISO(day, { zone: "UTC" });
      for (const step of [-400, -31, -1, 1, 29, 366]) {
        const expected = luxon.plus({ days: step }).toISODate();
        if (expected && expected.length === 10) expect(addDays(day, step)).toBe(expected);
      }
      const later = luxon.plus({ days: 45 }).toISODate()!;
      if (later.length === 10) expect(daysInRange({ from: day, to: later })).toBe(46);
      expect(monthOf(day)).toEqual({ from: luxon.startOf("month").toISODate(), to: luxon.endOf("month").toISODate() });
    }
  });

  test("isLocalDay accepts exactly the days Luxon's calendar has", () => {
    for (const day of days) expect(isLocalDay(day)).toBe(true);
    for (const notADay of [
      "2026-02-29",
      "2028-02-30",
      "2100-02-29",
      "2026-04-31",
      "2026-13-01",
      "2026-00-10",
      "2026-01-00",
    ]) {
      expect(isLocalDay(notADay)).toBe(DateTime.fromISO(notADay, { zone: "UTC" }).isValid);
      expect(isLocalDay(notADay)).toBe(false);
    }
    expect(isLocalDay("2000-02-29")).toBe(true);
  });

  test("eachDay lists the days of a range across a leap day", () => {
    expect(eachDay({ from: "2028-02-27", to: "2028-03-01" })).toEqual([
      "2028-02-27",
      "2028-02-28",
      "2028-02-29",
      "2028-03-01",
    ]);
  });
});
