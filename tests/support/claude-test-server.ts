import Anthropic, { type ClientOptions } from "@anthropic-ai/sdk";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleMessagesRequest, StubState, type StubStateOptions } from "~/lib/claude-stub";

/**
 * The Claude API stub (app/lib/claude-stub) served over real HTTP on 127.0.0.1 and a random port, so the real
 * `@anthropic-ai/sdk` talks to it through `baseURL`. SSE bodies are written event by event, and a `break_stream`
 * fault really cuts the socket mid-body.
 */

export interface ClaudeTestServerOptions extends StubStateOptions {
  /** Serve this existing state instead of a new one (its options win over the ones given here). */
  state?: StubState;
}

export interface ClaudeTestServer {
  /** The messages endpoint, e.g. `http://127.0.0.1:41234/v1/messages`, for raw `fetch` calls. */
  url: string;
  /** What the SDK takes as `baseURL`, e.g. `http://127.0.0.1:41234` (the SDK appends `/v1/messages`). */
  baseURL: string;
  port: number;
  state: StubState;
  /** Stops listening and cuts open connections (in-flight slow answers and streams end). Safe to call twice. */
  close(): Promise<void>;
}

export async function startClaudeTestServer(options: ClaudeTestServerOptions = {}): Promise<ClaudeTestServer> {
  const { state: givenState, ...stateOptions } = options;
  const state = givenState ?? new StubState(stateOptions);
  const server = createServer((req, res) => {
    serve(req, res, state).catch((error: unknown) => {
      // Only reachable when the connection is already gone or the handler threw; never leave a socket hanging.
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ type: "error", error: { type: "api_error", message: String(error) } }));
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = 1_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const baseURL = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | null = null;
  return {
    url: `${baseURL}/v1/messages`,
    baseURL,
    port,
    state,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** A client for the test server: key "test-key", no retries (pass `maxRetries` to test the SDK's retry policy). */
export function createTestAnthropicClient(baseURL: string, options: ClientOptions = {}): Anthropic {
  return new Anthropic({ apiKey: "test-key", baseURL, maxRetries: 0, ...options });
}

async function serve(req: IncomingMessage, res: ServerResponse, state: StubState): Promise<void> {
  const aborted = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) aborted.abort();
  });

  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (let index = 0; index + 1 < req.rawHeaders.length; index += 2) {
    headers.append(req.rawHeaders[index] as string, req.rawHeaders[index + 1] as string);
  }
  const method = req.method ?? "GET";
  const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
    method,
    headers,
    body: method === "GET" || method === "HEAD" ? undefined : Buffer.concat(chunks),
    signal: aborted.signal,
  });

  const response = await handleMessagesRequest(request, state);
  if (aborted.signal.aborted) {
    await response.body?.cancel().catch(() => undefined);
    return;
  }
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
  aborted.signal.addEventListener("abort", stopReading, { once: true });
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
    aborted.signal.removeEventListener("abort", stopReading);
  }
}
