import { errorBody, errorResponse, jsonResponse } from "./api-errors";
import { FAULT_HEADER, parseFaultHeader, type StubFault } from "./faults";
import { costReport, parseReportQuery, usageReport } from "./admin-reports";
import { answerMessage } from "./answer";
import { answerBatch, batchResultsJsonl, batchView, createBatch, parseBatchCreate } from "./batches";
import { newRequestId } from "./ids";
import { promptSegments, totalTokens } from "./prompt-segments";
import { encodeSseEvent, encodeStreamEvent, messageStreamEvents, type StubStreamEvent } from "./sse";
import type { StubEndpoint, StubState, StubStateOptions } from "./state";
import { sleep } from "./timing";
import { validateMessagesBody } from "./validate-request";

/**
 * Answers one HTTP request the way the Claude API does, with the web Fetch API's `Request`/`Response`, so the same
 * logic runs behind `node:http` (node-http.ts: the tests' server on a port, the demo server's /demo/claude) and in-process:
 *
 *  - `POST …/v1/messages` → a `Message` as JSON, or SSE events when `stream: true`;
 *  - `POST …/v1/messages/count_tokens` → `{ input_tokens }`;
 *  - anything else → 404 `not_found_error` (405 for another method on a known path).
 *
 * Order of checks: authentication (401), JSON body (400), validation (400 / 404 unknown model), then the fault
 * for this request (header `x-stub-fault`, else the state's queue), then the answer. Every response carries
 * `request-id: req_…`; error bodies are `{"type":"error","error":{"type","message"},"request_id"}`.
 */
