import { randomUUID } from "node:crypto";
import Anthropic from "@anthropic-ai/sdk";
import { Stream } from "@anthropic-ai/sdk/core/streaming";
import type { APIPromise } from "@anthropic-ai/sdk/core/api-promise";
import type {
  Message,
  MessageCountTokensParams,
  MessageCreateParamsNonStreaming,
  MessageCreateParamsStreaming,
  MessageTokensCount,
  RawMessageStreamEvent,
} from "@anthropic-ai/sdk/resources/messages";
import type { MessageStreamParams } from "@anthropic-ai/sdk/resources/messages/messages";
import { holdCallBudget, type BudgetHold } from "./call-budget.server";
import type { PendingCall, TrackUsageParams } from "./pending-call";

/** What the app knows about a call that the API does not: who, for which shop, and for what. */
export interface TrackingContext {
  shop: string;
  /** The staff member (session token `sub`) or "automation" for background work. */
  userId: string;
  endpoint: string;
  connectionId?: string | null;
  fixType?: string | null;
  resourceType?: string | null;
  resourceId?: string | null;
}

/** Records a call; returns it as it will be written. */
export type RecordCall = (params: TrackUsageParams) => PendingCall;

type RequestOptions = Parameters<Anthropic["messages"]["create"]>[1];
/** What awaiting the SDK's call gives: the message (or stream) with its `_request_id`. */
type SdkResult<T> = Awaited<APIPromise<T>>;

/** The usage fields of `Message.usage` (message_start) and `MessageDeltaUsage` (message_delta) that cost money. */
interface ReportedUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation?: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number } | null;
  server_tool_use?: { web_search_requests: number } | null;
  /** Fast mode and US-only inference change the price; message_start carries them. */
  speed?: string | null;
  inference_geo?: string | null;
}

/** What the request asked for, used where the response's usage does not say (an error, an old API version). */
interface RequestedMode {
  speed?: string | null;
  inference_geo?: string | null;
}

function modeFields(usage: ReportedUsage | undefined, requested: RequestedMode) {
  return {
    speed: usage?.speed ?? requested.speed ?? null,
    inferenceGeo: usage?.inference_geo ?? requested.inference_geo ?? null,
  };
}

function usageFields(usage: ReportedUsage | undefined) {
  const cacheWrites = usage?.cache_creation_input_tokens ?? 0;
  const split = usage?.cache_creation;
  return {
    inputTokens: usage?.input_tokens ?? 0,
    outputTokens: usage?.output_tokens ?? 0,
    cacheCreationInputTokens: cacheWrites,
    // The API reports the 5m/1h split when it has one; without it every write is a 5-minute write (the default TTL).
    cacheCreation5mInputTokens: split ? split.ephemeral_5m_input_tokens : cacheWrites,
    cacheCreation1hInputTokens: split ? split.ephemeral_1h_input_tokens : 0,
    cacheReadInputTokens: usage?.cache_read_input_tokens ?? 0,
    webSearchRequests: usage?.server_tool_use?.web_search_requests ?? 0,
  };
}

