import type { LocalDay } from "~/lib/time";

/**
 * Month-end and next-month cost forecast.
 *
 * Method:
 * 1. The daily run rate comes from the shop's complete local days of the last 14 (days before its first call
 *    are left out, so a new shop is not averaged with days it did not exist):
 *    - 7 or more days: the median day, so one spike (a bulk run) or one quiet day does not swing the forecast;
 *    - 1 to 6 days: the mean of those days;
 *    - no complete day yet (first day): today's spend so far divided by the elapsed fraction of today
 *      (at least one hour), i.e. today's pace.
 * 2. Month end = spent so far this month + run rate × the time left in the month (the rest of today plus the
 *    remaining days). Spend already made, spikes included, is counted exactly once, as it happened.
 * 3. Next month = run rate × the number of days in next month.
 * Confidence is "low" with under 7 days of history, "medium" under 14, else "high".
 * All money is integer pico-dollars; fractions of days are applied in millionths.
 */
export interface ForecastInput {
  monthToDatePicos: bigint;
  /** Complete local days before today (up to the last 14), oldest first. */
  recentDays: ReadonlyArray<{ day: LocalDay; costPicos: bigint }>;
  /** The first local day the shop has any usage (null: none yet). */
  firstUsageDay: LocalDay | null;
  todayCostPicos: number | bigint;
  /** Elapsed fraction of today, 0..1. */
  todayElapsedFraction: number;
  /** Whole local days after today until the month ends. */
  daysLeftAfterToday: number;
  daysInNextMonth: number;
}

export type ForecastConfidence = "low" | "medium" | "high";

export interface Forecast {
  monthToDatePicos: bigint;
  dailyRatePicos: bigint;
  projectedMonthEndPicos: bigint;
  nextMonthPicos: bigint;
  /** How many complete days the rate was taken from. */
  basisDays: number;
  confidence: ForecastConfidence;
}

const MILLION = 1_000_000n;
const MIN_TODAY_FRACTION = 1 / 24;

function median(values: bigint[]): bigint {
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2n;
}

function mean(values: bigint[]): bigint {
  return values.reduce((sum, value) => sum + value, 0n) / BigInt(values.length);
}

function times(picos: bigint, days: number): bigint {
  return (picos * BigInt(Math.round(days * 1_000_000))) / MILLION;
}

export function forecastMonth(input: ForecastInput): Forecast {
  const history = input.recentDays
    .filter((entry) => input.firstUsageDay !== null && entry.day >= input.firstUsageDay)
    .map((entry) => entry.costPicos);
  const todayCost = BigInt(input.todayCostPicos);

  let dailyRatePicos: bigint;
  if (history.length >= 7) dailyRatePicos = median(history);
  else if (history.length > 0) dailyRatePicos = mean(history);
  else dailyRatePicos = times(todayCost, 1 / Math.max(input.todayElapsedFraction, MIN_TODAY_FRACTION));

  const timeLeft = Math.max(0, 1 - input.todayElapsedFraction) + input.daysLeftAfterToday;
  return {
    monthToDatePicos: input.monthToDatePicos,
    dailyRatePicos,
    projectedMonthEndPicos: input.monthToDatePicos + times(dailyRatePicos, timeLeft),
    nextMonthPicos: dailyRatePicos * BigInt(input.daysInNextMonth),
    basisDays: history.length,
    confidence: history.length >= 14 ? "high" : history.length >= 7 ? "medium" : "low",
  };
}
