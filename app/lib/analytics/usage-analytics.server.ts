import { Prisma } from "@prisma/client";
import prisma from "~/db.server";
import { refusingOverflow } from "~/lib/database/index.server";
import {
  addDays,
  currentMonthToDate,
  daysInRange,
  eachDay,
  elapsedFractionOfDay,
  localDayOf,
  monthOf,
  previousPeriodOf,
  type DayRange,
  type LocalDay,
  assertValidRange,
} from "~/lib/time";
import { forecastMonth, type Forecast } from "./usage-forecast";
import { quantileFromHistogram, ROLLUP_SUM_COLUMNS } from "~/lib/usage";
import { shopWhere, type UsageScope } from "./usage-scope";
import { addTotals, emptyTotals, totalsFromPackedSums, type UsageTotals } from "./usage-totals";

/**
 * The analytics library: every figure on the merchant's pages. Each function reads the daily rollups (never
 * the raw calls), for one shop (or, for the operator, all shops) and a range of the shop's local days.
 */
export type BreakdownDimension = "model" | "endpoint" | "resourceType" | "userId" | "shop";

export interface BreakdownRow extends UsageTotals {
  /** The model, endpoint, resource type ("" = none), staff member or shop this row is about. */
  key: string;
}

export interface DailyUsagePoint extends UsageTotals {
  day: LocalDay;
}

/** The shop's IANA time zone (UTC for the operator's all-shops view). */
export async function timeZoneOf(scope: UsageScope): Promise<string> {
  if (!("shop" in scope)) return "UTC";
  // Plain SQL: every figure starts here, and Prisma's query compiler costs more than this one-row read.
  const [row] = await prisma.$queryRaw<Array<{ ianaTimezone: string }>>(
    Prisma.sql`SELECT "ianaTimezone" FROM "Shop" WHERE "shop" = ${scope.shop}`,
  );
  return row?.ianaTimezone ?? "UTC";
}

type GroupKey = "model" | "endpoint" | "resourceType" | "userId" | "shop" | "day";

/**
 * Every sum of a group as one text, the decimal sums joined by commas (totalsFromPackedSums reads them back):
 * - as text, exact at any size whatever the database's SUM type (a 64-bit integer in SQLite, which refuses to
 *   overflow and becomes AmountOutOfRangeError; numeric in PostgreSQL);
 * - one value per group rather than fourteen: the driver's and Prisma's work per value cost more than the sums;
 * - errors counted by a conditional sum instead of grouping by status as well, which made SQLite sort the rows into
 *   a temporary B-tree even where the index already gives the order (by day).
 */
export const PACKED_SUMS_EXPRESSION = Prisma.raw(
  [
    ...ROLLUP_SUM_COLUMNS.map((column) => `CAST(SUM("${column}") AS TEXT)`),
    `CAST(SUM(CASE WHEN "status" = 'error' THEN "calls" ELSE 0 END) AS TEXT)`,
  ].join(" || ',' || "),
);
const PACKED_SUMS = Prisma.sql`${PACKED_SUMS_EXPRESSION} AS "sums"`;

/** Narrows a rollup read to some calls (the calls page's filters); `resourceType: ""` means calls about no resource. */
export interface RollupFilter {
  model?: string;
  endpoint?: string;
  status?: string;
  resourceType?: string;
  userId?: string;
}

const FILTER_COLUMNS = ["model", "endpoint", "status", "resourceType", "userId"] as const;

/** A range of local days whose last day may count only up to a local hour: the same part of a period still running. */
export interface PartialDayRange extends DayRange {
  /** Count the last day only before this local hour, 0 to 24 (0: none of it, 24: all of it); absent: all of it. */
  lastDayBeforeHour?: number;
}

type SumRow = Partial<Record<GroupKey, string>> & { sums: string | null };

/** One grouped SUM over a rollup table (no GROUP BY when `groupColumns` is empty: one row, null sums if none). */
async function querySums(
  table: "UsageRollupDaily" | "UsageRollupHourly",
  groupColumns: readonly GroupKey[],
  conditions: Prisma.Sql[],
): Promise<SumRow[]> {
  const groups = Prisma.raw(groupColumns.map((column) => `"${column}"`).join(", "));
  const sql =
    groupColumns.length === 0
      ? Prisma.sql`SELECT ${PACKED_SUMS} FROM ${Prisma.raw(`"${table}"`)} WHERE ${Prisma.join(conditions, " AND ")}`
      : Prisma.sql`SELECT ${groups}, ${PACKED_SUMS} FROM ${Prisma.raw(`"${table}"`)}
         WHERE ${Prisma.join(conditions, " AND ")} GROUP BY ${groups}`;
  return refusingOverflow("Summing usage", () => prisma.$queryRaw<SumRow[]>(sql));
}

