import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import Anthropic from "@anthropic-ai/sdk";
import prisma from "~/db.server";
import { countTokensWithTracking, getUsageRecorder, streamMessageWithTracking } from "~/lib/usage/index.server";
import { createTestAnthropicClient, startClaudeTestServer, type ClaudeTestServer } from "../support/claude-test-server";
import { createShop } from "../support/usage-fixtures";

const SHOP = "call-shapes.myshopify.com";
const MODEL = "claude-haiku-4-5-20251001";
const tracking = { shop: SHOP, userId: "7001", endpoint: "chat" };
const params = {
  model: MODEL,
  max_tokens: 300,
  messages: [{ role: "user" as const, content: "Suggest a meta description for a linen shirt." }],
};
const scriptedUsage = { input_tokens: 2_000, output_tokens: 40, cache_read_input_tokens: 0 };
// Haiku 4.5: 2,000 × 1,000,000 + 40 × 5,000,000 picos
const SCRIPTED_COST = 2_000_000_000n + 200_000_000n;

let server: ClaudeTestServer;
let anthropic: Anthropic;

beforeAll(async () => {
  server = await startClaudeTestServer();
  anthropic = createTestAnthropicClient(server.baseURL);
});
afterAll(() => server.close());

beforeEach(async () => {
  await getUsageRecorder().drain();
  await prisma.aPIUsageLog.deleteMany();
  await createShop(SHOP, "UTC");
  server.state.reset();
});

async function recordedCalls() {
  await getUsageRecorder().drain();
  return prisma.aPIUsageLog.findMany({ where: { shop: SHOP }, orderBy: { timestamp: "asc" } });
}

describe("anthropic.messages.stream() through streamMessageWithTracking", () => {
  test("finalMessage() gives the SDK's message, and the call is recorded once with its usage and request id", async () => {
    server.state.enqueueResponse({ usage: scriptedUsage });
    const stream = await streamMessageWithTracking(anthropic, params, tracking);
    let text = "";
    stream.on("text", (delta) => (text += delta));
    const message = await stream.finalMessage();

    expect(message.usage.input_tokens).toBe(2_000);
    expect(text).toBe(message.content.map((block) => (block.type === "text" ? block.text : "")).join(""));
    const calls = await recordedCalls();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      ...tracking,
      model: MODEL,
      status: "success",
      callType: "messages",
      inputTokens: 2_000,
      outputTokens: 40,
      totalCostPicos: SCRIPTED_COST,
      requestId: stream.request_id,
    });
    expect(stream.request_id).toMatch(/^req_/);
  });

  test("a stream the caller aborts after the first text is recorded as aborted with the tokens seen so far", async () => {
    server.state.enqueueResponse({ usage: scriptedUsage });
    const stream = await streamMessageWithTracking(anthropic, params, tracking);
    stream.on("text", () => stream.abort());
    const error = await stream.finalMessage().catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(Anthropic.APIUserAbortError);
    const [call] = await recordedCalls();
    expect(call).toMatchObject({ status: "error", errorType: "aborted", inputTokens: 2_000 });
    expect(call!.requestId).toBe(stream.request_id);
  });

  test("an HTTP error rejects finalMessage() with the SDK's own error and is recorded with its status and request id", async () => {
    server.state.enqueueFault({ kind: "overloaded" });
    const stream = await streamMessageWithTracking(anthropic, params, tracking);
    const error = await stream.finalMessage().catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
    const [call] = await recordedCalls();
    expect(call).toMatchObject({ status: "error", errorType: "overloaded_error", httpStatus: 529, totalCostPicos: 0n });
    expect(call!.requestId).toBe((error as InstanceType<typeof Anthropic.APIError>).requestID);
  });

  test("an error event in the middle of the stream is recorded with the usage of message_start", async () => {
    server.state.enqueueResponse({ usage: scriptedUsage });
    server.state.enqueueFault({ kind: "stream_error" });
    const stream = await streamMessageWithTracking(anthropic, params, tracking);
    const error = await stream.finalMessage().catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(Anthropic.APIError);
    const [call] = await recordedCalls();
    expect(call).toMatchObject({ status: "error", errorType: "overloaded_error", inputTokens: 2_000 });
  });
});

describe("anthropic.messages.countTokens through countTokensWithTracking", () => {
  test("the count is returned as the SDK returns it and recorded as a free call", async () => {
    const counted = await countTokensWithTracking(anthropic, { model: MODEL, messages: params.messages }, tracking);

    expect(counted.input_tokens).toBeGreaterThan(0);
    const [call] = await recordedCalls();
    expect(call).toMatchObject({
      ...tracking,
      model: MODEL,
      callType: "count_tokens",
      status: "success",
      inputTokens: 0,
      outputTokens: 0,
      totalCostPicos: 0n,
      requestId: counted._request_id,
    });
  });

  test("a refused count rethrows the SDK's error and is recorded as an error", async () => {
    server.state.enqueueFault({ kind: "rate_limit" });
    const error = await countTokensWithTracking(anthropic, { model: MODEL, messages: params.messages }, tracking).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    const [call] = await recordedCalls();
    expect(call).toMatchObject({ callType: "count_tokens", status: "error", httpStatus: 429, totalCostPicos: 0n });
  });
});
