import { isRecord } from "./values";

/**
 * Approximate token counting: about four characters per token, like English text through Claude's tokenizer.
 * Constant costs stand in for what can't be counted from the request (an image's pixels, a PDF's pages).
 */

export const CHARS_PER_TOKEN = 4;
/** An image of about 1.15 megapixels (the API's ~ width × height / 750). */
export const IMAGE_TOKENS = 1_600;
/** A PDF of unknown size: about one page of text plus the page image. */
export const PDF_TOKENS = 1_500;
/** Role and turn markers around each message. */
export const MESSAGE_OVERHEAD_TOKENS = 3;
/** The system prompt the API adds when tools are given (documented: 346 for auto/none, 313 for any/tool). */
export const TOOL_USE_SYSTEM_PROMPT_TOKENS = { autoOrNone: 346, anyOrTool: 313 } as const;

export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** Tokens of a message content: a string, or an array of content blocks. */
export function contentTokens(content: unknown): number {
  if (typeof content === "string") return estimateTokens(content);
  if (Array.isArray(content)) return content.reduce<number>((sum, block) => sum + blockTokens(block), 0);
  return 0;
}

/** Tokens of one input or output content block. */
export function blockTokens(block: unknown): number {
  if (!isRecord(block)) return estimateTokens(JSON.stringify(block) ?? "");
  switch (block.type) {
    case "text":
      return estimateTokens(String(block.text ?? ""));
    case "thinking":
      return estimateTokens(String(block.thinking ?? ""));
    case "redacted_thinking":
      return estimateTokens(String(block.data ?? ""));
    case "image":
      return IMAGE_TOKENS;
    case "document":
      return documentTokens(block);
    case "tool_use":
    case "server_tool_use":
      return estimateTokens(String(block.name ?? "")) + estimateTokens(JSON.stringify(block.input ?? {}));
    case "tool_result":
      return contentTokens(block.content ?? "");
    default:
      return estimateTokens(JSON.stringify(stripCacheControl(block)));
  }
}

function documentTokens(block: Record<string, unknown>): number {
  const source = block.source;
  const extra = estimateTokens(String(block.title ?? "")) + estimateTokens(String(block.context ?? ""));
  if (isRecord(source)) {
    if (source.type === "text") return extra + estimateTokens(String(source.data ?? ""));
    if (source.type === "content") return extra + contentTokens(source.content);
  }
  return extra + PDF_TOKENS;
}

/** Tokens of one tool definition as the model sees it. */
export function toolDefinitionTokens(tool: unknown): number {
  return estimateTokens(JSON.stringify(stripCacheControl(tool)) ?? "");
}

function stripCacheControl(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const { cache_control: _ignored, ...rest } = value;
  return rest;
}