/** A group of rollup rows: its keys and its totals. */
export type RollupGroup = Partial<Record<GroupKey, string>> & { totals: UsageTotals };

async function sumRollups(
  scope: UsageScope,
  range: DayRange | PartialDayRange,
  dimensions: GroupKey[],
  filter: RollupFilter = {},
): Promise<RollupGroup[]> {
  assertValidRange(range);
  // Across all shops each shop is summed apart and added here as bigint: one shop's sums fit SQLite's 64-bit SUM,
  // all shops' together may not.
  const by: GroupKey[] = "shop" in scope || dimensions.includes("shop") ? dimensions : [...dimensions, "shop"];
  const shop = shopWhere(scope).shop;
  const conditions: Prisma.Sql[] = [];
  if (shop !== undefined) conditions.push(Prisma.sql`"shop" = ${shop}`);
  for (const column of FILTER_COLUMNS) {
    const value = filter[column];
    if (value === undefined) continue;
    conditions.push(Prisma.sql`${Prisma.raw(`"${column}"`)} = ${value}`);
  }
  const beforeHour = "lastDayBeforeHour" in range ? range.lastDayBeforeHour : undefined;
  const queries: Array<Promise<SumRow[]>> = [];
  if (beforeHour === undefined) {
    queries.push(
      querySums("UsageRollupDaily", by, [
        ...conditions,
        Prisma.sql`"day" >= ${range.from}`,
        Prisma.sql`"day" <= ${range.to}`,
      ]),
    );
  } else {
    // Whole days up to the last one, then the last day's hours before the cut.
    if (range.from < range.to) {
      queries.push(
        querySums("UsageRollupDaily", by, [
          ...conditions,
          Prisma.sql`"day" >= ${range.from}`,
          Prisma.sql`"day" < ${range.to}`,
        ]),
      );
    }
    queries.push(
      querySums("UsageRollupHourly", by, [
        ...conditions,
        Prisma.sql`"day" = ${range.to}`,
        Prisma.sql`"hour" < ${beforeHour}`,
      ]),
    );
  }
  const rows = (await Promise.all(queries)).flat();
  return rows.map(({ sums, ...keys }) => ({ ...keys, totals: totalsFromPackedSums(sums) }));
}

/**
 * Whether a day's hourly rollup holds all of its calls (calls recorded before the hourly rollup existed have none):
 * only then can part of the day be compared.
 */
export async function hasHourlyDetail(scope: UsageScope, day: LocalDay): Promise<boolean> {
  const whole = { from: day, to: day };
  const [daily, hourly] = await Promise.all([
    getUsageTotals(scope, whole),
    getUsageTotals(scope, { ...whole, lastDayBeforeHour: 24 }),
  ]);
  return daily.calls === hourly.calls && daily.costPicos === hourly.costPicos;
}

/** Totals of a range (narrowed to some calls by `filter`, as the calls page's filters narrow them). */
export async function getUsageTotals(
  scope: UsageScope,
  range: DayRange | PartialDayRange,
  filter: RollupFilter = {},
): Promise<UsageTotals> {
  return totalsOf(await sumRollups(scope, range, [], filter));
}

/** This local month so far: cost, calls and tokens. */
export async function getCurrentMonthUsage(scope: UsageScope, now: Date = new Date()) {
  const range = currentMonthToDate(now, await timeZoneOf(scope));
  return { range, totals: await getUsageTotals(scope, range) };
}

function byCostThenCalls(a: BreakdownRow, b: BreakdownRow): number {
  if (a.costPicos !== b.costPicos) return a.costPicos > b.costPicos ? -1 : 1;
  return b.calls - a.calls || a.key.localeCompare(b.key);
}

function totalsOf(groups: readonly RollupGroup[]): UsageTotals {
  return groups.reduce((totals, group) => addTotals(totals, group.totals), emptyTotals());
}

function breakdownOf(groups: readonly RollupGroup[], dimension: BreakdownDimension): BreakdownRow[] {
  const rows = new Map<string, BreakdownRow>();
  for (const group of groups) {
    const key = String(group[dimension]);
    const row = rows.get(key) ?? { key, ...emptyTotals() };
    rows.set(key, addTotals(row, group.totals) as BreakdownRow);
  }
  return [...rows.values()].sort(byCostThenCalls);
}

function dailyOf(groups: readonly RollupGroup[], range: DayRange): DailyUsagePoint[] {
  const byDay = new Map<LocalDay, DailyUsagePoint>(eachDay(range).map((day) => [day, { day, ...emptyTotals() }]));
  for (const group of groups) {
    const point = byDay.get(group.day as LocalDay);
    if (point) addTotals(point, group.totals);
  }
  return [...byDay.values()];
}