export async function handleMessagesRequest(request: Request, state: StubState): Promise<Response> {
  const requestId = newRequestId();
  const url = new URL(request.url);
  const endpoint = endpointOf(url.pathname);
  const rawBody = request.method === "GET" || request.method === "HEAD" ? "" : await request.text().catch(() => "");
  let body: unknown = undefined;
  let parseError: string | null = null;
  if (rawBody.trim()) {
    try {
      body = JSON.parse(rawBody);
    } catch (error) {
      parseError = error instanceof Error ? error.message : String(error);
    }
  }
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => (headers[key] = value));
  const record = state.recordRequest({
    requestId,
    method: request.method,
    path: url.pathname + url.search,
    endpoint,
    headers,
    body,
    rawBody,
    receivedAt: state.now(),
    stream: typeof body === "object" && body !== null && (body as { stream?: unknown }).stream === true,
  });
  const finish = (response: Response): Response => {
    record.status = response.status;
    return response;
  };

  if (endpoint === "unknown") {
    return finish(errorResponse(404, "not_found_error", `Not Found: ${request.method} ${url.pathname}`, requestId));
  }
  if (GET_ENDPOINTS.has(endpoint)) return finish(answerGet(request, url, endpoint, state, requestId));
  if (request.method !== "POST") {
    return finish(
      errorResponse(405, "invalid_request_error", `Method Not Allowed: ${request.method}`, requestId, {
        allow: "POST",
      }),
    );
  }
  const authFailure = checkAuth(request.headers, state.options);
  if (authFailure) return finish(errorResponse(401, "authentication_error", authFailure, requestId));
  if (body === undefined) {
    return finish(
      errorResponse(
        400,
        "invalid_request_error",
        parseError === null
          ? "Request body is empty; expected a JSON object"
          : `Request body is not valid JSON: ${parseError}`,
        requestId,
      ),
    );
  }
  if (endpoint === "batches_create") return finish(await answerBatchCreate(request, url, body, state, requestId));
  const validation = validateMessagesBody(body, {
    requireMaxTokens: endpoint === "messages",
    models: state.options.models,
  });
  if (!validation.ok) return finish(errorResponse(validation.status, validation.type, validation.message, requestId));
  const params = validation.body;

  let fault: StubFault | undefined;
  const faultHeader = request.headers.get(FAULT_HEADER);
  if (faultHeader) {
    const parsed = parseFaultHeader(faultHeader);
    if ("error" in parsed) return finish(errorResponse(400, "invalid_request_error", parsed.error, requestId));
    fault = parsed.fault;
  } else {
    fault = state.takeFault();
  }
  if (fault) record.fault = fault.kind;

  const delayMs = fault?.delayMs ?? (fault?.kind === "slow" ? 2000 : 0);
  if (delayMs > 0) {
    await sleep(delayMs, request.signal);
    if (request.signal.aborted)
      return finish(errorResponse(499, "invalid_request_error", "Client closed request", requestId));
  }

  const stream = endpoint === "messages" && params.stream === true;
  const faultError = fault && errorForFault(fault, stream);
  if (faultError) {
    const extra: Record<string, string> = { ...rateLimitHeaders(state, faultError.status === 429 ? 0 : undefined) };
    const retryAfter = fault?.retryAfterSeconds ?? (fault?.kind === "rate_limit" ? 1 : undefined);
    if (retryAfter !== undefined) extra["retry-after"] = String(retryAfter);
    return finish(errorResponse(faultError.status, faultError.type, faultError.message, requestId, extra));
  }

  const okHeaders = { "request-id": requestId, ...rateLimitHeaders(state) };
  if (endpoint === "count_tokens") {
    return finish(jsonResponse(200, { input_tokens: totalTokens(promptSegments(params)) }, okHeaders));
  }

  let message;
  try {
    message = await answerMessage(state, params, { requestId, headers: request.headers, batch: false });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return finish(errorResponse(500, "api_error", `claude-stub responder failed: ${text}`, requestId));
  }
  record.message = message;

  if (!stream) {
    const json = JSON.stringify(message);
    const half = json.slice(0, Math.floor(json.length / 2));
    if (fault?.kind === "invalid_json") {
      return finish(
        new Response(`${half}<<stub: invalid JSON>>`, {
          status: 200,
          headers: { ...okHeaders, "content-type": "application/json" },
        }),
      );
    }
    if (fault?.kind === "break_stream") {
      const broken = chunkStream([half], { eventDelayMs: 0, signal: request.signal, failWith: brokenStreamError() });
      return finish(
        new Response(broken, { status: 200, headers: { ...okHeaders, "content-type": "application/json" } }),
      );
    }
    return finish(jsonResponse(200, message, okHeaders));
  }

  const events = messageStreamEvents(message, {
    textChunkChars: state.options.textChunkChars,
    jsonChunkChars: state.options.jsonChunkChars,
  });
  let chunks = events.map(encodeStreamEvent);
  let failWith: Error | undefined;
  if (fault?.kind === "break_stream" || fault?.kind === "stream_error" || fault?.kind === "invalid_json") {
    const cut = cutPoint(events, fault.breakAfterEvents);
    chunks = chunks.slice(0, cut);
    if (fault.kind === "break_stream") failWith = brokenStreamError();
    if (fault.kind === "stream_error") {
      const type = fault.errorType ?? "overloaded_error";
      chunks.push(encodeSseEvent("error", errorBody(type, fault.message ?? defaultMessage(type), requestId)));
    }
    if (fault.kind === "invalid_json") {
      chunks.push(
        `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"unterminated\n\n`,
      );
    }
  }
  const eventDelayMs = fault?.eventDelayMs ?? (fault?.kind === "slow" ? 50 : 0);
  return finish(
    new Response(chunkStream(chunks, { eventDelayMs, signal: request.signal, failWith }), {
      status: 200,
      headers: { ...okHeaders, "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" },
    }),
  );
}

