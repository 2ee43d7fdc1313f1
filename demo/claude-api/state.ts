import type { Message, MessageCreateParamsNonStreaming, Usage } from "@anthropic-ai/sdk/resources/messages";
import type { MessageBatchIndividualResponse } from "@anthropic-ai/sdk/resources/messages/batches";
import { answerBatch } from "./batches";
import { FaultQueue, type StubFault, type StubFaultKind } from "./faults";
import { PromptCache } from "./prompt-cache";
import { defaultResponder } from "./responder";
import type { Responder, ScriptedResponse } from "./types";

/** Everything one stub instance remembers: options, the request log, queued faults and answers, the prompt cache. */

export interface StubStateOptions {
  /** Produces the assistant content (default: `defaultResponder`). */
  responder?: Responder;
  /** Milliseconds since the epoch; drives cache TTLs, log timestamps and rate-limit reset times (default `Date.now`). */
  clock?: () => number;
  /** Answer 401 `authentication_error` without an `x-api-key` or `authorization` header (default true). */
  requireApiKey?: boolean;
  /** When set, only these keys (as `x-api-key`, or `authorization: Bearer <key>`) are accepted. */
  apiKeys?: readonly string[];
  /** When set, other models get 404 `not_found_error`. */
  models?: readonly string[];
  /** Cache breakpoints whose prefix is shorter than this are ignored (the API's 1024–4096 minimum; default 0). */
  minCacheableTokens?: number;
  /** Older entries of `requests` are dropped beyond this many (default 1000). */
  maxLoggedRequests?: number;
  /** Approximate characters per streamed text/thinking delta (default 24). */
  textChunkChars?: number;
  /** Characters per streamed `input_json_delta` (default 24). */
  jsonChunkChars?: number;
  /** Send `anthropic-ratelimit-*` headers (default true). */
  rateLimitHeaders?: boolean;
  /**
   * Message Batches: "immediate" (default) answers every request as the batch is created, so it has ended by the
   * first retrieve; "manual" keeps it `in_progress` until `state.endBatch(id)`.
   */
  batchProcessing?: "immediate" | "manual";
  /** Keys the Admin API endpoints (usage and cost reports) accept (default: any key starting `sk-ant-admin`). */
  adminApiKeys?: readonly string[];
  /**
   * What one served call cost in pico-dollars, as Anthropic would bill it, for the cost report (null: no cost
   * row for it). Default: the app's own pricing catalog (demo/claude-api/admin-reports.ts).
   */
  costOf?: (served: ServedUsage) => bigint | null;
}

export type StubEndpoint =
  | "messages"
  | "count_tokens"
  | "batches_create"
  | "batches_retrieve"
  | "batches_results"
  | "admin_usage"
  | "admin_cost"
  | "unknown";

/** One call the stub billed: what its usage and cost reports are made of. */
export interface ServedUsage {
  /** The state's clock when it was answered. */
  at: number;
  model: string;
  usage: Usage;
  /** Answered through the Message Batches API (half price). */
  batch: boolean;
}

/** A Message Batch as the stub keeps it. */
export interface StubBatch {
  id: string;
  createdAt: number;
  endedAt: number | null;
  requests: Array<{ custom_id: string; params: MessageCreateParamsNonStreaming }>;
  /** Set when the batch ends, one per request. */
  results: MessageBatchIndividualResponse[] | null;
}

/** One received request, as the stub saw and answered it. */
export interface StubRequestRecord {
  /** The `request-id` the answer carried. */
  requestId: string;
  method: string;
  /** Path and query, e.g. `/v1/messages` or `/v1/messages?beta=true`. */
  path: string;
  endpoint: StubEndpoint;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The parsed JSON body (undefined when it was not JSON). */
  body: unknown;
  rawBody: string;
  /** The state's clock when the request arrived. */
  receivedAt: number;
  stream: boolean;
  /** HTTP status answered (set once the answer is decided). */
  status?: number;
  /** The fault applied, if any. */
  fault?: StubFaultKind;
  /** The complete message answered (JSON) or streamed (what `finalMessage()` assembles), usage included. */
  message?: Message;
}

export class StubState {
  readonly requests: StubRequestRecord[] = [];
  /** Every call billed, for the Admin API's usage and cost reports (kept until `reset`). */
  readonly served: ServedUsage[] = [];
  readonly batches = new Map<string, StubBatch>();
  readonly promptCache: PromptCache;
  responder: Responder;
  readonly #options: StubStateOptions;
  readonly #faults = new FaultQueue();
  readonly #scripted: ScriptedResponse[] = [];
  #clockOffsetMs = 0;

  constructor(options: StubStateOptions = {}) {
    this.#options = { ...options };
    this.responder = options.responder ?? defaultResponder;
    this.promptCache = new PromptCache(options.minCacheableTokens ?? 0);
  }

  get options(): Readonly<StubStateOptions> {
    return this.#options;
  }

  /** The state's clock: `options.clock()` (or `Date.now()`) plus everything `advanceTime` added. */
  now(): number {
    return (this.#options.clock ?? Date.now)() + this.#clockOffsetMs;
  }

  /** Moves the state's clock forward, e.g. past a cache TTL. */
  advanceTime(ms: number): void {
    this.#clockOffsetMs += ms;
  }

  /** Applies `fault` to the next `fault.times` (default 1) requests that pass authentication and validation. */
  enqueueFault(fault: StubFault): void {
    this.#faults.enqueue(fault);
  }

  /** The queued faults with their remaining uses. */
  pendingFaults(): Array<StubFault & { remaining: number }> {
    return this.#faults.pending();
  }

  clearFaults(): void {
    this.#faults.clear();
  }

  /** Takes the fault for the request being answered (used by the handler). */
  takeFault(): StubFault | undefined {
    return this.#faults.take();
  }

  /** Answers the next successful request (error faults don't consume it) with this content and/or usage. */
  enqueueResponse(response: ScriptedResponse): void {
    this.#scripted.push(response);
  }

  /** Scripted responses not used yet. */
  pendingResponses(): readonly ScriptedResponse[] {
    return [...this.#scripted];
  }

  /** Takes the scripted response for the request being answered (used by the handler). */
  takeScriptedResponse(): ScriptedResponse | undefined {
    return this.#scripted.shift();
  }

  /** Logs a request (used by the handler); the returned record is completed as the answer is decided. */
  recordRequest(record: StubRequestRecord): StubRequestRecord {
    this.requests.push(record);
    const limit = this.#options.maxLoggedRequests ?? 1000;
    if (this.requests.length > limit) this.requests.splice(0, this.requests.length - limit);
    return record;
  }

  /** Bills a call (used by the handler for every message it answers, batch results included). */
  recordServed(entry: ServedUsage): void {
    this.served.push(entry);
  }

  /** Ends a `manual` batch now: answers each of its requests. */
  async endBatch(id: string): Promise<void> {
    const batch = this.batches.get(id);
    if (!batch) throw new Error(`claude-stub: no batch ${id}`);
    await answerBatch(this, batch);
  }

  /** Requests to `POST /v1/messages` only. */
  messageRequests(): StubRequestRecord[] {
    return this.requests.filter((record) => record.endpoint === "messages");
  }

  /** Forgets requests, queued faults and responses, the prompt cache and clock adjustments; keeps options and responder. */
  reset(): void {
    this.requests.length = 0;
    this.served.length = 0;
    this.batches.clear();
    this.#faults.clear();
    this.#scripted.length = 0;
    this.promptCache.clear();
    this.#clockOffsetMs = 0;
  }
}

export function createStubState(options?: StubStateOptions): StubState {
  return new StubState(options);
}
