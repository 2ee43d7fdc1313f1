import { randomUUID } from "node:crypto";
import { z } from "zod";
import { isStorableText, storableText } from "~/lib/text";

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

/**
 * Bounds on what a call can report, each far above what Claude's API does (a million-token context, 128k output
 * tokens, a few web searches) and inside the 32-bit columns that store them, so a bad caller cannot plant a number
 * that breaks a sum, a date that breaks a calendar, or a text that breaks a page or the CSV.
 */
export const USAGE_LIMITS = {
  tokens: 100_000_000,
  webSearchRequests: 100_000,
  /** A day. */
  latencyMs: 86_400_000,
  /** Identifiers (ids, shop, staff, model, endpoint, resource): refused when longer. */
  identifierLength: 255,
  /** Error text: cut (never mid-character) when longer. */
  errorMessageLength: 2_000,
  errorTypeLength: 100,
  /** Calls are dated from 2000 to a day ahead of this server's clock (clock skew). */
  earliestTimestamp: new Date("2000-01-01T00:00:00.000Z"),
  futureToleranceMs: 86_400_000,
} as const;

/**
 * Each message follows the field's name: "inputTokens must be a whole number from 0 to 100000000, got -1". A schema's
 * `error` also words the problems its checks (`.int()`, `.min()`, …) find.
 */
function explained(message: (value: unknown) => string): { error: z.core.$ZodErrorMap } {
  return { error: (issue) => message(issue.input) };
}

const text = explained((value) => `must be text, got ${String(value)}`);
const trueOrFalse = explained((value) => `must be true or false, got ${String(value)}`);

/** Tokens or requests; absent is 0. */
const count = (max: number) =>
  z
    .number(explained((value) => `must be a whole number from 0 to ${max}, got ${String(value)}`))
    .int()
    .min(0)
    .max(max)
    .nullish();
const tokens = count(USAGE_LIMITS.tokens);
const identifierProblem = `must be text of at most ${USAGE_LIMITS.identifierLength} characters, without NUL or broken characters`;
/** An identifier: text that is not blank, and storable as it is. */
const required = z
  .string(explained(() => "is required"))
  .regex(/\S/)
  .refine((value) => isStorableText(value, USAGE_LIMITS.identifierLength), identifierProblem);
/** An identifier that may be absent; empty is absent. */
const optional = z
  .string(text)
  .refine((value) => isStorableText(value, USAGE_LIMITS.identifierLength), identifierProblem)
  .nullish();
/** Free text from an error: kept, made storable and cut to `max` characters. */
const errorText = (max: number) =>
  z
    .string(text)
    .transform((value) => storableText(value, max))
    .nullish();

/**
 * The parameters as `trackAPIUsage` takes them, into the pending call the journal and the writer keep. Fields only
 * declare their checks; the defaults are filled in one place at the end. This runs on every Claude call: a valid
 * call parses in about 2 µs on Zod 4 (it took about 6 µs on Zod 3).
 */
const trackUsageSchema = z
  .object(
    {
      id: optional,
      requestId: optional,
      shop: required,
      userId: required,
      model: required,
      endpoint: required,
      inputTokens: tokens,
      outputTokens: tokens,
      cacheCreationInputTokens: tokens,
      cacheCreation5mInputTokens: tokens,
      cacheCreation1hInputTokens: tokens,
      cacheReadInputTokens: tokens,
      webSearchRequests: count(USAGE_LIMITS.webSearchRequests),
      batch: z.boolean(trueOrFalse).nullish(),
      connectionId: optional,
      fixType: optional,
      resourceType: optional,
      resourceId: optional,
      latencyMs: z
        .number(explained((value) => `must be a number of milliseconds, 0 or more, got ${String(value)}`))
        .min(0)
        .max(USAGE_LIMITS.latencyMs)
        .nullish(),
      cached: z.boolean(trueOrFalse).nullish(),
      status: z
        .enum(
          ["success", "error"],
          explained((value) => `must be "success" or "error", got ${String(value)}`),
        )
        .nullish(),
      errorType: errorText(USAGE_LIMITS.errorTypeLength),
      errorMessage: errorText(USAGE_LIMITS.errorMessageLength),
      httpStatus: z
        .number(explained((value) => `must be an HTTP status code from 100 to 599, got ${String(value)}`))
        .int()
        .min(100)
        .max(599)
        .nullish(),
      timestamp: z
        .date(explained(() => "must be a valid Date"))
        .refine(
          (value) =>
            value >= USAGE_LIMITS.earliestTimestamp && value.getTime() <= Date.now() + USAGE_LIMITS.futureToleranceMs,
          "must be a time from the year 2000 to a day from now",
        )
        .nullish(),
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
      errorMessage: params.errorMessage || null,
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

/** "shop is required; inputTokens must be a whole number from 0 to …, got -1": the first problem of each field. */
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
