/**
 * The columns the usage rollups (daily and hourly) sum for every group of calls: the writer adds to them, analytics
 * reads them.
 */
export const ROLLUP_SUM_COLUMNS = [
  "calls",
  "cachedCalls",
  "batchCalls",
  "unpricedCalls",
  "inputTokens",
  "outputTokens",
  "cacheWriteTokens",
  "cacheReadTokens",
  "totalTokens",
  "webSearchRequests",
  "costPicos",
  "cacheSavingsPicos",
  "latencyMsSum",
] as const;
