/**
 * The usage tracker: the one way code in this app talks to Claude (`createMessageWithTracking`, with the client from
 * `getAnthropicClient`) or reports a call made elsewhere (`trackAPIUsage`). Calls are journaled, priced and written
 * with their rollups in the background; retention, repricing and negotiated prices are here too.
 */
export * from "./index";
export {
  batchUsageId,
  createBatchWithTracking,
  recordEndedBatches,
  startBatchPolling,
  type BatchPollResult,
  type BatchTracking,
  type TrackedBatchRequest,
} from "./batches.server";
export { ClaudeNotConfiguredError, getAnthropicClient } from "./claude-client.server";
export { InvalidUsageError, type PendingCall, type TrackUsageParams, pendingCallFrom } from "./pending-call";
export { addPriceOverride } from "./price-overrides.server";
export { repriceUnpricedCalls } from "./reprice.server";
export { DEFAULT_RETENTION_DAYS, pruneRawCalls, startRetentionSchedule } from "./retention.server";
export {
  countTokensWithTracking,
  createMessageWithTracking,
  getUsageRecorder,
  streamMessageWithTracking,
  trackAPIUsage,
} from "./tracker.server";
export { type BatchStore } from "./batch-store.server";
export { UsageRecorder } from "./usage-recorder.server";
export { WriterThreadStore } from "./writer-thread.server";
export { writeUsageBatch } from "./usage-writer.server";
export { retrySetAside, summarizeSetAside, type SetAsideSummary } from "./set-aside.server";
