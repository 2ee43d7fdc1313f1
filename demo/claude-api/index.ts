/**
 * A local stand-in for the Claude Messages API (`POST /v1/messages`, JSON and SSE, `count_tokens`, Message Batches)
 * and the Admin API's usage and cost reports (from the calls it billed), answered by
 * `handleMessagesRequest(request, state)` with Fetch API objects and served over `node:http` by `node-http.ts`.
 * Tests run it on a port (tests/support/claude-test-server.ts); the demo server mounts it at /demo/claude when no
 * ANTHROPIC_API_KEY is set, and the app reaches it through ANTHROPIC_BASE_URL like any Claude endpoint.
 */
export { handleMessagesRequest } from "./handler";
export { MAX_REQUEST_BYTES, messagesApiListener, serveMessagesApi, startClaudeApiServer } from "./node-http";
export type { ClaudeApiServer } from "./node-http";
export { seoDemoResponder } from "./seo-responder";
export { createStubFetch } from "./stub-fetch";
export { StubState, createStubState } from "./state";
export type { StubStateOptions, StubRequestRecord, StubEndpoint, ServedUsage, StubBatch } from "./state";
export { centsFromPicos, defaultCostOf } from "./admin-reports";
export { FAULT_HEADER, STUB_FAULT_KINDS, parseFaultHeader } from "./faults";
export type { StubFault, StubFaultKind } from "./faults";
export { defaultResponder, defaultReply, forcedTool } from "./responder";
export { sampleFromJsonSchema } from "./json-schema-sample";
export { CACHE_LOOKBACK_BLOCKS, CACHE_TTL_MS, PromptCache } from "./prompt-cache";
export type { CacheUsage } from "./prompt-cache";
export { promptSegments, totalTokens } from "./prompt-segments";
export type { PromptSegment } from "./prompt-segments";
export {
  CHARS_PER_TOKEN,
  IMAGE_TOKENS,
  MESSAGE_OVERHEAD_TOKENS,
  PDF_TOKENS,
  TOOL_USE_SYSTEM_PROMPT_TOKENS,
  blockTokens,
  contentTokens,
  estimateTokens,
} from "./token-count";
export { encodeSseEvent, messageStreamEvents } from "./sse";
export type { StubStreamEvent } from "./sse";
export { errorBody } from "./api-errors";
export type { AnthropicErrorBody } from "./api-errors";
export type {
  CacheTtl,
  MessagesRequestBody,
  Responder,
  ResponderContext,
  ScriptedResponse,
  StubContentBlock,
  StubReply,
  UsageOverride,
} from "./types";
