import type { MessageBatch, MessageBatchIndividualResponse } from "@anthropic-ai/sdk/resources/messages/batches";
import type { MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages";
import { answerMessage } from "./answer";
import { newRequestId, randomToken } from "./ids";
import type { StubBatch, StubState } from "./state";
import { isRecord } from "./values";
import { validateMessagesBody } from "./validate-request";

/**
 * The Message Batches API: `POST /v1/messages/batches` (create), `GET /v1/messages/batches/{id}` (retrieve) and
 * `GET /v1/messages/batches/{id}/results` (JSONL, one line per request). A batch ends when its requests are answered:
 * at once (`batchProcessing: "immediate"`, the default) or on `state.endBatch(id)` ("manual"). Each result is
 * answered like `POST /v1/messages` and billed at batch prices (usage.service_tier "batch").
 */

const MAX_BATCH_REQUESTS = 100_000;

export type BatchCreateResult = { ok: true; requests: StubBatch["requests"] } | { ok: false; message: string };

/** Checks a create body: `requests` of `{ custom_id, params }`, unique ids, each params a valid Messages body. */
export function parseBatchCreate(body: unknown, state: StubState): BatchCreateResult {
  if (!isRecord(body) || !Array.isArray(body.requests)) return { ok: false, message: "requests: Field required" };
  if (body.requests.length === 0 || body.requests.length > MAX_BATCH_REQUESTS) {
    return { ok: false, message: `requests: must hold 1 to ${MAX_BATCH_REQUESTS} requests` };
  }
  const seen = new Set<string>();
  const requests: StubBatch["requests"] = [];
  for (const [index, entry] of body.requests.entries()) {
    if (!isRecord(entry) || typeof entry.custom_id !== "string" || !/^[a-zA-Z0-9_-]{1,64}$/.test(entry.custom_id)) {
      return { ok: false, message: `requests.${index}.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'` };
    }
    if (seen.has(entry.custom_id))
      return { ok: false, message: `requests: custom_id ${entry.custom_id} is not unique` };
    seen.add(entry.custom_id);
    const checked = validateMessagesBody(entry.params, { requireMaxTokens: true, models: state.options.models });
    if (!checked.ok) return { ok: false, message: `requests.${index}.params: ${checked.message}` };
    if (checked.body.stream) return { ok: false, message: `requests.${index}.params.stream: batches do not stream` };
    requests.push({ custom_id: entry.custom_id, params: checked.body as MessageCreateParamsNonStreaming });
  }
  return { ok: true, requests };
}

export function createBatch(state: StubState, requests: StubBatch["requests"]): StubBatch {
  const batch: StubBatch = {
    id: `msgbatch_01${randomToken(22)}`,
    createdAt: state.now(),
    endedAt: null,
    requests,
    results: null,
  };
  state.batches.set(batch.id, batch);
  return batch;
}

/** Answers every request of a batch, in order, and ends it. Safe to call twice. */
export async function answerBatch(state: StubState, batch: StubBatch): Promise<void> {
  if (batch.endedAt !== null) return;
  const results: MessageBatchIndividualResponse[] = [];
  for (const { custom_id, params } of batch.requests) {
    try {
      const message = await answerMessage(state, params, {
        requestId: newRequestId(),
        headers: new Headers(),
        batch: true,
      });
      results.push({ custom_id, result: { type: "succeeded", message } });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      results.push({
        custom_id,
        result: {
          type: "errored",
          error: { type: "error", error: { type: "api_error", message: text }, request_id: null },
        },
      });
    }
  }
  batch.results = results;
  batch.endedAt = state.now();
}

/** The batch as the API describes it; `resultsBase` is the URL the results path is appended to. */
export function batchView(batch: StubBatch, resultsBase: string): MessageBatch {
  const iso = (ms: number) => new Date(ms).toISOString();
  const results = batch.results ?? [];
  const count = (type: string) => results.filter((entry) => entry.result.type === type).length;
  return {
    id: batch.id,
    type: "message_batch",
    processing_status: batch.endedAt === null ? "in_progress" : "ended",
    request_counts: {
      processing: batch.endedAt === null ? batch.requests.length : 0,
      succeeded: count("succeeded"),
      errored: count("errored"),
      canceled: count("canceled"),
      expired: count("expired"),
    },
    created_at: iso(batch.createdAt),
    ended_at: batch.endedAt === null ? null : iso(batch.endedAt),
    expires_at: iso(batch.createdAt + 24 * 60 * 60_000),
    archived_at: null,
    cancel_initiated_at: null,
    results_url: batch.endedAt === null ? null : `${resultsBase}/v1/messages/batches/${batch.id}/results`,
  };
}

/** The results file: one JSON line per request. */
export function batchResultsJsonl(batch: StubBatch): string {
  return (batch.results ?? []).map((entry) => JSON.stringify(entry)).join("\n") + "\n";
}
