import type Anthropic from "@anthropic-ai/sdk";
import type { Message } from "@anthropic-ai/sdk/resources/messages";
import { getAnthropicClient, createMessageWithTracking } from "~/lib/usage/index.server";
import { parseToolAnswer, SeoAnswerError } from "./answers";
import { seoSystemBlocks } from "./prompts";
import { SEO_TOOLS } from "./tools";
import { promptFor, resourceIdOf, SEO_TASKS, type SeoItemInput } from "./tasks";

/**
 * One SEO task on Claude: the shared cached system prompt, the same tools every time, the task's tool forced, the
 * call tracked with who asked and what it was about, and the answer validated. A call that succeeded but answered
 * badly still counts (it was billed): the error carries the call's usage so the item can show what it cost.
 */

export interface CallUsage {
  requestId: string | null;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export interface SeoTaskResult {
  answer: unknown;
  usage: CallUsage;
}

export class SeoTaskAnswerError extends SeoAnswerError {
  constructor(
    message: string,
    readonly usage: CallUsage,
  ) {
    super(message);
  }
}

export interface SeoTaskContext {
  shop: string;
  /** The staff member (session token `sub`) or "automation". */
  userId: string;
  model: string;
  client?: Anthropic;
  signal?: AbortSignal;
}

function usageOf(message: Message, model: string): CallUsage {
  return {
    // The SDK adds the `request-id` header to the message it returns; the tracker returns that same object.
    requestId: (message as Message & { _request_id?: string | null })._request_id ?? null,
    model: message.model || model,
    inputTokens: message.usage.input_tokens,
    outputTokens: message.usage.output_tokens,
    cacheReadTokens: message.usage.cache_read_input_tokens ?? 0,
    cacheWriteTokens: message.usage.cache_creation_input_tokens ?? 0,
  };
}

/** Runs the item's task. Throws BudgetExceededError (nothing sent), the SDK's errors, or SeoTaskAnswerError. */
export async function runSeoTask(input: SeoItemInput, context: SeoTaskContext): Promise<SeoTaskResult> {
  const task = SEO_TASKS[input.kind];
  const client = context.client ?? getAnthropicClient();
  const message = await createMessageWithTracking(
    client,
    {
      model: context.model,
      max_tokens: task.maxTokens,
      system: seoSystemBlocks(),
      tools: SEO_TOOLS,
      tool_choice: { type: "tool", name: task.toolName },
      messages: [{ role: "user", content: promptFor(input) }],
    },
    {
      shop: context.shop,
      userId: context.userId,
      endpoint: task.endpoint,
      resourceType: task.resourceType,
      resourceId: resourceIdOf(input),
      fixType: task.fixType,
    },
    context.signal ? { signal: context.signal } : undefined,
  );
  const usage = usageOf(message, context.model);
  try {
    return { answer: parseToolAnswer(message, task.toolName, task.schema), usage };
  } catch (error) {
    if (error instanceof SeoAnswerError) throw new SeoTaskAnswerError(error.message, usage);
    throw error;
  }
}
