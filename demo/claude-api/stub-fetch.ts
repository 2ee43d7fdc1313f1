import { handleMessagesRequest } from "./handler";
import type { StubState } from "./state";

/**
 * A `fetch` that answers from the stub in-process, for the SDK's `fetch` option:
 * `new Anthropic({ apiKey: "demo", baseURL: "http://claude-stub.local", fetch: createStubFetch(state) })`.
 * Same answers as over HTTP; a `break_stream` fault surfaces as the body stream's error instead of a cut socket.
 */
export function createStubFetch(
  state: StubState,
): (input: string | URL | Request, init?: RequestInit) => Promise<Response> {
  return (input, init) => handleMessagesRequest(new Request(input, init), state);
}
