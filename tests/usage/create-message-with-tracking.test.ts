import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import Anthropic from "@anthropic-ai/sdk";
import prisma from "~/db.server";
import { BudgetExceededError, updateBudgetSettings } from "~/lib/budget/index.server";
import { createMessageWithTracking, getUsageRecorder } from "~/lib/usage/index.server";
import { createTestAnthropicClient, startClaudeTestServer, type ClaudeTestServer } from "../support/claude-test-server";
import { createShop } from "../support/usage-fixtures";

const SHOP = "sdk-shop.myshopify.com";
const MODEL = "claude-haiku-4-5-20251001";
const tracking = {
  shop: SHOP,
  userId: "7001",
  endpoint: "fix_meta",
  resourceType: "product",
  resourceId: "gid://shopify/Product/9",
  fixType: "meta",
};
const params = {
  model: MODEL,
  max_tokens: 200,
  messages: [{ role: "user" as const, content: "Write a meta title for trail boots." }],
};

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
  await prisma.usageRollupDaily.deleteMany();
  await prisma.usageDailyTotal.deleteMany();
  await createShop(SHOP, "UTC", { monthlyBudgetPicos: null, budgetHardCap: false });
  await updateBudgetSettings(SHOP, { monthlyBudgetPicos: null, hardCap: false });
  server.state.reset();
});

async function recordedCalls() {
  await getUsageRecorder().drain();
  return prisma.aPIUsageLog.findMany({ where: { shop: SHOP }, orderBy: { timestamp: "asc" } });
}

const scriptedUsage = {
  input_tokens: 1_234,
  output_tokens: 56,
  cache_creation_input_tokens: 3_000,
  cache_read_input_tokens: 20_000,
  cache_creation: { ephemeral_5m_input_tokens: 1_000, ephemeral_1h_input_tokens: 2_000 },
};
// Haiku 4.5 in pico-dollars: 1,234 × 1,000,000 + 56 × 5,000,000 + 1,000 × 1,250,000 + 2,000 × 2,000,000 + 20,000 × 100,000
const SCRIPTED_COST = 1_234_000_000n + 280_000_000n + 1_250_000_000n + 4_000_000_000n + 2_000_000_000n;

