/**
 * Request bodies are read within a stated limit, or refused with 413 before they are read: one request with a huge
 * body must not fill the memory of a process that serves every shop. The declared Content-Length is checked first
 * (nothing is read); a body without one (chunked) is read only up to the limit.
 */

/** The merchant's forms: budget, SEO commands (up to 1,000 product ids), a suggestion's edited text, a claim. */
export const FORM_BODY_LIMIT = 64 * 1024;
/** Shopify's webhook payloads for the topics this app takes are a few kilobytes. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;
/** The install form: a shop domain. */
export const LOGIN_BODY_LIMIT = 4 * 1024;

function tooLarge(maxBytes: number): Response {
  return new Response(`Request body too large: at most ${maxBytes} bytes.`, {
    status: 413,
    headers: { "Content-Type": "text/plain; charset=utf-8", Connection: "close" },
  });
}

/**
 * The request with its body read into memory (at most `maxBytes`), ready to be read again by a form parser or by
 * Shopify's webhook verification; throws a 413 Response when the body is larger.
 */
export async function withBodyLimit(request: Request, maxBytes: number): Promise<Request> {
  const declared = request.headers.get("Content-Length");
  if (declared !== null && (!/^\d{1,15}$/.test(declared) || Number(declared) > maxBytes)) {
    await request.body?.cancel().catch(() => {});
    throw tooLarge(maxBytes);
  }
  if (!request.body) return request;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  // Bounded in reads too (a stream of empty chunks): each read that counts brings at least one byte.
  for (let reads = 0; ; reads++) {
    if (reads > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal });
}
