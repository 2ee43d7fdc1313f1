import { randomUUID } from "node:crypto";

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
}

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
}

export class InvalidUsageError extends Error {
  override name = "InvalidUsageError";
}

const MAX_ERROR_MESSAGE_LENGTH = 2000;

function count(name: string, value: number | undefined): number {
  const n = value ?? 0;
  if (!Number.isSafeInteger(n) || n < 0)
    throw new InvalidUsageError(`${name} must be a whole number of 0 or more, got ${String(value)}`);
  return n;
}

function required(name: string, value: string | undefined): string {
  if (typeof value !== "string" || value.trim() === "") throw new InvalidUsageError(`${name} is required`);
  return value;
}

function optional(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === "" ? null : value;
}

function cacheWriteSplit(params: TrackUsageParams): { fiveMinute: number; oneHour: number } {
  const total = count("cacheCreationInputTokens", params.cacheCreationInputTokens);
  const oneHour = count("cacheCreation1hInputTokens", params.cacheCreation1hInputTokens);
  const fiveMinute =
    params.cacheCreation5mInputTokens === undefined
      ? Math.max(total - oneHour, 0)
      : count("cacheCreation5mInputTokens", params.cacheCreation5mInputTokens);
  if (params.cacheCreationInputTokens !== undefined && fiveMinute + oneHour !== total) {
    throw new InvalidUsageError(
      `cacheCreationInputTokens (${total}) must equal the 5-minute (${fiveMinute}) plus 1-hour (${oneHour}) writes`,
    );
  }
  return { fiveMinute, oneHour };
}

/** Validates `trackAPIUsage` parameters into a pending call; bad input throws InvalidUsageError and records nothing. */
export function pendingCallFrom(params: TrackUsageParams, now: Date = new Date()): PendingCall {
  const status = params.status ?? "success";
  if (status !== "success" && status !== "error")
    throw new InvalidUsageError(`status must be "success" or "error", got ${String(status)}`);
  const timestamp = params.timestamp ?? now;
  if (!(timestamp instanceof Date) || Number.isNaN(timestamp.getTime()))
    throw new InvalidUsageError("timestamp must be a valid Date");
  const cacheWrites = cacheWriteSplit(params);
  const errorMessage = optional(params.errorMessage);
  return {
    id: params.id ?? randomUUID(),
    requestId: optional(params.requestId),
    shop: required("shop", params.shop),
    userId: required("userId", params.userId),
    model: required("model", params.model),
    endpoint: required("endpoint", params.endpoint),
    inputTokens: count("inputTokens", params.inputTokens),
    outputTokens: count("outputTokens", params.outputTokens),
    cacheCreation5mTokens: cacheWrites.fiveMinute,
    cacheCreation1hTokens: cacheWrites.oneHour,
    cacheReadInputTokens: count("cacheReadInputTokens", params.cacheReadInputTokens),
    webSearchRequests: count("webSearchRequests", params.webSearchRequests),
    batch: params.batch ?? false,
    connectionId: optional(params.connectionId),
    fixType: optional(params.fixType),
    resourceType: optional(params.resourceType),
    resourceId: optional(params.resourceId),
    latencyMs: count("latencyMs", Math.round(params.latencyMs ?? 0)),
    cached: params.cached ?? false,
    status,
    errorType: optional(params.errorType),
    errorMessage: errorMessage && errorMessage.slice(0, MAX_ERROR_MESSAGE_LENGTH),
    httpStatus: params.httpStatus ?? null,
    timestamp: timestamp.toISOString(),
  };
}
