import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { errorResponse } from "./api-errors";
import { handleMessagesRequest } from "./handler";
import { newRequestId } from "./ids";
import type { StubState } from "./state";

/**
 * The Claude-compatible API behind `node:http`: the request becomes a Fetch `Request` for `handleMessagesRequest`,
 * and its answer is written back as it comes (SSE event by event; a `break_stream` fault really cuts the socket
 * mid-body). Used by the demo server (mounted in express) and by the tests' server on a port.
 */

/** The Messages API's own request size limit (32 MB); bigger bodies get 413 `request_too_large`, unread. */
export const MAX_REQUEST_BYTES = 32 * 1024 * 1024;

async function writeResponse(res: ServerResponse, response: Response, aborted: AbortSignal): Promise<void> {
  const outgoing: Record<string, string> = {};
  response.headers.forEach((value, key) => (outgoing[key] = value));
  res.writeHead(response.status, outgoing);
  res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const stopReading = () => void reader.cancel().catch(() => undefined);
  aborted.addEventListener("abort", stopReading, { once: true });
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      // Wait until each chunk is handed to the socket, so an SSE event really goes out before the next one is read.
      await new Promise<void>((resolve, reject) => res.write(value, (error) => (error ? reject(error) : resolve())));
    }
    res.end();
  } catch {
    // The body errored (a break_stream fault) or the client went away: cut the connection mid-body.
    res.destroy();
  } finally {
    aborted.removeEventListener("abort", stopReading);
  }
}

/** Reads the body, or returns null once it passes `limit` bytes (the rest is not read). */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer<ArrayBuffer> | null> {
  if (Number(req.headers["content-length"] ?? 0) > limit) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function serveMessagesApi(
  req: IncomingMessage,
  res: ServerResponse,
  state: StubState,
  maxRequestBytes = MAX_REQUEST_BYTES,
): Promise<void> {
  const aborted = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) aborted.abort();
  });

  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  const body = hasBody ? await readBody(req, maxRequestBytes) : undefined;
  if (body === null) {
    const tooLarge = errorResponse(
      413,
      "request_too_large",
      `Request exceeds the maximum allowed number of bytes (${maxRequestBytes}).`,
      newRequestId(),
      { connection: "close" },
    );
    await writeResponse(res, tooLarge, aborted.signal);
    return;
  }
  const headers = new Headers();
  for (let index = 0; index + 1 < req.rawHeaders.length; index += 2) {
    headers.append(req.rawHeaders[index] as string, req.rawHeaders[index + 1] as string);
  }
  // `originalUrl` keeps an express mount path (e.g. /demo/claude/v1/messages); plain node:http has only `url`.
  const path = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? "/";
  const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${path}`, {
    method,
    headers,
    body,
    signal: aborted.signal,
  });

  const response = await handleMessagesRequest(request, state);
  if (aborted.signal.aborted) {
    await response.body?.cancel().catch(() => undefined);
    return;
  }
  await writeResponse(res, response, aborted.signal);
}

/** A request listener for `node:http` or express that never leaves a socket hanging. */
export function messagesApiListener(state: StubState, maxRequestBytes = MAX_REQUEST_BYTES) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    serveMessagesApi(req, res, state, maxRequestBytes).catch((error: unknown) => {
      // Only reachable when the connection is already gone or the handler threw.
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ type: "error", error: { type: "api_error", message: String(error) } }));
      } else {
        res.destroy();
      }
    });
  };
}

export interface ClaudeApiServer {
  /** What the SDK takes as `baseURL`, e.g. `http://127.0.0.1:41234` (the SDK appends `/v1/messages`). */
  baseURL: string;
  port: number;
  /** Stops listening and cuts open connections (in-flight slow answers and streams end). Safe to call twice. */
  close(): Promise<void>;
}

/** Serves the API on 127.0.0.1 and the given port (0: a free one). */
export async function startClaudeApiServer(state: StubState, port = 0): Promise<ClaudeApiServer> {
  const server = createServer(messagesApiListener(state));
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  let closing: Promise<void> | null = null;
  return {
    baseURL: `http://127.0.0.1:${address.port}`,
    port: address.port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
