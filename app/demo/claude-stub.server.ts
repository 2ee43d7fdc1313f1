import { StubState, defaultResponder, type Responder } from "~/lib/claude-stub";

/**
 * The demo's Claude: the same Claude-compatible logic the tests run on a port, answered in-process through the
 * SDK's `fetch` option, so the demo needs no key, no port and no network. One state per process keeps the
 * prompt cache realistic (the shared SEO system prompt is written once, then read).
 */
let state: StubState | undefined;
let responder: Responder = defaultResponder;

export function demoClaudeState(): StubState {
  state ??= new StubState({ requireApiKey: false, responder });
  return state;
}

/** The SEO pages' realistic answers replace the schema-driven default. */
export function setDemoClaudeResponder(next: Responder): void {
  responder = next;
  if (state) state.responder = next;
}
