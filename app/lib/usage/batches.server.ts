import { randomUUID } from "node:crypto";
import type Anthropic from "@anthropic-ai/sdk";
import { Prisma, type PrismaClient } from "@prisma/client";
import type { MessageCreateParamsNonStreaming, Usage } from "@anthropic-ai/sdk/resources/messages";
import type { MessageBatch, MessageBatchIndividualResponse } from "@anthropic-ai/sdk/resources/messages/batches";
import { BATCH_RESERVATION_TTL_MS, settleReservation } from "~/lib/budget/index.server";
import { holdBudget } from "./call-budget.server";
import { pendingCallFrom, type TrackUsageParams } from "./pending-call";
import { loadPriceOverrides } from "./price-overrides.server";
import { priceOf } from "./usage-writer.server";
import type { TrackingContext } from "./tracked-messages.server";
import type { UsageRecorder } from "./usage-recorder.server";

/**
 * The Message Batches API, tracked. `createBatchWithTracking` sends a batch and stores who it is for (the shop, the
 * staff member or "automation", and per request what it is about); `recordEndedBatches` — run by background work,
 * or by anyone, any number of times, in any number of processes — records each result of every ended batch once, at
 * batch prices (half price), under a usage id made from the batch id and the request's custom_id, so a second
 * poller's records are skipped by the writer as duplicates.
 */

/** What one request of a batch is about (the batch's shop, user and endpoint apply to all). */
export type BatchRequestTracking = Pick<TrackingContext, "connectionId" | "fixType" | "resourceType" | "resourceId">;

export interface TrackedBatchRequest {
  custom_id: string;
  params: MessageCreateParamsNonStreaming;
  tracking?: BatchRequestTracking;
}

/** The batch's context; `userId` is "automation" unless a staff member started it. */
export type BatchTracking = Omit<TrackingContext, keyof BatchRequestTracking | "userId"> & { userId?: string };

/** The usage record id of a batch request's result: the same in every process that records it. */
export function batchUsageId(batchId: string, customId: string): string {
  return `batch:${batchId}:${customId}`;
}

type RequestOptions = Parameters<Anthropic["messages"]["batches"]["create"]>[1];

/**
 * `anthropic.messages.batches.create`, tracked: a bound on every request's cost (at batch prices) is reserved against
 * the shop's hard cap before sending, all or none (BudgetExceededError); the reservations are kept under the requests'
 * usage ids until their results are recorded. Returns the SDK's own batch (or rethrows its error). Nothing is billed
 * until results exist, so nothing is recorded yet.
 */
export async function createBatchWithTracking(
  anthropic: Anthropic,
  db: PrismaClient,
  requests: readonly TrackedBatchRequest[],
  tracking: BatchTracking,
  options?: RequestOptions,
): Promise<Awaited<ReturnType<Anthropic["messages"]["batches"]["create"]>>> {
  // The batch's id, which the usage ids are made of, is Anthropic's answer: reserve under a provisional prefix first.
  const provisional = `batch-pending:${randomUUID()}:`;
  const holds = await holdBudget(
    tracking.shop,
    requests.map(({ custom_id, params }) => ({ id: provisional + custom_id, request: params })),
    { batch: true, ttlMs: BATCH_RESERVATION_TTL_MS },
  );
  let batch: Awaited<ReturnType<Anthropic["messages"]["batches"]["create"]>>;
  try {
    batch = await anthropic.messages.batches.create(
      { requests: requests.map(({ custom_id, params }) => ({ custom_id, params })) },
      options,
    );
  } catch (error) {
    for (const hold of holds?.values() ?? []) hold.release();
    throw error;
  }
  if (holds) {
    // `batch:<id>:<custom_id>` for each `batch-pending:<uuid>:<custom_id>`.
    const prefix = batchUsageId(batch.id, "");
    const customIdFrom = provisional.length + 1;
    await db.$executeRaw(
      Prisma.sql`UPDATE "BudgetReservation"
       SET "id" = CAST(${prefix} AS TEXT) || substr("id", CAST(${customIdFrom} AS INTEGER))
       WHERE "shop" = ${tracking.shop} AND "id" LIKE ${`${provisional}%`}`,
    );
  }
  await db.claudeBatch.create({
    data: {
      id: batch.id,
      shop: tracking.shop,
      userId: tracking.userId ?? "automation",
      endpoint: tracking.endpoint,
      requests: {
        create: requests.map(({ custom_id, params, tracking: about }) => ({
          customId: custom_id,
          model: params.model,
          speed: params.speed ?? null,
          inferenceGeo: params.inference_geo ?? null,
          connectionId: about?.connectionId ?? null,
          fixType: about?.fixType ?? null,
          resourceType: about?.resourceType ?? null,
          resourceId: about?.resourceId ?? null,
          usageId: batchUsageId(batch.id, custom_id),
        })),
      },
    },
  });
  return batch;
}

