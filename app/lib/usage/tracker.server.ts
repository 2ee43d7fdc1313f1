/**
 * The usage tracker: the one way code in this app talks to Claude (`createMessageWithTracking`) or reports a
 * call made elsewhere (`trackAPIUsage`), and the analytics every page reads. The implementation lives in
 * `app/lib/usage/`; this module is the door other code imports.
 */
import prisma from "~/db.server";
import { env } from "~/env.server";
import { pendingCallFrom, type PendingCall, type TrackUsageParams } from "./pending-call";
import { countUnwrittenSpend } from "~/lib/budget/index.server";
import { UsageRecorder } from "./usage-recorder.server";
import { WriterThreadStore } from "./writer-thread.server";
import { createTrackedMessages, createTrackedStream, createTrackedTokenCount } from "./tracked-messages.server";

let recorder: UsageRecorder | undefined;

/**
 * The process's recorder: records from the first call on; writes them once background work has started it, on a
 * thread of its own (decision 0020): SQLite's driver runs every statement on the calling thread, and on PostgreSQL
 * Prisma's query compiler and the driver's encoding of a batch's statements took milliseconds of this one.
 */
export function getUsageRecorder(): UsageRecorder {
  if (!recorder) {
    const journalDir = env.usageJournalDir;
    const store = new WriterThreadStore({ journalDir });
    const created = new UsageRecorder({ db: prisma, journalDir, store });
    countUnwrittenSpend((shop, reserved) => created.unwrittenSpendPicos(shop, reserved));
    recorder = created;
  }
  return recorder;
}

/**
 * Records one Claude call. Resolves once the record is safe on disk (the database write follows within
 * milliseconds, or after an outage ends). Invalid parameters throw InvalidUsageError and record nothing.
 */
export async function trackAPIUsage(params: TrackUsageParams): Promise<{ id: string }> {
  const call = pendingCallFrom(params);
  getUsageRecorder().record(call);
  return { id: call.id };
}

function recordCall(params: TrackUsageParams): PendingCall {
  const call = pendingCallFrom(params);
  getUsageRecorder().record(call);
  return call;
}

export const createMessageWithTracking = createTrackedMessages(recordCall);
/** `anthropic.messages.stream()` (the SDK's MessageStream, `finalMessage()` and all), tracked. */
export const streamMessageWithTracking = createTrackedStream(recordCall);
/** `anthropic.messages.countTokens`, recorded as a free call. */
export const countTokensWithTracking = createTrackedTokenCount(recordCall);

export type { TrackUsageParams, CallStatus } from "./pending-call";
export { InvalidUsageError } from "./pending-call";
export type { TrackingContext } from "./tracked-messages.server";