/** Cache-read share and savings of totals already read. */
export function cacheEfficiencyOf(totals: UsageTotals): CacheEfficiency {
  const allInputTokens = totals.inputTokens + totals.cacheWriteTokens + totals.cacheReadTokens;
  return {
    cacheReadTokens: totals.cacheReadTokens,
    cacheWriteTokens: totals.cacheWriteTokens,
    allInputTokens,
    cacheReadShare:
      allInputTokens === 0n ? 0 : Number((totals.cacheReadTokens * 1_000_000n) / allInputTokens) / 1_000_000,
    savingsPicos: totals.cacheSavingsPicos,
  };
}

async function getBreakdown(
  scope: UsageScope,
  range: DayRange | PartialDayRange,
  dimension: BreakdownDimension,
): Promise<BreakdownRow[]> {
  return breakdownOf(await sumRollups(scope, range, [dimension]), dimension);
}

/** A range's totals and its breakdowns by several dimensions, all from one read of the rollups. */
export interface RangeBreakdowns<D extends BreakdownDimension> {
  totals: UsageTotals;
  breakdowns: Record<D, BreakdownRow[]>;
}

/** Totals and breakdowns by several dimensions of groups already read. */
export function rangeBreakdownsOf<D extends BreakdownDimension>(
  groups: readonly RollupGroup[],
  dimensions: readonly D[],
): RangeBreakdowns<D> {
  const breakdowns = Object.fromEntries(dimensions.map((dimension) => [dimension, breakdownOf(groups, dimension)]));
  return { totals: totalsOf(groups), breakdowns: breakdowns as Record<D, BreakdownRow[]> };
}

export const getUsageByModel = (scope: UsageScope, range: DayRange | PartialDayRange) =>
  getBreakdown(scope, range, "model");
export const getUsageByEndpoint = (scope: UsageScope, range: DayRange | PartialDayRange) =>
  getBreakdown(scope, range, "endpoint");
export const getUsageByResourceType = (scope: UsageScope, range: DayRange | PartialDayRange) =>
  getBreakdown(scope, range, "resourceType");
/** By staff member: the session token's `sub`, or "automation". */
export const getUsageByUser = (scope: UsageScope, range: DayRange | PartialDayRange) =>
  getBreakdown(scope, range, "userId");
/** The operator's cross-shop view. Merchant pages never call this. */
export const getUsageByShop = (range: DayRange) => getBreakdown({ allShops: true }, range, "shop");

/** One point per local day of the range, days without calls included as zeros; `filter` narrows it to some calls. */
export async function getDailyUsageTrends(
  scope: UsageScope,
  range: DayRange,
  filter: RollupFilter = {},
): Promise<DailyUsagePoint[]> {
  return dailyOf(await sumRollups(scope, range, ["day"], filter), range);
}

/** A range against the one of equal length just before it (for a calendar month: the previous month). */
export async function comparePeriods(
  scope: UsageScope,
  range: DayRange,
  previous: DayRange | PartialDayRange = previousPeriodOf(range),
) {
  const [currentTotals, previousTotals] = await Promise.all([
    getUsageTotals(scope, range),
    getUsageTotals(scope, previous),
  ]);
  return { range, previousRange: previous, current: currentTotals, previous: previousTotals };
}

export interface EndpointHealth {
  endpoint: string;
  calls: number;
  errorCalls: number;
  /** 0..1 */
  errorRate: number;
  averageLatencyMs: number | null;
  /** From the latency histograms: within about 5 % of the exact value. */
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
}

