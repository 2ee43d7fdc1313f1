import { ROLLUP_SUM_COLUMNS } from "~/lib/usage";

/** Sums over calls, as read from the daily rollups. Money in pico-dollars, tokens as bigint: both exact. */
export interface UsageTotals {
  calls: number;
  errorCalls: number;
  cachedCalls: number;
  batchCalls: number;
  /** Calls whose model had no price when recorded: their cost is unknown, not $0. */
  unpricedCalls: number;
  inputTokens: bigint;
  outputTokens: bigint;
  cacheWriteTokens: bigint;
  cacheReadTokens: bigint;
  totalTokens: bigint;
  webSearchRequests: number;
  costPicos: bigint;
  cacheSavingsPicos: bigint;
  latencyMsSum: bigint;
}

export function emptyTotals(): UsageTotals {
  return {
    calls: 0,
    errorCalls: 0,
    cachedCalls: 0,
    batchCalls: 0,
    unpricedCalls: 0,
    inputTokens: 0n,
    outputTokens: 0n,
    cacheWriteTokens: 0n,
    cacheReadTokens: 0n,
    totalTokens: 0n,
    webSearchRequests: 0,
    costPicos: 0n,
    cacheSavingsPicos: 0n,
    latencyMsSum: 0n,
  };
}

/** Each summed rollup column is a field of UsageTotals (`errorCalls` is the `calls` of rows whose status is "error"). */
const SUMMED_FIELDS: ReadonlyArray<keyof UsageTotals> = ROLLUP_SUM_COLUMNS;

/** The fields of UsageTotals, in the order `totalsFromPackedSums` reads them. */
export const PACKED_TOTALS_FIELDS: ReadonlyArray<keyof UsageTotals> = [...SUMMED_FIELDS, "errorCalls"];
const COUNT_FIELDS = new Set<keyof UsageTotals>([
  "calls",
  "errorCalls",
  "cachedCalls",
  "batchCalls",
  "unpricedCalls",
  "webSearchRequests",
]);

/**
 * Totals from one text of comma-separated decimal sums in PACKED_TOTALS_FIELDS order (null: no rows). Exact: token
 * and money sums become bigints from their decimal digits; counts are far below 2^53.
 */
export function totalsFromPackedSums(packed: string | null): UsageTotals {
  const totals = emptyTotals();
  if (packed === null) return totals;
  const values = packed.split(",");
  if (values.length !== PACKED_TOTALS_FIELDS.length) throw new Error(`Expected ${PACKED_TOTALS_FIELDS.length} sums`);
  const target = totals as unknown as Record<keyof UsageTotals, number | bigint>;
  PACKED_TOTALS_FIELDS.forEach((field, index) => {
    const digits = values[index]!;
    target[field] = COUNT_FIELDS.has(field) ? Number(digits) : BigInt(digits);
  });
  return totals;
}

/** Adds `more` into `totals` (returned). */
export function addTotals(totals: UsageTotals, more: UsageTotals): UsageTotals {
  totals.calls += more.calls;
  totals.errorCalls += more.errorCalls;
  totals.cachedCalls += more.cachedCalls;
  totals.batchCalls += more.batchCalls;
  totals.unpricedCalls += more.unpricedCalls;
  totals.inputTokens += more.inputTokens;
  totals.outputTokens += more.outputTokens;
  totals.cacheWriteTokens += more.cacheWriteTokens;
  totals.cacheReadTokens += more.cacheReadTokens;
  totals.totalTokens += more.totalTokens;
  totals.webSearchRequests += more.webSearchRequests;
  totals.costPicos += more.costPicos;
  totals.cacheSavingsPicos += more.cacheSavingsPicos;
  totals.latencyMsSum += more.latencyMsSum;
  return totals;
}