function endpointOf(pathname: string): StubEndpoint {
  const path = pathname.replace(/\/+$/, "");
  if (path.endsWith("/v1/messages/count_tokens")) return "count_tokens";
  if (path.endsWith("/v1/messages")) return "messages";
  if (path.endsWith("/v1/messages/batches")) return "batches_create";
  if (/\/v1\/messages\/batches\/[^/]+\/results$/.test(path)) return "batches_results";
  if (/\/v1\/messages\/batches\/[^/]+$/.test(path)) return "batches_retrieve";
  if (path.endsWith("/v1/organizations/analytics/usage")) return "admin_usage";
  if (path.endsWith("/v1/organizations/analytics/cost")) return "admin_cost";
  return "unknown";
}

const GET_ENDPOINTS: ReadonlySet<StubEndpoint> = new Set([
  "batches_retrieve",
  "batches_results",
  "admin_usage",
  "admin_cost",
]);

/** What the URL's path before `/v1/` is (an express mount such as /demo/claude), as an absolute base URL. */
function baseUrlOf(url: URL): string {
  return `${url.origin}${url.pathname.slice(0, url.pathname.indexOf("/v1/"))}`;
}

function answerGet(request: Request, url: URL, endpoint: StubEndpoint, state: StubState, requestId: string): Response {
  if (request.method !== "GET") {
    return errorResponse(405, "invalid_request_error", `Method Not Allowed: ${request.method}`, requestId, {
      allow: "GET",
    });
  }
  const admin = endpoint === "admin_usage" || endpoint === "admin_cost";
  const authFailure = admin
    ? checkAdminAuth(request.headers, state.options)
    : checkAuth(request.headers, state.options);
  if (authFailure) return errorResponse(401, "authentication_error", authFailure, requestId);
  const headers = { "request-id": requestId };
  if (admin) {
    const query = parseReportQuery(url);
    if ("error" in query) return errorResponse(400, "invalid_request_error", query.error, requestId);
    return jsonResponse(
      200,
      endpoint === "admin_usage" ? usageReport(state, query) : costReport(state, query),
      headers,
    );
  }
  const id =
    url.pathname
      .replace(/\/+$/, "")
      .replace(/\/results$/, "")
      .split("/")
      .pop() ?? "";
  const batch = state.batches.get(id);
  if (!batch) return errorResponse(404, "not_found_error", `No message batch ${id}`, requestId);
  if (endpoint === "batches_retrieve") return jsonResponse(200, batchView(batch, baseUrlOf(url)), headers);
  if (batch.endedAt === null) {
    return errorResponse(400, "invalid_request_error", `Batch ${id} has not ended`, requestId);
  }
  return new Response(batchResultsJsonl(batch), {
    status: 200,
    headers: { ...headers, "content-type": "application/binary" },
  });
}

async function answerBatchCreate(
  request: Request,
  url: URL,
  body: unknown,
  state: StubState,
  requestId: string,
): Promise<Response> {
  const parsed = parseBatchCreate(body, state);
  if (!parsed.ok) return errorResponse(400, "invalid_request_error", parsed.message, requestId);
  const batch = createBatch(state, parsed.requests);
  if ((state.options.batchProcessing ?? "immediate") === "immediate") await answerBatch(state, batch);
  return jsonResponse(200, batchView(batch, baseUrlOf(url)), { "request-id": requestId });
}

/**
 * The Admin API takes an Admin key (`sk-ant-admin…`, or one of `adminApiKeys`), as `x-api-key` or `authorization:
 * Bearer` (which the SDK sends); a workspace key is refused.
 */
function checkAdminAuth(headers: Headers, options: Readonly<StubStateOptions>): string | null {
  const bearer = headers
    .get("authorization")
    ?.replace(/^Bearer\s+/i, "")
    .trim();
  const key = headers.get("x-api-key")?.trim() || bearer;
  if (!key) return "x-api-key header is required";
  const allowed = options.adminApiKeys ? options.adminApiKeys.includes(key) : key.startsWith("sk-ant-admin");
  return allowed ? null : "this endpoint needs an Admin API key (sk-ant-admin…)";
}

