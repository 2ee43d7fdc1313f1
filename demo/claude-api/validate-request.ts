import { promptSegments } from "./prompt-segments";
import type { MessagesRequestBody } from "./types";
import { isRecord } from "./values";

/**
 * Checks the basics the API rejects with 400 `invalid_request_error` (messages worded like the API's): required
 * fields and their types, message roles and content blocks, tool definitions and `tool_choice`, thinking budget,
 * `cache_control` markers (at most 4, ttl `5m`/`1h`, longer TTLs first). It does not check model-specific limits
 * (context window, maximum `max_tokens`), image/document payloads or every block type's fields.
 */

export type ValidationResult =
  { ok: true; body: MessagesRequestBody } | { ok: false; status: number; type: string; message: string };

export interface ValidationOptions {
  /** `POST /v1/messages` needs max_tokens; `count_tokens` does not. */
  requireMaxTokens: boolean;
  /** When set, other models get 404 `not_found_error`. */
  models?: readonly string[];
}

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
const MAX_CACHE_BREAKPOINTS = 4;

class Invalid extends Error {
  constructor(
    message: string,
    readonly status = 400,
    readonly type = "invalid_request_error",
  ) {
    super(message);
  }
}

export function validateMessagesBody(input: unknown, options: ValidationOptions): ValidationResult {
  try {
    return { ok: true, body: check(input, options) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, status: error.status, type: error.type, message: error.message };
    throw error;
  }
}

function check(body: unknown, options: ValidationOptions): MessagesRequestBody {
  if (!isRecord(body)) throw new Invalid("Input should be a valid dictionary or object to extract fields from");

  if (!("model" in body)) throw new Invalid("model: Field required");
  if (typeof body.model !== "string" || body.model.length === 0)
    throw new Invalid("model: Input should be a valid string");

  if (options.requireMaxTokens) {
    if (!("max_tokens" in body)) throw new Invalid("max_tokens: Field required");
    if (typeof body.max_tokens !== "number" || !Number.isInteger(body.max_tokens)) {
      throw new Invalid("max_tokens: Input should be a valid integer");
    }
    if (body.max_tokens < 0) throw new Invalid("max_tokens: Input should be greater than or equal to 0");
  }

  if (!("messages" in body)) throw new Invalid("messages: Field required");
  if (!Array.isArray(body.messages)) throw new Invalid("messages: Input should be a valid list");
  if (body.messages.length === 0) throw new Invalid("messages: at least one message is required");
  body.messages.forEach((message, index) =>
    checkMessage(message, index, index === (body.messages as unknown[]).length - 1),
  );

  if ("system" in body && body.system !== undefined) {
    if (typeof body.system !== "string") {
      if (!Array.isArray(body.system)) throw new Invalid("system: Input should be a valid string or list");
      body.system.forEach((block, index) => {
        if (!isRecord(block) || block.type !== "text")
          throw new Invalid(`system.${index}.type: Input should be 'text'`);
        if (typeof block.text !== "string") throw new Invalid(`system.${index}.text: Input should be a valid string`);
        if (block.text.length === 0) throw new Invalid("system: text content blocks must be non-empty");
      });
    }
  }

  if ("stream" in body && body.stream !== undefined && typeof body.stream !== "boolean") {
    throw new Invalid("stream: Input should be a valid boolean");
  }
  if ("stop_sequences" in body && body.stop_sequences !== undefined) {
    if (!Array.isArray(body.stop_sequences) || body.stop_sequences.some((entry) => typeof entry !== "string")) {
      throw new Invalid("stop_sequences: Input should be a valid list of strings");
    }
  }

  const toolNames = checkTools(body.tools);
  checkToolChoice(body.tool_choice, toolNames);
  checkThinking(body, options.requireMaxTokens);
  checkCacheControl(body);

  if (options.models && !options.models.includes(body.model)) {
    throw new Invalid(`model: ${body.model}`, 404, "not_found_error");
  }
  return body as unknown as MessagesRequestBody;
}

function checkMessage(message: unknown, index: number, isLast: boolean): void {
  if (!isRecord(message)) throw new Invalid(`messages.${index}: Input should be a valid dictionary`);
  if (!("role" in message)) throw new Invalid(`messages.${index}.role: Field required`);
  if (message.role !== "user" && message.role !== "assistant" && message.role !== "system") {
    throw new Invalid(`messages.${index}.role: Input should be 'user' or 'assistant'`);
  }
  if (!("content" in message)) throw new Invalid(`messages.${index}.content: Field required`);
  const content = message.content;
  const emptyAllowed = isLast && message.role === "assistant";
  if (typeof content === "string") {
    if (content.length === 0 && !emptyAllowed) {
      throw new Invalid(
        `messages.${index}: all messages must have non-empty content except for the optional final assistant message`,
      );
    }
    return;
  }
  if (!Array.isArray(content)) throw new Invalid(`messages.${index}.content: Input should be a valid list`);
  if (content.length === 0 && !emptyAllowed) {
    throw new Invalid(
      `messages.${index}: all messages must have non-empty content except for the optional final assistant message`,
    );
  }
  content.forEach((block, blockIndex) => {
    const path = `messages.${index}.content.${blockIndex}`;
    if (!isRecord(block)) throw new Invalid(`${path}: Input should be a valid dictionary`);
    if (typeof block.type !== "string") throw new Invalid(`${path}.type: Field required`);
    if (block.type === "text") {
      if (typeof block.text !== "string") throw new Invalid(`${path}.text: Field required`);
      if (block.text.length === 0) throw new Invalid("messages: text content blocks must be non-empty");
    }
    if (block.type === "tool_use" && (typeof block.id !== "string" || typeof block.name !== "string")) {
      throw new Invalid(`${path}.tool_use: id and name are required`);
    }
    if (block.type === "tool_result" && typeof block.tool_use_id !== "string") {
      throw new Invalid(`${path}.tool_result.tool_use_id: Field required`);
    }
  });
}

