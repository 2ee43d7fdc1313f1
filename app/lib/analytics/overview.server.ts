import {
  cacheEfficiencyOf,
  forecastFromDays,
  forecastRanges,
  getUsageTotals,
  type BreakdownRow,
  type CacheEfficiency,
} from "./usage-analytics.server";
import { readOverviewRollups, type DayFigures } from "./overview-read.server";
import { comparisonFor, comparisonSentence, type PeriodComparison } from "./period-comparison";
import { toWire, type Wire } from "~/lib/wire";
import type { UsageScope } from "./usage-scope";
import type { UsageTotals } from "./usage-totals";
import {
  addDays,
  localDateTimeOf,
  localDayOf,
  type DayRange,
  type LocalDay,
  describeRange,
  parseRangeParams,
  trendSlots,
  type RangeSelection,
} from "~/lib/time";
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension } from "./breakdown-dimensions";
import { emptyTotals } from "./usage-totals";
import { changeBetween, shareOf } from "./period-change";
import {
  budgetAlertsOf,
  budgetMonthKey,
  budgetSettingsOf,
  budgetSettingsSql,
  readBudgetSettings,
  unshownBudgetAlertsSql,
} from "~/lib/budget/index.server";
import { lastKnownTimeZone, rememberTimeZone } from "./time-zone-hints.server";
import { featureName, modelName, resourceTypeName, staffName } from "~/lib/format/index.server";
import { staffNamesFrom, staffSessionsSql, type StaffSessionRow } from "~/lib/shop/index.server";

/**
 * Everything the AI usage page shows, read through the usage library for one shop and assembled into the JSON the
 * page draws: the chosen range against its previous period, per card, per day and per breakdown row.
 * Money travels as decimal strings of pico-dollars; percentages are already computed here, not in React.
 */

function breakdownRows(
  current: BreakdownRow[],
  previous: BreakdownRow[],
  whole: UsageTotals,
  labelOf: (key: string) => string,
) {
  const previousByKey = new Map(previous.map((row) => [row.key, row]));
  // Keys used only in the previous period stay in the table (at zero now), so a drop to nothing is visible.
  const currentKeys = new Set(current.map((row) => row.key));
  const gone = previous
    .filter((row) => !currentKeys.has(row.key))
    .map((row) => ({ ...row, ...emptyTotals(), key: row.key }));
  return [...current, ...gone].map((row) => {
    const before = previousByKey.get(row.key);
    return {
      key: row.key,
      /** What the merchant reads: a model's name, a feature's, a resource type's or a staff member's. */
      label: labelOf(row.key),
      current: stripKey(row),
      previous: {
        costPicos: before?.costPicos ?? 0n,
        calls: before?.calls ?? 0,
        totalTokens: before?.totalTokens ?? 0n,
        unpricedCalls: before?.unpricedCalls ?? 0,
      },
      costChange: changeBetween(row.costPicos, before?.costPicos ?? 0n),
      callsChange: changeBetween(row.calls, before?.calls ?? 0),
      costSharePercent: shareOf(row.costPicos, whole.costPicos),
      callSharePercent: shareOf(row.calls, whole.calls),
    };
  });
}
export type BreakdownRowJson = Wire<ReturnType<typeof breakdownRows>[number]>;

function stripKey(row: BreakdownRow): UsageTotals {
  const { key: _key, ...totals } = row;
  return totals;
}

function dayFigures(point: DayFigures | undefined) {
  if (!point) return null;
  return {
    costPicos: point.costPicos,
    calls: point.calls,
    tokens: point.totalTokens,
    unpricedCalls: point.unpricedCalls,
  };
}
export type DayFiguresJson = Wire<NonNullable<ReturnType<typeof dayFigures>>>;

