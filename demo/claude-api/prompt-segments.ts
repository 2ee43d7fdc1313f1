import type { MessagesRequestBody, CacheTtl } from "./types";
import {
  blockTokens,
  MESSAGE_OVERHEAD_TOKENS,
  TOOL_USE_SYSTEM_PROMPT_TOKENS,
  toolDefinitionTokens,
} from "./token-count";
import { isRecord, stableStringify } from "./values";

/**
 * The prompt as the cache sees it: one segment per tool, per system block and per message content block, in the
 * API's prefix order (tools, then system, then messages). A segment with `cacheTtl` carries a cache breakpoint.
 */
export interface PromptSegment {
  /** Where the block sits in the request, e.g. `tools[0]`, `system[1]`, `messages[2].content[0]`. */
  location: string;
  tokens: number;
  /** Identifies the block's content (its `cache_control` marker excluded, a string content equal to one text block). */
  fingerprint: string;
  /** Set when the block ends a cacheable prefix. */
  cacheTtl: CacheTtl | null;
}

export type PromptSource = Pick<MessagesRequestBody, "system" | "messages" | "tools" | "tool_choice" | "cache_control">;

const WITHOUT_CACHE_CONTROL = new Set(["cache_control"]);

function ttlOf(block: unknown): CacheTtl | null {
  if (!isRecord(block) || !isRecord(block.cache_control)) return null;
  return block.cache_control.ttl === "1h" ? "1h" : "5m";
}

function fingerprint(kind: string, block: unknown): string {
  return `${kind}:${stableStringify(block, WITHOUT_CACHE_CONTROL)}`;
}

export function promptSegments(source: PromptSource): PromptSegment[] {
  const segments: PromptSegment[] = [];

  const tools: unknown[] = Array.isArray(source.tools) ? source.tools : [];
  const forced = source.tool_choice?.type === "any" || source.tool_choice?.type === "tool";
  tools.forEach((tool, index) => {
    const overhead =
      index === 0 ? (forced ? TOOL_USE_SYSTEM_PROMPT_TOKENS.anyOrTool : TOOL_USE_SYSTEM_PROMPT_TOKENS.autoOrNone) : 0;
    segments.push({
      location: `tools[${index}]`,
      tokens: overhead + toolDefinitionTokens(tool),
      fingerprint: fingerprint("tool", tool),
      cacheTtl: ttlOf(tool),
    });
  });

  const system = source.system;
  const systemBlocks: unknown[] =
    typeof system === "string" ? (system ? [{ type: "text", text: system }] : []) : Array.isArray(system) ? system : [];
  systemBlocks.forEach((block, index) => {
    segments.push({
      location: `system[${index}]`,
      tokens: blockTokens(block),
      fingerprint: fingerprint("system", block),
      cacheTtl: ttlOf(block),
    });
  });

  const messages: unknown[] = Array.isArray(source.messages) ? source.messages : [];
  messages.forEach((message, messageIndex) => {
    if (!isRecord(message)) return;
    const content = message.content;
    const blocks: unknown[] =
      typeof content === "string" ? [{ type: "text", text: content }] : Array.isArray(content) ? content : [];
    blocks.forEach((block, blockIndex) => {
      segments.push({
        location: `messages[${messageIndex}].content[${blockIndex}]`,
        tokens: (blockIndex === 0 ? MESSAGE_OVERHEAD_TOKENS : 0) + blockTokens(block),
        fingerprint: fingerprint(blockIndex === 0 ? `message:${String(message.role)}` : "block", block),
        cacheTtl: ttlOf(block),
      });
    });
  });

  // Top-level `cache_control` (automatic caching) marks the last cacheable block of the request.
  const last = segments.at(-1);
  if (isRecord(source.cache_control) && last && !last.cacheTtl) {
    last.cacheTtl = source.cache_control.ttl === "1h" ? "1h" : "5m";
  }
  return segments;
}

/** All input tokens of a request (what `count_tokens` answers, and what `usage` splits into uncached, written and read). */
export function totalTokens(segments: readonly PromptSegment[]): number {
  return segments.reduce((sum, segment) => sum + segment.tokens, 0);
}
