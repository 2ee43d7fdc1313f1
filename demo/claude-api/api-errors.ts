/** Error answers in the API's shape: `{"type":"error","error":{"type":…,"message":…},"request_id":"req_…"}`. */

export interface AnthropicErrorBody {
  type: "error";
  error: { type: string; message: string };
  request_id: string;
}

export function errorBody(type: string, message: string, requestId: string): AnthropicErrorBody {
  return { type: "error", error: { type, message }, request_id: requestId };
}

export function jsonResponse(status: number, body: unknown, headers: HeadersInit = {}): Response {
  const response = new Response(JSON.stringify(body), { status, headers });
  response.headers.set("content-type", "application/json");
  return response;
}

/**
 * An error response with `request-id` and `x-should-retry` (true for 408, 409, 429 and 5xx, which the SDK retries
 * anyway; false otherwise), plus any extra headers (e.g. `retry-after`).
 */
export function errorResponse(
  status: number,
  type: string,
  message: string,
  requestId: string,
  extraHeaders: Record<string, string> = {},
): Response {
  const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
  return jsonResponse(status, errorBody(type, message, requestId), {
    "request-id": requestId,
    "x-should-retry": String(retryable),
    ...extraHeaders,
  });
}
