import type { MessageCreateParamsBase } from "@anthropic-ai/sdk/resources/messages/messages";
import { costBoundPicos, type CallCeiling, type PriceOverride } from "~/lib/pricing";

/**
 * What the budget cap reserves before a call is sent (docs/decisions/0017): a bound on the call's cost from the request
 * alone. A token covers at least one byte of the prompt, so the UTF-8 length of the JSON of system, messages and tools
 * bounds the prompt's tokens; what bytes do not bound gets a stated allowance below. Browser-safe and pure.
 */
export const COST_BOUND_ALLOWANCES = {
  /** The system prompt the API adds for tool use (a few hundred tokens on every model so far). */
  toolUseTokens: 1_000,
  /** An image: about 1,600 tokens at the largest size the API keeps; its bytes may be a URL or a file id. */
  imageTokens: 10_000,
  /** A PDF or other non-text document: up to 100 pages at about 3,000 tokens a page. */
  documentTokens: 300_000,
  /** A server tool use (a web search's results, a page fetched) read back into the prompt. */
  serverToolUseTokens: 50_000,
  /** Uses of a server tool whose request sets no `max_uses`. */
  serverToolUses: 10,
} as const;

type BoundedParams = Pick<
  MessageCreateParamsBase,
  "model" | "max_tokens" | "system" | "messages" | "tools" | "speed" | "inference_geo"
>;

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

function blocksOfType(messages: BoundedParams["messages"], type: "image" | "document"): number {
  let count = 0;
  for (const message of messages) {
    if (typeof message.content === "string") continue;
    for (const block of message.content) {
      if (block.type !== type) continue;
      const source = (block as { source?: { type?: string } }).source;
      if (type === "document" && (source?.type === "text" || source?.type === "content")) continue;
      count += 1;
    }
  }
  return count;
}

/** The request's worst case: prompt tokens, output tokens and web searches it cannot exceed. */
export function callCeilingOf(params: BoundedParams): CallCeiling {
  const allow = COST_BOUND_ALLOWANCES;
  const tools = params.tools ?? [];
  let serverToolUses = 0;
  let webSearches = 0;
  for (const tool of tools) {
    const type = "type" in tool ? tool.type : undefined;
    if (type === undefined || type === null || type === "custom") continue;
    const uses = "max_uses" in tool && typeof tool.max_uses === "number" ? tool.max_uses : allow.serverToolUses;
    serverToolUses += uses;
    if (type.startsWith("web_search")) webSearches += uses;
  }
  const prompt = utf8Length(JSON.stringify({ system: params.system, messages: params.messages, tools }));
  return {
    promptTokens:
      prompt +
      (tools.length > 0 ? allow.toolUseTokens : 0) +
      blocksOfType(params.messages, "image") * allow.imageTokens +
      blocksOfType(params.messages, "document") * allow.documentTokens +
      serverToolUses * allow.serverToolUseTokens,
    outputTokens: params.max_tokens,
    webSearchRequests: webSearches,
  };
}

export interface CallCostBoundOptions {
  at?: Date;
  /** Through the Message Batches API (half price). */
  batch?: boolean;
  overrides?: readonly PriceOverride[];
}

/**
 * The most the call can cost in pico-dollars, or null when its model (or its speed) has no known price. A request
 * that names no inference geography is bounded at the US-only rate where the model has one (a workspace may default
 * to it).
 */
export function callCostBoundPicos(params: BoundedParams, options: CallCostBoundOptions = {}): bigint | null {
  return costBoundPicos(params.model, callCeilingOf(params), {
    ...options,
    speed: params.speed ?? null,
    inferenceGeo: params.inference_geo ?? "us",
  });
}
