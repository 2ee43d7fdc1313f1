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

/** One group of summed rollup columns, as a grouped SUM over `UsageRollupDaily` returns it. */
export interface RollupSums {
  calls: number | null;
  cachedCalls: number | null;
  batchCalls: number | null;
  unpricedCalls: number | null;
  inputTokens: bigint | null;
  outputTokens: bigint | null;
  cacheWriteTokens: bigint | null;
  cacheReadTokens: bigint | null;
  totalTokens: bigint | null;
  webSearchRequests: number | null;
  costPicos: bigint | null;
  cacheSavingsPicos: bigint | null;
  latencyMsSum: bigint | null;
}

export const ROLLUP_SUM_FIELDS = {
  calls: true,
  cachedCalls: true,
  batchCalls: true,
  unpricedCalls: true,
  inputTokens: true,
  outputTokens: true,
  cacheWriteTokens: true,
  cacheReadTokens: true,
  totalTokens: true,
  webSearchRequests: true,
  costPicos: true,
  cacheSavingsPicos: true,
  latencyMsSum: true,
} as const;

/** Adds one group of rollup sums (of one status) into running totals. */
export function addSums(totals: UsageTotals, sums: RollupSums, status: string): UsageTotals {
  const calls = sums.calls ?? 0;
  totals.calls += calls;
  if (status === "error") totals.errorCalls += calls;
  totals.cachedCalls += sums.cachedCalls ?? 0;
  totals.batchCalls += sums.batchCalls ?? 0;
  totals.unpricedCalls += sums.unpricedCalls ?? 0;
  totals.inputTokens += sums.inputTokens ?? 0n;
  totals.outputTokens += sums.outputTokens ?? 0n;
  totals.cacheWriteTokens += sums.cacheWriteTokens ?? 0n;
  totals.cacheReadTokens += sums.cacheReadTokens ?? 0n;
  totals.totalTokens += sums.totalTokens ?? 0n;
  totals.webSearchRequests += sums.webSearchRequests ?? 0;
  totals.costPicos += sums.costPicos ?? 0n;
  totals.cacheSavingsPicos += sums.cacheSavingsPicos ?? 0n;
  totals.latencyMsSum += sums.latencyMsSum ?? 0n;
  return totals;
}
