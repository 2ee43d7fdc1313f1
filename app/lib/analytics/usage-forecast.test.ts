import { describe, expect, test } from "vitest";
import { addDays, type LocalDay } from "~/lib/time";
import { forecastMonth } from "./usage-forecast";

const USD = 1_000_000_000_000n;

function daysBefore(today: LocalDay, costs: bigint[]) {
  return costs.map((costPicos, index) => ({ day: addDays(today, index - costs.length), costPicos }));
}

describe("predictNextMonthUsage's method", () => {
  test("steady use of $2 a day projects $2 a day to the end of a 30-day month", () => {
    // November 15 at noon: 14 complete days of $2, $1 so far today.
    const today = "2026-11-15";
    const forecast = forecastMonth({
      monthToDatePicos: 14n * 2n * USD + 1n * USD,
      recentDays: daysBefore(today, Array(14).fill(2n * USD)),
      firstUsageDay: "2026-10-01",
      todayCostPicos: 1n * USD,
      todayElapsedFraction: 0.5,
      daysLeftAfterToday: 15,
      daysInNextMonth: 31,
    });
    expect(forecast.dailyRatePicos).toBe(2n * USD);
    // $29 so far + $2 × 15.5 days left = $60, which is 30 days × $2.
    expect(forecast.projectedMonthEndPicos).toBe(60n * USD);
    expect(forecast.nextMonthPicos).toBe(62n * USD);
    expect(forecast.confidence).toBe("high");
  });

  test("one $100 spike is counted once, as spent, and does not raise the daily rate", () => {
    const today = "2026-11-15";
    const recent = Array(14).fill(2n * USD);
    recent[10] = 100n * USD;
    const spent = 13n * 2n * USD + 100n * USD;
    const forecast = forecastMonth({
      monthToDatePicos: spent,
      recentDays: daysBefore(today, recent),
      firstUsageDay: "2026-10-01",
      todayCostPicos: 0n,
      todayElapsedFraction: 0,
      daysLeftAfterToday: 15,
      daysInNextMonth: 31,
    });
    expect(forecast.dailyRatePicos).toBe(2n * USD);
    expect(forecast.projectedMonthEndPicos).toBe(spent + 16n * 2n * USD);
    expect(forecast.nextMonthPicos).toBe(62n * USD);
  });

  test("a new shop with two days of data uses its one complete day and says confidence is low", () => {
    const today = "2026-11-20";
    const forecast = forecastMonth({
      monthToDatePicos: 3n * USD + USD / 2n,
      recentDays: daysBefore(today, [...Array(13).fill(0n), 3n * USD]),
      firstUsageDay: "2026-11-19",
      todayCostPicos: USD / 2n,
      todayElapsedFraction: 0.25,
      daysLeftAfterToday: 10,
      daysInNextMonth: 31,
    });
    // The 13 days before the shop existed are not averaged in.
    expect(forecast.basisDays).toBe(1);
    expect(forecast.dailyRatePicos).toBe(3n * USD);
    // $3.50 + $3 × 10.75 days = $35.75
    expect(forecast.projectedMonthEndPicos).toBe(35_750_000_000_000n);
    expect(forecast.confidence).toBe("low");
  });

  test("on its very first day a shop is projected at today's pace", () => {
    const forecast = forecastMonth({
      monthToDatePicos: USD,
      recentDays: daysBefore("2026-11-20", Array(14).fill(0n)),
      firstUsageDay: "2026-11-20",
      todayCostPicos: USD,
      todayElapsedFraction: 0.25,
      daysLeftAfterToday: 10,
      daysInNextMonth: 31,
    });
    // $1 in a quarter of a day is $4 a day; $1 + $4 × 10.75 = $44.
    expect(forecast.dailyRatePicos).toBe(4n * USD);
    expect(forecast.projectedMonthEndPicos).toBe(44n * USD);
  });

  test("a shop with no usage is projected at $0", () => {
    const forecast = forecastMonth({
      monthToDatePicos: 0n,
      recentDays: daysBefore("2026-11-20", Array(14).fill(0n)),
      firstUsageDay: null,
      todayCostPicos: 0n,
      todayElapsedFraction: 0.5,
      daysLeftAfterToday: 10,
      daysInNextMonth: 31,
    });
    expect(forecast.projectedMonthEndPicos).toBe(0n);
    expect(forecast.nextMonthPicos).toBe(0n);
  });
});
