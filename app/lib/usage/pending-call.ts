import { randomUUID } from "node:crypto";
import { z } from "zod";

/**
 * A Claude call as the tracker receives it, before it is priced and written: the usage exactly as Anthropic
 * reported it plus what the app knows about the call. This is also the journal's line format, so a record
 * kept on disk during a database outage is written later exactly as it would have been.
 */
export type CallStatus = "success" | "error";

export interface PendingCall {
  id: string;
  requestId: string | null;
  shop: string;
  userId: string;
  model: string;
  endpoint: string;
  inputTokens: number;
  outputTokens: number;
  cacheCreation5mTokens: number;
  cacheCreation1hTokens: number;
  cacheReadInputTokens: number;
  webSearchRequests: number;
  batch: boolean;
  connectionId: string | null;
  fixType: string | null;
  resourceType: string | null;
  resourceId: string | null;
  latencyMs: number;
  cached: boolean;
  status: CallStatus;
  errorType: string | null;
  errorMessage: string | null;
  httpStatus: number | null;
  /** ISO-8601 UTC instant the call ended. */
  timestamp: string;
  /** `usage.speed` / `usage.inference_geo` as reported (else as requested); absent in journals from before. */
  speed?: string | null;
  inferenceGeo?: string | null;
  /** "messages" (default) or "count_tokens" (free, counted as a call). */
  callType?: CallType;
  /** Set when the reported usage contradicted itself: the call is kept with what is known, its cost unknown. */
  usageNote?: string | null;
}

export type CallType = "messages" | "count_tokens";

/** `trackAPIUsage`'s parameters: the seed's names, plus cache, batch, web search and request id. */
export interface TrackUsageParams {
  userId: string;
  model: string;
  endpoint: string;
  inputTokens: number;
  outputTokens: number;
  shop: string;
  connectionId?: string | null;
  fixType?: string | null;
  resourceType?: string | null;
  resourceId?: string | null;
  latencyMs?: number;
  cached?: boolean;
  status?: CallStatus;
  errorMessage?: string | null;
  /** All cache-write tokens. When the 5m/1h split is not given, they are taken as 5-minute writes (the API's default TTL). */
  cacheCreationInputTokens?: number;
  cacheCreation5mInputTokens?: number;
  cacheCreation1hInputTokens?: number;
  cacheReadInputTokens?: number;
  requestId?: string | null;
  batch?: boolean;
  webSearchRequests?: number;
  errorType?: string | null;
  httpStatus?: number | null;
  /** When the call ended; defaults to now. */
  timestamp?: Date;
  /** Idempotency key; a retried `trackAPIUsage` with the same id is counted once. Generated when absent. */
  id?: string;
  /** `usage.speed` ("standard" or "fast"), else the request's `speed`: fast mode changes the price. */
  speed?: string | null;
  /** `usage.inference_geo` ("global" or "us"), else the request's: US-only inference changes the price. */
  inferenceGeo?: string | null;
  /** "messages" (default) or "count_tokens" (a free token count, recorded as a call). */
  callType?: CallType | null;
}

export class InvalidUsageError extends Error {
  override name = "InvalidUsageError";
}

const MAX_ERROR_MESSAGE_LENGTH = 2000;

/** Each message follows the field's name: "inputTokens must be a whole number of 0 or more, got -1". */
function explained(message: (value: unknown) => string): { errorMap: z.ZodErrorMap } {
  return { errorMap: (_issue, context) => ({ message: message(context.data) }) };
}

const wholeNumber = explained((value) => `must be a whole number of 0 or more, got ${String(value)}`);
const text = explained((value) => `must be text, got ${String(value)}`);
const trueOrFalse = explained((value) => `must be true or false, got ${String(value)}`);

/** Tokens or requests; absent is 0. */
const count = z.number(wholeNumber).int().min(0).safe().nullish();
/** Who and what the call was for: text that is not blank. */
const required = z.string(explained(() => "is required")).regex(/\S/);
/** Text that may be absent; empty is absent. */
const optional = z.string(text).nullish();

/**
 * The parameters as `trackAPIUsage` takes them, into the pending call the journal and the writer keep. Fields only
 * declare their checks; the defaults are filled in one place at the end. (Zod's per-field transforms and refines
 * cost about 3 µs each here, and this runs on every Claude call.)
 */
