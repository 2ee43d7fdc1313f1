import type { Message } from "@anthropic-ai/sdk/resources/messages";
import { buildMessage } from "./message-builder";
import { promptSegments } from "./prompt-segments";
import type { StubState } from "./state";
import type { MessagesRequestBody, ScriptedResponse, StubReply } from "./types";

/**
 * The complete message the stub answers a validated request with (the responder's content, or a scripted one; the
 * prompt cache; usage), billed in the state's `served` ledger. Shared by `POST /v1/messages` and batch results.
 */
export async function answerMessage(
  state: StubState,
  params: MessagesRequestBody,
  context: { requestId: string; headers: Headers; batch: boolean },
): Promise<Message> {
  const scripted: ScriptedResponse | undefined = state.takeScriptedResponse();
  let reply: StubReply = scripted?.content
    ? { content: scripted.content, stop_reason: scripted.stop_reason, stop_sequence: scripted.stop_sequence }
    : toReply(await state.responder(params, { requestId: context.requestId, headers: context.headers }));
  if (scripted?.stop_reason && !scripted.content) reply = { ...reply, stop_reason: scripted.stop_reason };
  const cache = state.promptCache.apply(params.model, promptSegments(params), state.now());
  const built = buildMessage({
    body: params,
    reply,
    cache,
    usageOverride: scripted?.usage,
    model: scripted?.model,
    id: scripted?.id,
  });
  const message: Message = context.batch ? { ...built, usage: { ...built.usage, service_tier: "batch" } } : built;
  state.recordServed({ at: state.now(), model: message.model, usage: message.usage, batch: context.batch });
  return message;
}

function toReply(result: StubReply | StubReply["content"]): StubReply {
  return Array.isArray(result) ? { content: result } : result;
}