/** Later usage reports (message_delta) replace earlier ones field by field; absent fields keep the earlier value. */
function mergeUsage(earlier: ReportedUsage | undefined, later: ReportedUsage): ReportedUsage {
  const merged: ReportedUsage = { ...earlier };
  for (const [key, value] of Object.entries(later)) {
    if (value !== null && value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

function errorFields(error: unknown) {
  if (error instanceof Anthropic.APIConnectionTimeoutError) {
    return { errorType: "timeout", errorMessage: error.message, httpStatus: null, requestId: null };
  }
  if (error instanceof Anthropic.APIUserAbortError) {
    return { errorType: "aborted", errorMessage: error.message, httpStatus: null, requestId: null };
  }
  if (error instanceof Anthropic.APIConnectionError) {
    return { errorType: "connection_error", errorMessage: error.message, httpStatus: null, requestId: null };
  }
  if (error instanceof Anthropic.APIError) {
    return {
      errorType: error.type ?? (error.status ? `http_${error.status}` : "api_error"),
      errorMessage: error.apiMessage ?? error.message,
      httpStatus: error.status ?? null,
      requestId: error.requestID ?? null,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { errorType: "stream_error", errorMessage: message, httpStatus: null, requestId: null };
}

/**
 * Records through `recordCall` under the call's id, never throwing: a tracking failure must never fail the SEO call
 * that was made. The call's budget reservation, if it holds one, is settled to what the recorded call cost.
 */
function recorderOf(recordCall: RecordCall) {
  return (id: string, hold: BudgetHold | null) =>
    (params: TrackUsageParams): void => {
      try {
        const call = recordCall({ ...params, id });
        hold?.settle(call);
      } catch (error) {
        console.error("usage tracker: could not record a call", error);
      }
    };
}

/**
 * `anthropic.messages.create`, tracked. Reserves a bound on the call's cost against the shop's hard cap before
 * sending, and refuses (BudgetExceededError) when it does not fit; the reservation is settled to the real cost when
 * the call ends. Records one usage record per call: tokens and request id from the response (for
 * streams, from `message_start` and the final `message_delta`), latency, and on failure the API's error type
 * and message. Returns exactly what the SDK returns and rethrows the SDK's own error unchanged.
 */
export function createTrackedMessages(recordCall: RecordCall) {
  const recorder = recorderOf(recordCall);

  async function createMessageWithTracking(
    anthropic: Anthropic,
    params: MessageCreateParamsNonStreaming,
    tracking: TrackingContext,
    options?: RequestOptions,
  ): Promise<SdkResult<Message>>;
  async function createMessageWithTracking(
    anthropic: Anthropic,
    params: MessageCreateParamsStreaming,
    tracking: TrackingContext,
    options?: RequestOptions,
  ): Promise<SdkResult<Stream<RawMessageStreamEvent>>>;
  async function createMessageWithTracking(
    anthropic: Anthropic,
    params: MessageCreateParamsNonStreaming | MessageCreateParamsStreaming,
    tracking: TrackingContext,
    options?: RequestOptions,
  ): Promise<SdkResult<Message> | SdkResult<Stream<RawMessageStreamEvent>>> {
    const id = randomUUID();
    const safeRecord = recorder(id, await holdCallBudget(tracking.shop, id, params));
    const started = performance.now();
    const base = { ...tracking, model: params.model };
    const elapsed = () => performance.now() - started;
    const recordFailure = (error: unknown) =>
      safeRecord({
        ...base,
        ...usageFields(undefined),
        ...modeFields(undefined, params),
        latencyMs: elapsed(),
        status: "error",
        ...errorFields(error),
      });

    if (!params.stream) {
      try {
        const message = await anthropic.messages.create(params, options);
        safeRecord({
          ...base,
          ...usageFields(message.usage),
          ...modeFields(message.usage, params),
          model: message.model || params.model,
          latencyMs: elapsed(),
          status: "success",
          requestId: message._request_id ?? null,
        });
        return message;
      } catch (error) {
        recordFailure(error);
        throw error;
      }
    }

    let response: { data: Stream<RawMessageStreamEvent>; request_id: string | null | undefined };
    try {
      response = await anthropic.messages.create(params, options).withResponse();
    } catch (error) {
      recordFailure(error);
      throw error;
    }
    const source = response.data;
    const requestId = response.request_id ?? null;

    async function* observed(): AsyncGenerator<RawMessageStreamEvent> {
      let usage: ReportedUsage | undefined;
      let model = params.model as string;
      let finished = false;
      let failure: unknown = null;
      try {
        for await (const event of source) {
          if (event.type === "message_start") {
            usage = event.message.usage;
            model = event.message.model || model;
          } else if (event.type === "message_delta") {
            usage = mergeUsage(usage, event.usage);
          } else if (event.type === "message_stop") {
            finished = true;
          }
          yield event;
        }
      } catch (error) {
        failure = error;
        throw error;
      } finally {
        const common = {
          ...base,
          ...usageFields(usage),
          ...modeFields(usage, params),
          model,
          latencyMs: elapsed(),
          requestId,
        };
        if (finished && failure === null) {
          safeRecord({ ...common, status: "success" });
        } else if (failure !== null) {
          safeRecord({ ...common, status: "error", ...errorFields(failure), requestId: requestId });
        } else {
          // The caller stopped reading (or the stream ended without message_stop): the tokens seen so far were billed.
          safeRecord({
            ...common,
            status: "error",
            errorType: "aborted",
            errorMessage: "stream ended before message_stop",
          });
        }
      }
    }

    const observedStream: SdkResult<Stream<RawMessageStreamEvent>> = new Stream(() => observed(), source.controller);
    // The SDK puts the request id on what it returns; so does this.
    Object.defineProperty(observedStream, "_request_id", { value: requestId, enumerable: false });
    return observedStream;
  }

  return createMessageWithTracking;
}

/**
 * `anthropic.messages.stream()` (the SDK's stream helper: `finalMessage()`, `on("text")`, …), tracked. Reserves
 * its bound against the shop's hard cap before sending (or refuses, like createMessageWithTracking), returns the
 * SDK's own `MessageStream`, and records the call once (settling its reservation) when the stream ends: with the
 * usage of message_start and the final message_delta, its request id and latency; an error (the SDK's own, which
 * `finalMessage()`/`done()` still reject with) or an abort (`stream.abort()`) is recorded with the tokens seen so far. The tracker listens for `error` and `abort`, so the SDK no longer raises an unhandled
 * rejection for a stream whose caller never looks at its errors; every promise of the stream still rejects.
 */
export function createTrackedStream(recordCall: RecordCall) {
  const recorder = recorderOf(recordCall);

  return async function streamMessageWithTracking<Params extends MessageStreamParams>(
    anthropic: Anthropic,
    params: Params,
    tracking: TrackingContext,
    options?: RequestOptions,
  ): Promise<ReturnType<typeof anthropic.messages.stream<Params>>> {
    const id = randomUUID();
    const safeRecord = recorder(id, await holdCallBudget(tracking.shop, id, params));
    const started = performance.now();
    const stream = anthropic.messages.stream(params, options);
    let usage: ReportedUsage | undefined;
    let model = params.model as string;
    let finished = false;
    let failure: unknown = null;
    stream.on("streamEvent", (event) => {
      if (event.type === "message_start") {
        usage = event.message.usage;
        model = event.message.model || model;
      } else if (event.type === "message_delta") {
        usage = mergeUsage(usage, event.usage);
      } else if (event.type === "message_stop") {
        finished = true;
      }
    });
    stream.on("error", (error) => (failure = error));
    stream.on("abort", (error) => (failure = error));
    stream.on("end", () => {
      const common = {
        ...tracking,
        ...usageFields(usage),
        ...modeFields(usage, params),
        model,
        latencyMs: performance.now() - started,
        requestId: stream.request_id ?? null,
      };
      if (failure !== null) {
        const fields = errorFields(failure);
        safeRecord({ ...common, status: "error", ...fields, requestId: fields.requestId ?? common.requestId });
      } else if (finished) {
        safeRecord({ ...common, status: "success" });
      } else {
        safeRecord({
          ...common,
          status: "error",
          errorType: "aborted",
          errorMessage: "stream ended before message_stop",
        });
      }
    });
    return stream;
  };
}

/**
 * `anthropic.messages.countTokens`, tracked: counting is free, so no budget check and no cost, but it is recorded as a
 * call (`callType: "count_tokens"`, zero billed tokens) so the app's calls to Claude are all visible. Returns or
 * rethrows exactly what the SDK does.
 */
export function createTrackedTokenCount(recordCall: RecordCall) {
  const recorder = recorderOf(recordCall);

  return async function countTokensWithTracking(
    anthropic: Anthropic,
    params: MessageCountTokensParams,
    tracking: TrackingContext,
    options?: RequestOptions,
  ): Promise<SdkResult<MessageTokensCount>> {
    const safeRecord = recorder(randomUUID(), null);
    const started = performance.now();
    const base = { ...tracking, model: params.model, callType: "count_tokens" as const, ...usageFields(undefined) };
    try {
      const counted = await anthropic.messages.countTokens(params, options);
      safeRecord({
        ...base,
        latencyMs: performance.now() - started,
        status: "success",
        requestId: counted._request_id ?? null,
      });
      return counted;
    } catch (error) {
      safeRecord({ ...base, latencyMs: performance.now() - started, status: "error", ...errorFields(error) });
      throw error;
    }
  };
}
