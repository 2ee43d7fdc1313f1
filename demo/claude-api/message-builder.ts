import type { ContentBlock, Message, StopReason, Usage } from "@anthropic-ai/sdk/resources/messages";
import { newMessageId, newServerToolUseId, newThinkingSignature, newToolUseId } from "./ids";
import type { CacheUsage } from "./prompt-cache";
import { blockTokens, CHARS_PER_TOKEN } from "./token-count";
import type { MessagesRequestBody, StubContentBlock, StubReply, UsageOverride } from "./types";

/** Turns a responder's reply into the complete `Message` the API would return (ids, stop reason, usage). */

export interface BuildMessageInput {
  body: MessagesRequestBody;
  reply: StubReply;
  cache: CacheUsage;
  usageOverride?: UsageOverride;
  model?: string;
  id?: string;
}

export function buildMessage({ body, reply, cache, usageOverride, model, id }: BuildMessageInput): Message {
  let content = reply.content.map(normalizeBlock);
  let stopReason: StopReason;
  let stopSequence: string | null = reply.stop_sequence ?? null;
  let outputTokens = outputTokensOf(content);

  if (reply.stop_reason) {
    stopReason = reply.stop_reason;
  } else {
    const stopped = applyStopSequences(content, body.stop_sequences ?? []);
    content = stopped.content;
    stopSequence = stopped.stopSequence;
    const limited = applyMaxTokens(content, body.max_tokens);
    content = limited.content;
    outputTokens = limited.truncated ? body.max_tokens : outputTokensOf(content);
    stopReason = limited.truncated
      ? "max_tokens"
      : stopSequence !== null
        ? "stop_sequence"
        : content.some((block) => block.type === "tool_use")
          ? "tool_use"
          : "end_turn";
  }

  const thinkingTokens = content.reduce(
    (sum, block) => sum + (block.type === "thinking" || block.type === "redacted_thinking" ? blockTokens(block) : 0),
    0,
  );
  const usage: Usage = {
    input_tokens: cache.inputTokens,
    cache_creation_input_tokens: cache.cacheCreation5mInputTokens + cache.cacheCreation1hInputTokens,
    cache_read_input_tokens: cache.cacheReadInputTokens,
    cache_creation: {
      ephemeral_5m_input_tokens: cache.cacheCreation5mInputTokens,
      ephemeral_1h_input_tokens: cache.cacheCreation1hInputTokens,
    },
    output_tokens: outputTokens,
    output_tokens_details: thinkingTokens > 0 ? { thinking_tokens: thinkingTokens } : null,
    server_tool_use: {
      web_search_requests: content.filter((block) => block.type === "server_tool_use" && block.name === "web_search")
        .length,
      web_fetch_requests: content.filter((block) => block.type === "server_tool_use" && block.name === "web_fetch")
        .length,
    },
    service_tier: "standard",
    inference_geo: body.inference_geo ?? "global",
    speed: body.speed ?? "standard",
  };

  return {
    id: id ?? newMessageId(),
    type: "message",
    role: "assistant",
    model: model ?? body.model,
    content,
    stop_reason: stopReason,
    stop_sequence: stopReason === "stop_sequence" ? stopSequence : null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage: applyUsageOverride(usage, usageOverride),
  };
}

export function applyUsageOverride(usage: Usage, override: UsageOverride | undefined): Usage {
  if (!override) return usage;
  const { cache_creation, server_tool_use, ...scalars } = override;
  const result: Usage = { ...usage, ...scalars };
  if (cache_creation === null) result.cache_creation = null;
  else if (cache_creation) {
    const base = usage.cache_creation ?? { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 };
    result.cache_creation = { ...base, ...cache_creation };
  }
  if (server_tool_use === null) result.server_tool_use = null;
  else if (server_tool_use) {
    const base = usage.server_tool_use ?? { web_search_requests: 0, web_fetch_requests: 0 };
    result.server_tool_use = { ...base, ...server_tool_use };
  }
  // A pinned 5m/1h split without a pinned total keeps the total consistent with the split.
  if (cache_creation && override.cache_creation_input_tokens === undefined && result.cache_creation) {
    result.cache_creation_input_tokens =
      result.cache_creation.ephemeral_5m_input_tokens + result.cache_creation.ephemeral_1h_input_tokens;
  }
  return result;
}

export function normalizeBlock(block: StubContentBlock): ContentBlock {
  switch (block.type) {
    case "text":
      return { type: "text", text: block.text, citations: "citations" in block ? (block.citations ?? null) : null };
    case "tool_use":
      return {
        type: "tool_use",
        id: block.id ?? newToolUseId(),
        name: block.name,
        input: block.input ?? {},
        caller: "caller" in block && block.caller ? block.caller : { type: "direct" },
      };
    case "server_tool_use":
      return {
        type: "server_tool_use",
        id: block.id ?? newServerToolUseId(),
        name: block.name,
        input: block.input ?? {},
        caller: "caller" in block && block.caller ? block.caller : { type: "direct" },
      };
    case "web_search_tool_result":
      return {
        type: "web_search_tool_result",
        tool_use_id: block.tool_use_id,
        content: block.content,
        caller: "caller" in block && block.caller ? block.caller : { type: "direct" },
      };
    case "thinking":
      return { type: "thinking", thinking: block.thinking, signature: block.signature ?? newThinkingSignature() };
    default:
      return block;
  }
}

function outputTokensOf(content: readonly ContentBlock[]): number {
  return content.reduce((sum, block) => sum + (block.type === "web_search_tool_result" ? 0 : blockTokens(block)), 0);
}

/** Cuts text at the first stop sequence found (in block order) and drops every later block. */
function applyStopSequences(
  content: ContentBlock[],
  stopSequences: readonly string[],
): { content: ContentBlock[]; stopSequence: string | null } {
  const sequences = stopSequences.filter((sequence) => sequence.length > 0);
  if (sequences.length === 0) return { content, stopSequence: null };
  for (let index = 0; index < content.length; index++) {
    const block = content[index];
    if (block?.type !== "text") continue;
    let best: { at: number; sequence: string } | null = null;
    for (const sequence of sequences) {
      const at = block.text.indexOf(sequence);
      if (at >= 0 && (best === null || at < best.at)) best = { at, sequence };
    }
    if (best) {
      const kept = content.slice(0, index);
      const text = block.text.slice(0, best.at);
      if (text.length > 0) kept.push({ ...block, text });
      return { content: kept, stopSequence: best.sequence };
    }
  }
  return { content, stopSequence: null };
}

/**
 * Keeps output within `max_tokens`: the block that crosses the limit is cut (text and thinking to the characters
 * that fit; a tool call keeps its name with an empty input `{}`), later blocks are dropped.
 */
function applyMaxTokens(content: ContentBlock[], maxTokens: number): { content: ContentBlock[]; truncated: boolean } {
  let remaining = maxTokens;
  const kept: ContentBlock[] = [];
  for (const block of content) {
    const cost = block.type === "web_search_tool_result" ? 0 : blockTokens(block);
    if (cost <= remaining) {
      kept.push(block);
      remaining -= cost;
      continue;
    }
    const chars = remaining * CHARS_PER_TOKEN;
    if (block.type === "text" && chars > 0) kept.push({ ...block, text: block.text.slice(0, chars) });
    else if (block.type === "thinking" && chars > 0) kept.push({ ...block, thinking: block.thinking.slice(0, chars) });
    else if ((block.type === "tool_use" || block.type === "server_tool_use") && remaining > 0)
      kept.push({ ...block, input: {} });
    return { content: kept, truncated: true };
  }
  return { content: kept, truncated: false };
}