function trendPoints(selection: RangeSelection, current: DayFigures[], previous: DayFigures[], today: LocalDay) {
  const currentByDay = new Map(current.map((point) => [point.day, point]));
  const previousByDay = new Map(previous.map((point) => [point.day, point]));
  return trendSlots(selection).map((slot) => ({
    ...slot,
    /** Today's point: a day still running, drawn as such rather than as a drop. */
    partial: slot.currentDay === today,
    current: slot.currentDay ? dayFigures(currentByDay.get(slot.currentDay)) : null,
    previous: slot.previousDay ? dayFigures(previousByDay.get(slot.previousDay)) : null,
  }));
}
export type TrendPointJson = Wire<ReturnType<typeof trendPoints>[number]>;

function cacheJson(cache: CacheEfficiency) {
  return {
    cacheReadTokens: cache.cacheReadTokens,
    allInputTokens: cache.allInputTokens,
    cacheReadSharePercent: Math.round(cache.cacheReadShare * 10_000) / 100,
    savingsPicos: cache.savingsPicos,
  };
}

function rangeJson(range: DayRange) {
  return { ...range, label: describeRange(range) };
}

/** True when the shop has any call in the last year (the longest range the library reads at once). */
async function hasRecentUsage(scope: UsageScope, today: LocalDay, rangeTotals: UsageTotals): Promise<boolean> {
  if (rangeTotals.calls > 0) return true;
  const lastYear = await getUsageTotals(scope, { from: addDays(today, -365), to: today });
  return lastYear.calls > 0;
}

/** Who is looking (the session token's `sub`, shown as "You") and when. */
export interface OverviewViewer {
  viewerUserId?: string | null;
  now?: Date;
}

function labellers(sessions: readonly StaffSessionRow[], viewerUserId: string | null) {
  const names = staffNamesFrom(sessions);
  return {
    model: modelName,
    endpoint: featureName,
    resourceType: resourceTypeName,
    userId: (key: string) => staffName(key, names, viewerUserId),
  } satisfies Record<BreakdownDimension, (key: string) => string>;
}

/** What the page shows, in the shop's time zone: its days, the range chosen, the comparison and forecast's days. */
function overviewPlan(searchParams: URLSearchParams, now: Date, timeZone: string) {
  const today = localDayOf(now, timeZone);
  const { selection, error: rangeError } = parseRangeParams(searchParams, today);
  return {
    timeZone,
    today,
    selection,
    rangeError,
    forecastDays: forecastRanges(now, timeZone),
    cutComparison: comparisonFor(selection, today, now, timeZone),
  };
}

/**
 * The page's one statement: the days drawn, the breakdowns compared, and beside them the month's unshown budget
 * crossings (its budget spend is the forecast's month: the same days in the same time zone), the staff sessions
 * that name the staff breakdown, and the shop's settings row.
 */
function overviewReadRequest(shop: string, plan: ReturnType<typeof overviewPlan>, now: Date) {
  const { selection, forecastDays, today, cutComparison, timeZone } = plan;
  return {
    shop,
    days: [
      selection.range,
      selection.trendPreviousRange,
      forecastDays.month,
      forecastDays.recent,
      { from: today, to: today },
    ],
    current: selection.range,
    previous: cutComparison.previous,
    unshownAlerts: unshownBudgetAlertsSql(shop, budgetMonthKey({ timeZone }, now)),
    staffSessions: staffSessionsSql(shop),
    settings: budgetSettingsSql(shop),
  };
}