function checkTools(tools: unknown): Set<string> {
  const names = new Set<string>();
  if (tools === undefined) return names;
  if (!Array.isArray(tools)) throw new Invalid("tools: Input should be a valid list");
  tools.forEach((tool, index) => {
    if (!isRecord(tool)) throw new Invalid(`tools.${index}: Input should be a valid dictionary`);
    const custom = tool.type === undefined || tool.type === null || tool.type === "custom";
    if (custom) {
      if (typeof tool.name !== "string") throw new Invalid(`tools.${index}.custom.name: Field required`);
      if (!TOOL_NAME.test(tool.name)) {
        throw new Invalid(`tools.${index}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
      }
      if (!isRecord(tool.input_schema)) throw new Invalid(`tools.${index}.custom.input_schema: Field required`);
      if (tool.input_schema.type !== "object")
        throw new Invalid(`tools.${index}.custom.input_schema.type: Input should be 'object'`);
    } else {
      if (typeof tool.type !== "string") throw new Invalid(`tools.${index}.type: Input should be a valid string`);
      if (typeof tool.name !== "string") throw new Invalid(`tools.${index}.${tool.type}.name: Field required`);
    }
    if (names.has(tool.name as string)) throw new Invalid("tools: Tool names must be unique.");
    names.add(tool.name as string);
  });
  return names;
}

function checkToolChoice(choice: unknown, toolNames: Set<string>): void {
  if (choice === undefined) return;
  if (!isRecord(choice) || !["auto", "any", "tool", "none"].includes(String(choice.type))) {
    throw new Invalid("tool_choice: Input tag does not match any of the expected tags: 'auto', 'any', 'tool', 'none'");
  }
  if ((choice.type === "any" || choice.type === "tool") && toolNames.size === 0) {
    throw new Invalid("tool_choice: tool_choice may only be specified while providing tools.");
  }
  if (choice.type === "tool") {
    if (typeof choice.name !== "string") throw new Invalid("tool_choice.tool.name: Field required");
    if (!toolNames.has(choice.name)) throw new Invalid(`tool_choice: Tool '${choice.name}' not found in tools`);
  }
}

function checkThinking(body: Record<string, unknown>, hasMaxTokens: boolean): void {
  const thinking = body.thinking;
  if (thinking === undefined) return;
  if (!isRecord(thinking) || typeof thinking.type !== "string") throw new Invalid("thinking.type: Field required");
  if (thinking.type === "enabled") {
    if (typeof thinking.budget_tokens !== "number" || !Number.isInteger(thinking.budget_tokens)) {
      throw new Invalid("thinking.enabled.budget_tokens: Field required");
    }
    if (thinking.budget_tokens < 1024) {
      throw new Invalid("thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
    }
    if (hasMaxTokens && typeof body.max_tokens === "number" && body.max_tokens <= thinking.budget_tokens) {
      throw new Invalid("`max_tokens` must be greater than `thinking.budget_tokens`");
    }
  }
  const choice = body.tool_choice;
  if (
    (thinking.type === "enabled" || thinking.type === "adaptive") &&
    isRecord(choice) &&
    (choice.type === "any" || choice.type === "tool")
  ) {
    throw new Invalid("Thinking may not be enabled when tool_choice forces tool use.");
  }
}

function checkCacheControl(body: Record<string, unknown>): void {
  const markers: unknown[] = [];
  const collect = (block: unknown) => {
    if (isRecord(block) && block.cache_control !== undefined && block.cache_control !== null)
      markers.push(block.cache_control);
  };
  if (Array.isArray(body.tools)) body.tools.forEach(collect);
  if (Array.isArray(body.system)) body.system.forEach(collect);
  for (const message of body.messages as unknown[]) {
    if (isRecord(message) && Array.isArray(message.content)) message.content.forEach(collect);
  }
  for (const marker of markers) {
    if (!isRecord(marker) || marker.type !== "ephemeral")
      throw new Invalid("cache_control.type: Input should be 'ephemeral'");
    if (marker.ttl !== undefined && marker.ttl !== "5m" && marker.ttl !== "1h") {
      throw new Invalid("cache_control.ttl: Input should be '5m' or '1h'");
    }
  }
  if (body.cache_control !== undefined && body.cache_control !== null) {
    const marker = body.cache_control;
    if (!isRecord(marker) || marker.type !== "ephemeral")
      throw new Invalid("cache_control.type: Input should be 'ephemeral'");
    if (marker.ttl !== undefined && marker.ttl !== "5m" && marker.ttl !== "1h") {
      throw new Invalid("cache_control.ttl: Input should be '5m' or '1h'");
    }
  }

  const breakpoints = promptSegments(body as unknown as MessagesRequestBody).filter((segment) => segment.cacheTtl);
  if (breakpoints.length > MAX_CACHE_BREAKPOINTS) {
    throw new Invalid(
      `A maximum of ${MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found ${breakpoints.length}.`,
    );
  }
  const firstShort = breakpoints.findIndex((segment) => segment.cacheTtl === "5m");
  const lateLong = breakpoints.findIndex((segment, index) => index > firstShort && segment.cacheTtl === "1h");
  if (firstShort !== -1 && lateLong !== -1) {
    throw new Invalid(
      `cache_control: a ttl='1h' cache_control block (${breakpoints[lateLong]?.location}) may not come after a ttl='5m' one (${breakpoints[firstShort]?.location}); longer TTLs must come first`,
    );
  }
}
