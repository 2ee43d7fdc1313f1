import type {
  ContentBlock,
  MessageCreateParamsBase,
  ServerToolUseBlock,
  StopReason,
  TextCitation,
  Usage,
  WebSearchToolResultBlockContent,
} from "@anthropic-ai/sdk/resources/messages";

/** A `POST /v1/messages` body that passed validation (the SDK's own parameter type). */
export type MessagesRequestBody = MessageCreateParamsBase;

/** `ephemeral` cache lifetimes the API accepts. */
export type CacheTtl = "5m" | "1h";

/**
 * A content block as a responder or a scripted response writes it. Ids, `caller` and `citations` may be left out;
 * the stub fills them in the way the API does. Complete SDK `ContentBlock`s are accepted as they are.
 */
export type StubContentBlock =
  | { type: "text"; text: string; citations?: TextCitation[] | null }
  | { type: "tool_use"; name: string; input: unknown; id?: string }
  | { type: "server_tool_use"; name: ServerToolUseBlock["name"]; input: unknown; id?: string }
  | { type: "web_search_tool_result"; tool_use_id: string; content: WebSearchToolResultBlockContent }
  | { type: "thinking"; thinking: string; signature?: string }
  | { type: "redacted_thinking"; data: string }
  | ContentBlock;

/** What a responder answers. Without `stop_reason` the stub derives it (tool_use / end_turn) and applies `max_tokens` and `stop_sequences`. */
export interface StubReply {
  content: StubContentBlock[];
  stop_reason?: StopReason;
  stop_sequence?: string | null;
}

export interface ResponderContext {
  /** The `request-id` this answer will carry. */
  requestId: string;
  /** The request's headers. */
  headers: Headers;
}

/** Produces the assistant content for a validated request. May be async. */
export type Responder = (
  body: MessagesRequestBody,
  context: ResponderContext,
) => StubReply | StubContentBlock[] | Promise<StubReply | StubContentBlock[]>;

/** `usage` fields a scripted response pins; the rest keep their simulated values. */
export type UsageOverride = Partial<Omit<Usage, "cache_creation" | "server_tool_use">> & {
  cache_creation?: Partial<NonNullable<Usage["cache_creation"]>> | null;
  server_tool_use?: Partial<NonNullable<Usage["server_tool_use"]>> | null;
};

/** An exact answer for the next successful request (consumed in order, one per request). */
export interface ScriptedResponse {
  /** The content to answer; without it the responder answers as usual. */
  content?: StubContentBlock[];
  /** Exact usage numbers, merged over the simulated ones (prompt-cache state is still updated). */
  usage?: UsageOverride;
  /** Exact stop reason; when given, `max_tokens`/`stop_sequences` are not applied to `content`. */
  stop_reason?: StopReason;
  stop_sequence?: string | null;
  /** The model to report instead of echoing the request's. */
  model?: string;
  /** The message id to report instead of a random `msg_…`. */
  id?: string;
}