function usageOf(usage: Usage) {
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cacheCreationInputTokens: usage.cache_creation_input_tokens ?? 0,
    cacheCreation5mInputTokens: usage.cache_creation?.ephemeral_5m_input_tokens,
    cacheCreation1hInputTokens: usage.cache_creation?.ephemeral_1h_input_tokens,
    cacheReadInputTokens: usage.cache_read_input_tokens ?? 0,
    webSearchRequests: usage.server_tool_use?.web_search_requests ?? 0,
  };
}

/** A result's outcome: a message (billed) or why there is none (errored, canceled, expired: not billed). */
function outcomeOf(entry: MessageBatchIndividualResponse): Partial<TrackUsageParams> {
  const result = entry.result;
  if (result.type === "succeeded") {
    const usage = result.message.usage;
    return {
      ...usageOf(usage),
      model: result.message.model,
      status: "success",
      speed: usage.speed,
      inferenceGeo: usage.inference_geo,
    };
  }
  if (result.type === "errored") {
    return { status: "error", errorType: result.error.error.type, errorMessage: result.error.error.message };
  }
  return { status: "error", errorType: result.type, errorMessage: `batch request ${result.type}` };
}

export interface BatchPollResult {
  /** Results recorded in this run (a result already recorded by another run is written once all the same). */
  recorded: number;
  /** Tracked batches not ended yet. */
  inProgress: number;
}

/**
 * Records the results of every tracked batch that has ended, then marks the batch recorded. Records go through the
 * recorder (journaled before this returns), keyed by `batchUsageId`, so running this twice, or in two processes at
 * once, stores each result once.
 */
export async function recordEndedBatches(
  anthropic: Anthropic,
  db: PrismaClient,
  recorder: Pick<UsageRecorder, "record">,
): Promise<BatchPollResult> {
  const open = await db.claudeBatch.findMany({ where: { status: "in_progress" }, include: { requests: true } });
  let recorded = 0;
  let inProgress = 0;
  for (const tracked of open) {
    const batch: MessageBatch = await anthropic.messages.batches.retrieve(tracked.id);
    if (batch.processing_status !== "ended") {
      inProgress += 1;
      continue;
    }
    const endedAt = new Date(batch.ended_at ?? Date.now());
    const latencyMs = Math.max(endedAt.getTime() - Date.parse(batch.created_at), 0);
    const requests = new Map(tracked.requests.map((request) => [request.customId, request]));
    const overrides = (await loadPriceOverrides(db, [tracked.shop]))(tracked.shop);
    for await (const entry of await anthropic.messages.batches.results(tracked.id)) {
      const request = requests.get(entry.custom_id);
      if (!request) continue; // not a request this app sent in this batch
      const call = pendingCallFrom({
        id: request.usageId,
        shop: tracked.shop,
        userId: tracked.userId,
        endpoint: tracked.endpoint,
        model: request.model,
        inputTokens: 0,
        outputTokens: 0,
        speed: request.speed,
        inferenceGeo: request.inferenceGeo,
        connectionId: request.connectionId,
        fixType: request.fixType,
        resourceType: request.resourceType,
        resourceId: request.resourceId,
        ...outcomeOf(entry),
        batch: true,
        latencyMs,
        timestamp: endedAt,
      });
      recorder.record(call);
      // Its reservation (if the shop had a hard cap) holds the real cost until the writer replaces it with the row.
      const cost = priceOf(call, overrides).cost?.totalPicos;
      if (cost !== undefined) await settleReservation(call.id, cost);
      recorded += 1;
    }
    await db.claudeBatch.updateMany({
      where: { id: tracked.id, status: "in_progress" },
      data: { status: "recorded", endedAt, recordedAt: new Date() },
    });
  }
  return { recorded, inProgress };
}

export interface BatchPollingOptions {
  db: PrismaClient;
  recorder: Pick<UsageRecorder, "record">;
  /** The Claude client, asked for only when a tracked batch is open (it throws when Claude is not configured). */
  client: () => Anthropic;
  everyMs?: number;
}

/** Polls tracked batches every minute (by default) and records the results of those that ended. Returns stop. */
export function startBatchPolling({ db, recorder, client, everyMs = 60_000 }: BatchPollingOptions): () => void {
  let running = false;
  let lastProblem = "";
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void (async () => {
      if ((await db.claudeBatch.count({ where: { status: "in_progress" } })) === 0) return;
      await recordEndedBatches(client(), db, recorder);
      lastProblem = "";
    })()
      .catch((error: unknown) => {
        const problem = error instanceof Error ? error.message : String(error);
        if (problem !== lastProblem) console.error(`usage tracker: could not poll message batches (${problem})`);
        lastProblem = problem;
      })
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