/** Latency p50/p95 and error rate per endpoint (calls answered from the app's cache are not timed). */
export async function getLatencyAndErrorsByEndpoint(scope: UsageScope, range: DayRange): Promise<EndpointHealth[]> {
  assertValidRange(range);
  const shop = shopWhere(scope).shop;
  const conditions = [Prisma.sql`"day" >= ${range.from}`, Prisma.sql`"day" <= ${range.to}`];
  if (shop !== undefined) conditions.unshift(Prisma.sql`"shop" = ${shop}`);
  // Plain SQL rather than Prisma's groupBy: hundreds of rows, each built as an object twice over through the client.
  const [byEndpoint, histogramRows] = await Promise.all([
    getBreakdown(scope, range, "endpoint"),
    prisma.$queryRaw<Array<{ endpoint: string; bucket: number | bigint; calls: number | bigint | string }>>(
      Prisma.sql`SELECT "endpoint", "bucket", CAST(SUM("calls") AS TEXT) AS "calls" FROM "LatencyHistogramDaily"
        WHERE ${Prisma.join(conditions, " AND ")} GROUP BY "endpoint", "bucket"`,
    ),
  ]);
  const histograms = new Map<string, Map<number, number>>();
  for (const row of histogramRows) {
    const histogram = histograms.get(row.endpoint) ?? new Map<number, number>();
    histogram.set(Number(row.bucket), Number(row.calls));
    histograms.set(row.endpoint, histogram);
  }
  return byEndpoint.map((row) => {
    const timed = row.calls - row.cachedCalls;
    const histogram = histograms.get(row.key) ?? new Map<number, number>();
    return {
      endpoint: row.key,
      calls: row.calls,
      errorCalls: row.errorCalls,
      errorRate: row.calls === 0 ? 0 : row.errorCalls / row.calls,
      averageLatencyMs: timed > 0 ? Number(row.latencyMsSum) / timed : null,
      p50LatencyMs: quantileFromHistogram(histogram, 0.5),
      p95LatencyMs: quantileFromHistogram(histogram, 0.95),
    };
  });
}

export interface CacheEfficiency {
  cacheReadTokens: bigint;
  cacheWriteTokens: bigint;
  /** Every input token: uncached input, cache writes and cache reads. */
  allInputTokens: bigint;
  /** Share of all input tokens served from the prompt cache, 0..1. */
  cacheReadShare: number;
  /** What those cache reads would have cost as plain input, minus what they cost. */
  savingsPicos: bigint;
}

export async function getCacheEfficiency(scope: UsageScope, range: DayRange): Promise<CacheEfficiency> {
  return cacheEfficiencyOf(await getUsageTotals(scope, range));
}

/** Today in the scope's calendar. */
export async function todayOf(scope: UsageScope, now: Date = new Date()): Promise<LocalDay> {
  return localDayOf(now, await timeZoneOf(scope));
}

/** The days a forecast is made from: this local month so far, and the 14 whole days before today. */
export function forecastRanges(now: Date, timeZone: string): { month: DayRange; recent: DayRange } {
  const month = currentMonthToDate(now, timeZone);
  return { month, recent: { from: addDays(month.to, -14), to: addDays(month.to, -1) } };
}

/** The first local day with any usage in the scope's rollups (null: none yet). */
export async function firstUsageDay(scope: UsageScope): Promise<LocalDay | null> {
  const shop = shopWhere(scope).shop;
  const [first] = await prisma.$queryRaw<Array<{ day: LocalDay | null }>>(
    shop === undefined
      ? Prisma.sql`SELECT MIN("day") AS "day" FROM "UsageRollupDaily"`
      : Prisma.sql`SELECT MIN("day") AS "day" FROM "UsageRollupDaily" WHERE "shop" = ${shop}`,
  );
  return first?.day ?? null;
}

/** The forecast from daily points already read for `forecastRanges` (see forecastMonth for the method). */
export function forecastFromDays(options: {
  monthTrend: ReadonlyArray<Pick<DailyUsagePoint, "day" | "costPicos">>;
  recentTrend: ReadonlyArray<Pick<DailyUsagePoint, "day" | "costPicos">>;
  firstUsageDay: LocalDay | null;
  now: Date;
  timeZone: string;
}): Forecast {
  const { monthTrend, recentTrend, now, timeZone } = options;
  const today = currentMonthToDate(now, timeZone).to;
  return forecastMonth({
    monthToDatePicos: monthTrend.reduce((sum, point) => sum + point.costPicos, 0n),
    recentDays: recentTrend.map((point) => ({ day: point.day, costPicos: point.costPicos })),
    firstUsageDay: options.firstUsageDay,
    todayCostPicos: monthTrend[monthTrend.length - 1]?.costPicos ?? 0n,
    todayElapsedFraction: elapsedFractionOfDay(now, timeZone),
    daysLeftAfterToday: daysInRange({ from: today, to: monthOf(today).to }) - 1,
    daysInNextMonth: daysInRange(monthOf(addDays(monthOf(today).to, 1))),
  });
}

/** Month-end projection and next month's estimate from the current trend; see forecastMonth for the method. */
export async function predictNextMonthUsage(scope: UsageScope, now: Date = new Date()): Promise<Forecast> {
  const timeZone = await timeZoneOf(scope);
  const { month, recent } = forecastRanges(now, timeZone);
  const [monthTrend, recentTrend, first] = await Promise.all([
    getDailyUsageTrends(scope, month),
    getDailyUsageTrends(scope, recent),
    firstUsageDay(scope),
  ]);
  return forecastFromDays({ monthTrend, recentTrend, firstUsageDay: first, now, timeZone });
}