export async function loadAnalyticsOverview(
  shop: string,
  searchParams: URLSearchParams,
  { viewerUserId = null, now = new Date() }: OverviewViewer = {},
) {
  const scope: UsageScope = { shop };
  // The statement's days depend on the shop's time zone: they are built for the one this process last read (a read
  // of its own the first time), and built again once when the settings row the statement itself read says otherwise.
  let plan = overviewPlan(searchParams, now, lastKnownTimeZone(shop) ?? (await readBudgetSettings(shop)).timeZone);
  let read = await readOverviewRollups(overviewReadRequest(shop, plan, now));
  let settings = budgetSettingsOf(read.settings);
  if (settings.timeZone !== plan.timeZone) {
    plan = overviewPlan(searchParams, now, settings.timeZone);
    read = await readOverviewRollups(overviewReadRequest(shop, plan, now));
    settings = budgetSettingsOf(read.settings);
  }
  rememberTimeZone(shop, settings.timeZone);
  // Moved again between the two reads: the figures stay in the time zone their days were read for.
  settings = { ...settings, timeZone: plan.timeZone };
  const { timeZone, today, selection, rangeError, forecastDays, cutComparison } = plan;
  const { range, trendPreviousRange } = selection;
  // A running period is compared to the hour; to whole days when the cut day has no hourly detail (calls recorded
  // before the hourly rollup existed), which the label then says.
  const compared: PeriodComparison =
    !cutComparison.cut || read.previousCut
      ? cutComparison
      : {
          previous: selection.previousRange,
          cut: null,
          label: `${describeRange(selection.previousRange)} (whole days: no hourly figures that far back)`,
        };
  const currentRead = read.current;
  const previousRead = read.previous;
  const current = currentRead.totals;
  const previous = previousRead.totals;
  const cacheCurrent = cacheEfficiencyOf(current);
  const cachePrevious = cacheEfficiencyOf(previous);
  const daysOf = read.dayFigures;
  const forecast = forecastFromDays({
    monthTrend: daysOf(forecastDays.month),
    recentTrend: daysOf(forecastDays.recent),
    firstUsageDay: read.firstUsageDay,
    now,
    timeZone,
  });
  const todayTotals = daysOf({ from: today, to: today })[0]!;
  const monthSpent = daysOf(forecastDays.month).reduce((spent, day) => spent + day.costPicos, 0n);
  const budget = budgetAlertsOf(settings, monthSpent, read.unshownAlerts, now);

  const labels = labellers(read.staffSessions, viewerUserId);
  const breakdowns = Object.fromEntries(
    BREAKDOWN_DIMENSIONS.map((dimension) => [
      dimension,
      breakdownRows(currentRead.breakdowns[dimension], previousRead.breakdowns[dimension], current, labels[dimension]),
    ]),
  ) as Record<BreakdownDimension, ReturnType<typeof breakdownRows>>;

  const budgetPicos = budget.status.budgetPicos;
  return toWire({
    timeZone,
    today,
    /** The shop's local wall-clock time of this read, shown beside the live figures. */
    refreshedAt: localDateTimeOf(now, timeZone).slice(11),
    hasUsage: await hasRecentUsage(scope, today, current),
    rangeError,
    preset: selection.preset,
    alignment: selection.alignment,
    range: rangeJson(range),
    previousRange: rangeJson(selection.previousRange),
    /** What the figures are compared with: "Nov 1, 2026, until 07:00" for a period still running. */
    comparison: {
      label: compared.label,
      sentence: comparisonSentence(selection, compared),
      /** The days (and hours of the last one) compared with. */
      range: compared.previous,
    },
    trendPreviousRange: rangeJson(trendPreviousRange),
    totals: current,
    previousTotals: previous,
    changes: {
      cost: changeBetween(current.costPicos, previous.costPicos),
      calls: changeBetween(current.calls, previous.calls),
      tokens: changeBetween(current.totalTokens, previous.totalTokens),
      cacheSavings: changeBetween(current.cacheSavingsPicos, previous.cacheSavingsPicos),
    },
    cache: { current: cacheJson(cacheCurrent), previous: cacheJson(cachePrevious) },
    forecast: {
      monthToDatePicos: forecast.monthToDatePicos,
      projectedMonthEndPicos: forecast.projectedMonthEndPicos,
      dailyRatePicos: forecast.dailyRatePicos,
      basisDays: forecast.basisDays,
      confidence: forecast.confidence,
      projectedPercentOfBudget: budgetPicos === null ? null : shareOf(forecast.projectedMonthEndPicos, budgetPicos),
    },
    todayTotals: {
      day: today,
      costPicos: todayTotals.costPicos,
      calls: todayTotals.calls,
      unpricedCalls: todayTotals.unpricedCalls,
    },
    trend: trendPoints(selection, daysOf(range), daysOf(trendPreviousRange), today),
    breakdowns,
    budget: budget.status,
    budgetToast: budget.toast,
  });
}
export type AnalyticsOverview = Awaited<ReturnType<typeof loadAnalyticsOverview>>;