const trackUsageSchema = z
  .object(
    {
      id: z.string(text).nullish(),
      requestId: optional,
      shop: required,
      userId: required,
      model: required,
      endpoint: required,
      inputTokens: count,
      outputTokens: count,
      cacheCreationInputTokens: count,
      cacheCreation5mInputTokens: count,
      cacheCreation1hInputTokens: count,
      cacheReadInputTokens: count,
      webSearchRequests: count,
      batch: z.boolean(trueOrFalse).nullish(),
      connectionId: optional,
      fixType: optional,
      resourceType: optional,
      resourceId: optional,
      latencyMs: z
        .number(explained((value) => `must be a number of milliseconds, 0 or more, got ${String(value)}`))
        .min(0)
        .safe()
        .nullish(),
      cached: z.boolean(trueOrFalse).nullish(),
      status: z
        .enum(
          ["success", "error"],
          explained((value) => `must be "success" or "error", got ${String(value)}`),
        )
        .nullish(),
      errorType: optional,
      errorMessage: optional,
      httpStatus: z
        .number(explained((value) => `must be an HTTP status code, got ${String(value)}`))
        .int()
        .nullish(),
      timestamp: z.date(explained(() => "must be a valid Date")).nullish(),
      speed: optional,
      inferenceGeo: optional,
      callType: z
        .enum(
          ["messages", "count_tokens"],
          explained((value) => `must be "messages" or "count_tokens", got ${String(value)}`),
        )
        .nullish(),
    },
    explained((value) => `trackAPIUsage takes an object of parameters, got ${String(value)}`),
  )
  .transform((params): PendingCall => {
    // Cache writes: the total, its 5-minute and 1-hour parts; a missing 5-minute part is what the total leaves.
    const oneHour = params.cacheCreation1hInputTokens ?? 0;
    const total = params.cacheCreationInputTokens;
    const fiveMinute = params.cacheCreation5mInputTokens ?? Math.max((total ?? 0) - oneHour, 0);
    // A total that disagrees with its split is what the API said (a stream's final delta against message_start):
    // the call is kept with the split as reported and marked, and its cost is unknown rather than guessed.
    const usageNote =
      total != null && fiveMinute + oneHour !== total
        ? `cache writes reported as ${total} in total but ${fiveMinute} (5-minute) + ${oneHour} (1-hour); cost unknown`
        : null;
    return {
      id: params.id ?? randomUUID(),
      requestId: params.requestId || null,
      shop: params.shop,
      userId: params.userId,
      model: params.model,
      endpoint: params.endpoint,
      inputTokens: params.inputTokens ?? 0,
      outputTokens: params.outputTokens ?? 0,
      cacheCreation5mTokens: fiveMinute,
      cacheCreation1hTokens: oneHour,
      cacheReadInputTokens: params.cacheReadInputTokens ?? 0,
      webSearchRequests: params.webSearchRequests ?? 0,
      batch: params.batch ?? false,
      connectionId: params.connectionId || null,
      fixType: params.fixType || null,
      resourceType: params.resourceType || null,
      resourceId: params.resourceId || null,
      latencyMs: Math.round(params.latencyMs ?? 0),
      cached: params.cached ?? false,
      status: params.status ?? "success",
      errorType: params.errorType || null,
      errorMessage: params.errorMessage?.slice(0, MAX_ERROR_MESSAGE_LENGTH) || null,
      httpStatus: params.httpStatus ?? null,
      timestamp: (params.timestamp ?? new Date()).toISOString(),
      speed: params.speed || null,
      inferenceGeo: params.inferenceGeo || null,
      callType: params.callType ?? "messages",
      usageNote,
    };
  });

// The schema reads every field of TrackUsageParams and accepts every value its type allows.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const _readsEveryField: SameKeys<TrackUsageParams, z.input<typeof trackUsageSchema>> = true;
const _acceptsTheType: TrackUsageParams extends z.input<typeof trackUsageSchema> ? true : false = true;

/** "shop is required; inputTokens must be a whole number of 0 or more, got -1": the first problem of each field. */
function describeIssues(error: z.ZodError): string {
  const byField = new Map<string, string>();
  for (const issue of error.issues) {
    const field = issue.path.join(".");
    if (!byField.has(field)) byField.set(field, field ? `${field} ${issue.message}` : issue.message);
  }
  return [...byField.values()].join("; ");
}

/** Validates `trackAPIUsage` parameters into a pending call; bad input throws InvalidUsageError and records nothing. */
export function pendingCallFrom(params: TrackUsageParams): PendingCall {
  const parsed = trackUsageSchema.safeParse(params);
  if (!parsed.success) throw new InvalidUsageError(describeIssues(parsed.error));
  return parsed.data;
}
