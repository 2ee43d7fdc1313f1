import type { ContentBlock, Message, RawMessageStreamEvent } from "@anthropic-ai/sdk/resources/messages";

/**
 * Server-sent events as `POST /v1/messages` with `stream: true` sends them:
 * `message_start` (empty content, input/cache usage, output_tokens so far), then per content block
 * `content_block_start` / `content_block_delta`… / `content_block_stop` (a `ping` after the first block starts),
 * then `message_delta` (stop_reason, final output_tokens and the cumulative input/cache counters) and `message_stop`.
 */

export type PingEvent = { type: "ping" };
export type StubStreamEvent = RawMessageStreamEvent | PingEvent;

export interface StreamPlanOptions {
  /** Approximate characters per `text_delta` / `thinking_delta` (split at word boundaries). */
  textChunkChars?: number;
  /** Characters per `input_json_delta`. */
  jsonChunkChars?: number;
}

export function encodeSseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
}

export function encodeStreamEvent(event: StubStreamEvent): string {
  return encodeSseEvent(event.type, event);
}

export function messageStreamEvents(message: Message, options: StreamPlanOptions = {}): StubStreamEvent[] {
  const textChunkChars = options.textChunkChars ?? 24;
  const jsonChunkChars = options.jsonChunkChars ?? 24;
  const { usage } = message;
  const events: StubStreamEvent[] = [
    {
      type: "message_start",
      message: {
        ...message,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        stop_details: null,
        usage: { ...usage, output_tokens: Math.min(1, usage.output_tokens), output_tokens_details: null },
      },
    },
  ];

  message.content.forEach((block, index) => {
    events.push({ type: "content_block_start", index, content_block: startOf(block) });
    if (index === 0) events.push({ type: "ping" });
    switch (block.type) {
      case "text":
        for (const text of chunkWords(block.text, textChunkChars)) {
          events.push({ type: "content_block_delta", index, delta: { type: "text_delta", text } });
        }
        break;
      case "thinking":
        for (const thinking of chunkWords(block.thinking, textChunkChars)) {
          events.push({ type: "content_block_delta", index, delta: { type: "thinking_delta", thinking } });
        }
        events.push({
          type: "content_block_delta",
          index,
          delta: { type: "signature_delta", signature: block.signature },
        });
        break;
      case "tool_use":
      case "server_tool_use": {
        const json = JSON.stringify(block.input ?? {});
        const pieces = json === "{}" ? [""] : ["", ...chunkChars(json, jsonChunkChars)];
        for (const partial_json of pieces) {
          events.push({ type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json } });
        }
        break;
      }
      default:
        break;
    }
    events.push({ type: "content_block_stop", index });
  });

  if (message.content.length === 0) events.push({ type: "ping" });
  events.push({
    type: "message_delta",
    delta: {
      stop_reason: message.stop_reason,
      stop_sequence: message.stop_sequence,
      stop_details: message.stop_details,
      container: message.container,
    },
    usage: {
      input_tokens: usage.input_tokens,
      cache_creation_input_tokens: usage.cache_creation_input_tokens,
      cache_read_input_tokens: usage.cache_read_input_tokens,
      output_tokens: usage.output_tokens,
      output_tokens_details: usage.output_tokens_details,
      server_tool_use: usage.server_tool_use,
    },
  });
  events.push({ type: "message_stop" });
  return events;
}

/** What `content_block_start` carries: the block with its streamed parts empty. */
function startOf(
  block: ContentBlock,
): Extract<RawMessageStreamEvent, { type: "content_block_start" }>["content_block"] {
  switch (block.type) {
    case "text":
      // Citations would arrive as citations_delta events; the stub sends them with the block start instead.
      return { ...block, text: "", citations: block.citations ?? null };
    case "thinking":
      return { ...block, thinking: "", signature: "" };
    case "tool_use":
    case "server_tool_use":
      return { ...block, input: {} };
    default:
      return block;
  }
}

/** Splits text into pieces of about `size` characters, cutting after whitespace; the pieces join back to `text`. */
export function chunkWords(text: string, size: number): string[] {
  const words = text.match(/\S+\s*|\s+/g) ?? [];
  const chunks: string[] = [];
  let current = "";
  for (const word of words) {
    current += word;
    if (current.length >= size) {
      chunks.push(current);
      current = "";
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

function chunkChars(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let start = 0; start < text.length; start += Math.max(1, size)) chunks.push(text.slice(start, start + size));
  return chunks;
}
