import { getDailyUsageTrends, type DailyUsagePoint } from "~/lib/analytics/index.server";
import { NO_RESOURCE, type CallFilters } from "~/lib/calls";
import { csvRecord, csvStream } from "./csv-writer";
import { usdCell6, usdCellExact } from "./usd-cells";

/**
 * The daily summary CSV: one row per local day of the range (days without calls included, as zeros), read from
 * the daily rollups with the same filters as the calls CSV, so its columns add up to the calls file and to the
 * totals on the app's pages.
 *
 * `cost_usd` / `cost_usd_exact` are the day's cost of priced calls (6 decimals for reading, 12 for exact sums).
 * `unpriced_calls` counts calls whose model had no price: when it is above 0, `cost_known` is false and the cost
 * cells cover only the priced calls (both are empty when no call of the day had a price), never a silent $0.
 */
const DAILY_SUMMARY_CSV_COLUMNS = [
  "local_day",
  "time_zone",
  "calls",
  "error_calls",
  "cached_calls",
  "batch_calls",
  "input_tokens",
  "output_tokens",
  "cache_write_tokens",
  "cache_read_tokens",
  "total_tokens",
  "web_search_requests",
  "unpriced_calls",
  "cost_known",
  "cost_usd",
  "cost_usd_exact",
  "cache_savings_usd_exact",
] as const;

export interface DailySummaryOptions {
  shop: string;
  timeZone: string;
  filters: CallFilters;
}

/** Totals per local day of the range for the filtered calls: the same daily rollup read the AI usage page makes. */
async function getFilteredDailyTotals(options: DailySummaryOptions): Promise<DailyUsagePoint[]> {
  const { shop, filters } = options;
  return getDailyUsageTrends({ shop }, filters.range, {
    model: filters.model,
    endpoint: filters.endpoint,
    status: filters.status,
    resourceType: filters.resourceType === NO_RESOURCE ? "" : filters.resourceType,
    userId: filters.userId,
  });
}

function dayRecord(day: DailyUsagePoint, timeZone: string): string {
  // Unknown only when there were calls and none had a price; a day without calls cost exactly $0.
  const cost = day.calls > 0 && day.unpricedCalls === day.calls ? null : day.costPicos;
  return csvRecord([
    day.day,
    timeZone,
    day.calls,
    day.errorCalls,
    day.cachedCalls,
    day.batchCalls,
    day.inputTokens,
    day.outputTokens,
    day.cacheWriteTokens,
    day.cacheReadTokens,
    day.totalTokens,
    day.webSearchRequests,
    day.unpricedCalls,
    day.unpricedCalls === 0,
    cost === null ? null : usdCell6(cost),
    cost === null ? null : usdCellExact(cost),
    usdCellExact(day.cacheSavingsPicos),
  ]);
}

async function* dailyRecords(options: DailySummaryOptions): AsyncGenerator<string> {
  const days = await getFilteredDailyTotals(options);
  yield days.map((day) => dayRecord(day, options.timeZone)).join("");
}

/** The daily summary CSV as a byte stream (at most 366 rows, so it is built in one piece). */
export function exportDailySummaryCsv(options: DailySummaryOptions): ReadableStream<Uint8Array> {
  return csvStream(DAILY_SUMMARY_CSV_COLUMNS, dailyRecords(options));
}