function checkAuth(headers: Headers, options: Readonly<StubStateOptions>): string | null {
  const bearer = headers
    .get("authorization")
    ?.replace(/^Bearer\s+/i, "")
    .trim();
  const key = headers.get("x-api-key")?.trim() || bearer || null;
  if (!key) return options.requireApiKey === false ? null : "x-api-key header is required";
  if (options.apiKeys && !options.apiKeys.includes(key)) return "invalid x-api-key";
  return null;
}

function defaultMessage(type: string): string {
  switch (type) {
    case "overloaded_error":
      return "Overloaded";
    case "rate_limit_error":
      return "This request would exceed your organization's rate limit. Please try again later.";
    case "api_error":
      return "Internal server error";
    default:
      return "Invalid request";
  }
}

function errorForFault(fault: StubFault, stream: boolean): { status: number; type: string; message: string } | null {
  const withDefault = (status: number, type: string) => ({
    status,
    type,
    message: fault.message ?? defaultMessage(type),
  });
  switch (fault.kind) {
    case "rate_limit":
      return withDefault(429, "rate_limit_error");
    case "overloaded":
      return withDefault(529, "overloaded_error");
    case "server_error":
      return withDefault(500, "api_error");
    case "http_error":
      return withDefault(fault.status ?? 400, fault.errorType ?? "invalid_request_error");
    case "stream_error":
      return stream ? null : withDefault(529, fault.errorType ?? "overloaded_error");
    default:
      return null;
  }
}

/** How many events go out before a stream fault: by default through the second content delta, never message_stop. */
function cutPoint(events: readonly StubStreamEvent[], requested: number | undefined): number {
  const last = events.length - 1;
  if (requested !== undefined) return Math.max(0, Math.min(Math.floor(requested), last));
  let deltas = 0;
  for (let index = 0; index < events.length; index++) {
    if (events[index]?.type === "content_block_delta" && ++deltas === 2) return Math.min(index + 1, last);
  }
  const firstBlockStart = events.findIndex((event) => event.type === "content_block_start");
  return Math.min(firstBlockStart >= 0 ? firstBlockStart + 1 : 1, last);
}

function brokenStreamError(): Error {
  return new Error("claude-stub: connection cut mid-stream (break_stream fault)");
}

/** A body that sends `chunks` one by one (optionally spaced out), then ends or errors with `failWith`. */
function chunkStream(
  chunks: readonly string[],
  options: { eventDelayMs: number; signal: AbortSignal; failWith?: Error },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const cancelled = new AbortController();
  options.signal.addEventListener("abort", () => cancelled.abort(), { once: true });
  let index = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (index > 0 && options.eventDelayMs > 0) await sleep(options.eventDelayMs, cancelled.signal);
        if (cancelled.signal.aborted) return;
        const chunk = chunks[index++];
        if (chunk !== undefined) controller.enqueue(encoder.encode(chunk));
        else if (options.failWith) controller.error(options.failWith);
        else controller.close();
      },
      cancel() {
        cancelled.abort();
      },
    },
    // Pull only when the reader asks, so an error never discards chunks still queued.
    { highWaterMark: 0 },
  );
}

/** `anthropic-ratelimit-*` headers with generous fixed limits. */
function rateLimitHeaders(state: StubState, requestsRemaining?: number): Record<string, string> {
  if (state.options.rateLimitHeaders === false) return {};
  const reset = new Date(state.now() + 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    "anthropic-ratelimit-requests-limit": "4000",
    "anthropic-ratelimit-requests-remaining": String(requestsRemaining ?? 3999),
    "anthropic-ratelimit-requests-reset": reset,
    "anthropic-ratelimit-input-tokens-limit": "2000000",
    "anthropic-ratelimit-input-tokens-remaining": requestsRemaining === 0 ? "0" : "2000000",
    "anthropic-ratelimit-input-tokens-reset": reset,
    "anthropic-ratelimit-output-tokens-limit": "400000",
    "anthropic-ratelimit-output-tokens-remaining": requestsRemaining === 0 ? "0" : "400000",
    "anthropic-ratelimit-output-tokens-reset": reset,
  };
}
