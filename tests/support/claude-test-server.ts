import Anthropic, { type ClientOptions } from "@anthropic-ai/sdk";
import { startClaudeApiServer, StubState, type StubStateOptions } from "../../demo/claude-api";

/**
 * The Claude-compatible server (demo/claude-api) over real HTTP on 127.0.0.1 and a random port, so the real
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
  const server = await startClaudeApiServer(state);
  return {
    url: `${server.baseURL}/v1/messages`,
    baseURL: server.baseURL,
    port: server.port,
    state,
    close: server.close,
  };
}

/** A client for the test server: key "test-key", no retries (pass `maxRetries` to test the SDK's retry policy). */
export function createTestAnthropicClient(baseURL: string, options: ClientOptions = {}): Anthropic {
  return new Anthropic({ apiKey: "test-key", baseURL, maxRetries: 0, ...options });
}