describe("createMessageWithTracking through the real SDK", () => {
  test("a message is returned exactly as the SDK returns it and recorded with its tokens, cost, request id and latency", async () => {
    server.state.enqueueResponse({ usage: scriptedUsage });
    // The tracker times calls on performance.now(): faked here, it moves only when Claude, while answering,
    // moves it by 120 ms. That is the call's latency on the clock, whatever the machine's speed.
    const answer = server.state.responder;
    server.state.responder = (body, context) => {
      vi.advanceTimersByTime(120);
      return answer(body, context);
    };
    vi.useFakeTimers({ toFake: ["performance"] });
    const message = await createMessageWithTracking(anthropic, params, tracking).finally(() => {
      vi.useRealTimers();
      server.state.responder = answer;
    });

    expect(message.type).toBe("message");
    expect(message.usage.input_tokens).toBe(1_234);
    expect(message._request_id).toMatch(/^req_/);

    const [call] = await recordedCalls();
    expect(call).toMatchObject({
      ...tracking,
      model: MODEL,
      status: "success",
      inputTokens: 1_234,
      outputTokens: 56,
      cacheCreationInputTokens: 3_000,
      cacheCreation5mTokens: 1_000,
      cacheCreation1hTokens: 2_000,
      cacheReadInputTokens: 20_000,
      totalCostPicos: SCRIPTED_COST,
      requestId: message._request_id,
    });
    expect(call!.latencyMs).toBe(120);
  });

  test("a stream is passed through event by event and recorded from message_start and the final message_delta", async () => {
    server.state.enqueueResponse({ usage: scriptedUsage });
    const stream = await createMessageWithTracking(anthropic, { ...params, stream: true }, tracking);
    const types: string[] = [];
    let text = "";
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "content_block_delta" && event.delta.type === "text_delta") text += event.delta.text;
    }
    expect(types[0]).toBe("message_start");
    expect(types.at(-1)).toBe("message_stop");
    expect(text.length).toBeGreaterThan(0);

    const [call] = await recordedCalls();
    expect(call).toMatchObject({
      status: "success",
      inputTokens: 1_234,
      outputTokens: 56,
      cacheReadInputTokens: 20_000,
      totalCostPicos: SCRIPTED_COST,
    });
    expect(call!.requestId).toMatch(/^req_/);
  });

  test("the stream can be consumed with the SDK's own helpers", async () => {
    const stream = await createMessageWithTracking(anthropic, { ...params, stream: true }, tracking);
    const [first, second] = stream.tee();
    let events = 0;
    for await (const _event of first) events += 1;
    for await (const _event of second) events -= 1;
    expect(events).toBe(0);
    const [call] = await recordedCalls();
    expect(call!.status).toBe("success");
    expect(call!.outputTokens).toBeGreaterThan(0);
  });

  const failures: Array<
    [string, Parameters<typeof server.state.enqueueFault>[0], new (...args: never[]) => Error, string, number | null]
  > = [
    ["429 rate limit", { kind: "rate_limit" }, Anthropic.RateLimitError, "rate_limit_error", 429],
    ["529 overloaded", { kind: "overloaded" }, Anthropic.InternalServerError, "overloaded_error", 529],
    ["500 server error", { kind: "server_error" }, Anthropic.InternalServerError, "api_error", 500],
  ];

  test.each(failures)(
    "a %s is recorded as an error and the SDK's own error is rethrown",
    async (_name, fault, errorClass, errorType, status) => {
      server.state.enqueueFault(fault);
      const error = await createMessageWithTracking(anthropic, params, tracking).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(errorClass);
      const [call] = await recordedCalls();
      expect(call).toMatchObject({
        status: "error",
        errorType,
        httpStatus: status,
        inputTokens: 0,
        outputTokens: 0,
        totalCostPicos: 0n,
      });
      expect(call!.requestId).toBe((error as InstanceType<typeof Anthropic.APIError>).requestID);
      expect(call!.errorMessage).toBeTruthy();
    },
  );

  test("a timeout is recorded with its latency and the SDK's timeout error is rethrown", async () => {
    server.state.enqueueFault({ kind: "slow", delayMs: 2_000 });
    const error = await createMessageWithTracking(anthropic, params, tracking, { timeout: 300 }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(Anthropic.APIConnectionTimeoutError);
    const [call] = await recordedCalls();
    expect(call).toMatchObject({ status: "error", errorType: "timeout" });
    // The SDK gives up 300 ms (on Node's millisecond timers) after the tracker started timing: at least that long.
    expect(Number.isInteger(call!.latencyMs)).toBe(true);
    expect(call!.latencyMs).toBeGreaterThanOrEqual(290);
  });

  test("a stream that breaks midway raises while iterating and is recorded with the tokens seen so far", async () => {
    server.state.enqueueResponse({ usage: scriptedUsage });
    server.state.enqueueFault({ kind: "break_stream" });
    const stream = await createMessageWithTracking(anthropic, { ...params, stream: true }, tracking);
    const error = await (async () => {
      for await (const _event of stream) {
        // read until it breaks
      }
    })().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Error);
    const [call] = await recordedCalls();
    expect(call).toMatchObject({ status: "error", inputTokens: 1_234, cacheReadInputTokens: 20_000 });
    expect(call!.requestId).toMatch(/^req_/);
  });

  test("a stream the caller stops reading is recorded as aborted", async () => {
    const stream = await createMessageWithTracking(anthropic, { ...params, stream: true }, tracking);
    for await (const event of stream) {
      if (event.type === "content_block_start") break;
    }
    const [call] = await recordedCalls();
    expect(call).toMatchObject({ status: "error", errorType: "aborted" });
  });

  test("an unknown model is still recorded, with its cost unknown", async () => {
    await createMessageWithTracking(anthropic, { ...params, model: "claude-3-5-sonnet-20250107" }, tracking);
    const [call] = await recordedCalls();
    expect(call).toMatchObject({ model: "claude-3-5-sonnet-20250107", status: "success", totalCostPicos: null });
  });
});

describe("what the API reports about a call's price", () => {
  test("a stream whose final cache-write total disagrees with message_start's split is recorded and marked, its cost unknown", async () => {
    // message_start says 1,000 5-minute + 2,000 1-hour writes; the total (also in the final message_delta) says 3,500.
    server.state.enqueueResponse({ usage: { ...scriptedUsage, cache_creation_input_tokens: 3_500 } });
    const stream = await createMessageWithTracking(anthropic, { ...params, stream: true }, tracking);
    for await (const _event of stream) {
      // read to the end
    }
    const [call] = await recordedCalls();
    expect(call).toMatchObject({
      status: "success",
      inputTokens: 1_234,
      outputTokens: 56,
      cacheCreation5mTokens: 1_000,
      cacheCreation1hTokens: 2_000,
      totalCostPicos: null,
      usageNote: "cache writes reported as 3500 in total but 1000 (5-minute) + 2000 (1-hour); cost unknown",
    });
  });

  test("US-only inference is read from the response's usage and priced at 1.1x", async () => {
    server.state.enqueueResponse({ usage: { input_tokens: 1_000, output_tokens: 100 } });
    await createMessageWithTracking(anthropic, { ...params, model: "claude-opus-5-5", inference_geo: "us" }, tracking);
    const [call] = await recordedCalls();
    // 1,000 × 4,400,000 ($4 × 1.1) + 100 × 22,000,000 ($20 × 1.1) = 6,600,000,000 picos
    expect(call).toMatchObject({ inferenceGeo: "us", speed: "standard", totalCostPicos: 6_600_000_000n });
  });

  test("the response's geography wins over the request's (the workspace default decides where it ran)", async () => {
    server.state.enqueueResponse({ usage: { input_tokens: 1_000, output_tokens: 100, inference_geo: "global" } });
    await createMessageWithTracking(anthropic, { ...params, model: "claude-opus-5-5", inference_geo: "us" }, tracking);
    const [call] = await recordedCalls();
    // 1,000 × 4,000,000 + 100 × 20,000,000 = 6,000,000,000 picos
    expect(call).toMatchObject({ inferenceGeo: "global", totalCostPicos: 6_000_000_000n });
  });

  test("a fast-mode call is recorded with its tokens and speed, its cost unknown (no official fast-mode price)", async () => {
    await createMessageWithTracking(anthropic, { ...params, model: "claude-opus-5-5", speed: "fast" }, tracking);
    const [call] = await recordedCalls();
    expect(call).toMatchObject({ speed: "fast", status: "success", totalCostPicos: null });
    expect(call!.outputTokens).toBeGreaterThan(0);
  });

  test("a fast-mode call refused with a 429 is recorded at $0: it billed nothing", async () => {
    server.state.enqueueFault({ kind: "rate_limit" });
    await createMessageWithTracking(anthropic, { ...params, model: "claude-opus-5-5", speed: "fast" }, tracking).catch(
      () => undefined,
    );
    const [call] = await recordedCalls();
    expect(call).toMatchObject({ speed: "fast", status: "error", totalCostPicos: 0n });
  });
});

describe("the budget cap", () => {
  test("a shop at its hard cap is refused before any request is sent", async () => {
    server.state.enqueueResponse({ usage: scriptedUsage });
    await createMessageWithTracking(anthropic, params, tracking);
    await getUsageRecorder().drain();
    // The budget is exactly what that call cost: the cap is reached.
    await updateBudgetSettings(SHOP, { monthlyBudgetPicos: SCRIPTED_COST, hardCap: true });
    const before = server.state.requests.length;

    const refused = await createMessageWithTracking(anthropic, params, tracking).catch((thrown: unknown) => thrown);
    expect(refused).toBeInstanceOf(BudgetExceededError);
    expect((refused as Error).message).toMatch(/budget of < \$0\.01 is used up/);
    expect(server.state.requests.length).toBe(before);
    expect(await recordedCalls()).toHaveLength(1);
  });

  test("a budget that is not a hard cap never refuses", async () => {
    await updateBudgetSettings(SHOP, { monthlyBudgetPicos: 1n, hardCap: false });
    server.state.enqueueResponse({ usage: scriptedUsage });
    await createMessageWithTracking(anthropic, params, tracking);
    await createMessageWithTracking(anthropic, params, tracking);
    expect(await recordedCalls()).toHaveLength(2);
  });
});
