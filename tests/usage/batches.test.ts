import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import path from "node:path";
import { randomUUID } from "node:crypto";
import Anthropic from "@anthropic-ai/sdk";
import prisma from "~/db.server";
import {
  BudgetExceededError,
  callCostBoundPicos,
  monthToDateSpendPicos,
  updateBudgetSettings,
} from "~/lib/budget/index.server";
import {
  batchUsageId,
  createBatchWithTracking,
  getUsageRecorder,
  recordEndedBatches,
  startBatchPolling,
  UsageRecorder,
  type TrackedBatchRequest,
} from "~/lib/usage/index.server";
import { createTestAnthropicClient, startClaudeTestServer, type ClaudeTestServer } from "../support/claude-test-server";
import { tmpDir } from "../support/paths";
import { createShop } from "../support/usage-fixtures";

const SHOP = "batch-shop.myshopify.com";
const MODEL = "claude-haiku-4-5-20251001";

function request(customId: string, productId: number): TrackedBatchRequest {
  return {
    custom_id: customId,
    params: {
      model: MODEL,
      max_tokens: 200,
      messages: [{ role: "user", content: `Write alt text for product ${productId}'s main image.` }],
    },
    tracking: { resourceType: "product", resourceId: `gid://shopify/Product/${productId}`, fixType: "alt_text" },
  };
}

let server: ClaudeTestServer;
let anthropic: Anthropic;

beforeAll(async () => {
  server = await startClaudeTestServer({ batchProcessing: "manual" });
  anthropic = createTestAnthropicClient(server.baseURL);
});
afterAll(() => server.close());

beforeEach(async () => {
  await getUsageRecorder().drain();
  await prisma.aPIUsageLog.deleteMany();
  await prisma.claudeBatch.deleteMany();
  await createShop(SHOP, "UTC");
  server.state.reset();
});

async function recordedCalls() {
  await getUsageRecorder().drain();
  return prisma.aPIUsageLog.findMany({ where: { shop: SHOP }, orderBy: { id: "asc" } });
}

describe("the Message Batches API through the tracker", () => {
  test("each result is recorded once the batch ends, at batch prices, linked to its request, as automation", async () => {
    server.state.enqueueResponse({ usage: { input_tokens: 1_000, output_tokens: 100 } });
    server.state.enqueueResponse({ usage: { input_tokens: 3_000, output_tokens: 301 } });
    const batch = await createBatchWithTracking(anthropic, prisma, [request("alt-1", 1), request("alt-2", 2)], {
      shop: SHOP,
      endpoint: "alt_text",
    });
    expect(batch.processing_status).toBe("in_progress");

    expect(await recordEndedBatches(anthropic, prisma, getUsageRecorder())).toEqual({ recorded: 0, inProgress: 1 });
    expect(await recordedCalls()).toHaveLength(0);

    await server.state.endBatch(batch.id);
    expect(await recordEndedBatches(anthropic, prisma, getUsageRecorder())).toEqual({ recorded: 2, inProgress: 0 });

    const calls = await recordedCalls();
    expect(calls.map((call) => call.id)).toEqual([batchUsageId(batch.id, "alt-1"), batchUsageId(batch.id, "alt-2")]);
    expect(calls[0]).toMatchObject({
      userId: "automation",
      endpoint: "alt_text",
      model: MODEL,
      batch: true,
      status: "success",
      resourceId: "gid://shopify/Product/1",
      fixType: "alt_text",
      inputTokens: 1_000,
      outputTokens: 100,
      // Haiku 4.5 at half price: 1,000 × 500,000 + 100 × 2,500,000 picos
      totalCostPicos: 500_000_000n + 250_000_000n,
    });
    // 3,000 × 500,000 + 301 × 2,500,000 picos
    expect(calls[1]).toMatchObject({
      resourceId: "gid://shopify/Product/2",
      totalCostPicos: 1_500_000_000n + 752_500_000n,
    });
    expect(await prisma.claudeBatch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({
      status: "recorded",
    });
  });

  test("polling again, or two processes polling the same ended batch at once, records each result once", async () => {
    const batch = await createBatchWithTracking(anthropic, prisma, [request("a", 1), request("b", 2)], {
      shop: SHOP,
      userId: "7001",
      endpoint: "alt_text",
    });
    await server.state.endBatch(batch.id);

    // A second process: its own recorder and journal, writing to the same database.
    const other = new UsageRecorder({ db: prisma, journalDir: path.join(tmpDir, `journal-${randomUUID()}`) });
    other.start();
    try {
      const [first, second] = await Promise.all([
        recordEndedBatches(anthropic, prisma, getUsageRecorder()),
        recordEndedBatches(anthropic, prisma, other),
      ]);
      expect(first.recorded + second.recorded).toBe(4); // both read the results before either marked the batch
      await other.drain();
      expect(await recordEndedBatches(anthropic, prisma, getUsageRecorder())).toEqual({ recorded: 0, inProgress: 0 });
    } finally {
      other.stop();
    }
    const calls = await recordedCalls();
    expect(calls).toHaveLength(2);
    expect(calls.every((call) => call.userId === "7001")).toBe(true);
  });

  test("a request the API could not answer is recorded as an error that cost nothing", async () => {
    const answer = server.state.responder;
    server.state.responder = (body, context) => {
      const text = JSON.stringify(body.messages);
      if (text.includes("product 2")) throw new Error("model overloaded");
      return answer(body, context);
    };
    try {
      const batch = await createBatchWithTracking(anthropic, prisma, [request("ok", 1), request("bad", 2)], {
        shop: SHOP,
        endpoint: "alt_text",
      });
      await server.state.endBatch(batch.id);
      await recordEndedBatches(anthropic, prisma, getUsageRecorder());
    } finally {
      server.state.responder = answer;
    }
    const failed = (await recordedCalls()).find((call) => call.resourceId === "gid://shopify/Product/2");
    expect(failed).toMatchObject({ status: "error", errorType: "api_error", batch: true, totalCostPicos: 0n });
  });
});

test("background polling records an ended batch at the next minute, and not before", async () => {
  const batch = await createBatchWithTracking(anthropic, prisma, [request("poll", 1)], {
    shop: SHOP,
    endpoint: "alt_text",
  });
  await server.state.endBatch(batch.id);
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
  const stop = startBatchPolling({ db: prisma, recorder: getUsageRecorder(), client: () => anthropic });
  try {
    vi.advanceTimersByTime(59_999);
    expect(await prisma.claudeBatch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({
      status: "in_progress",
    });
    vi.advanceTimersByTime(1);
    await expect
      .poll(async () => (await prisma.claudeBatch.findUniqueOrThrow({ where: { id: batch.id } })).status)
      .toBe("recorded");
  } finally {
    stop();
    vi.useRealTimers();
  }
  expect(await recordedCalls()).toHaveLength(1);
});

describe("a batch under a hard cap", () => {
  const CAP_SHOP = "batch-cap-shop.myshopify.com";
  const requests = [request("cap-1", 1), request("cap-2", 2)];
  const bounds = requests.map(({ params }) => callCostBoundPicos(params, { batch: true })!);
  const reservations = () => prisma.budgetReservation.findMany({ where: { shop: CAP_SHOP }, orderBy: { id: "asc" } });

  beforeEach(() => createShop(CAP_SHOP, "UTC"));

  test("each request's bound is held, at batch prices, under its usage id until its result is written", async () => {
    await updateBudgetSettings(CAP_SHOP, { monthlyBudgetPicos: bounds[0]! + bounds[1]!, hardCap: true });
    server.state.enqueueResponse({ usage: { input_tokens: 100, output_tokens: 10 } });
    server.state.enqueueResponse({ usage: { input_tokens: 100, output_tokens: 10 } });
    const batch = await createBatchWithTracking(anthropic, prisma, requests, { shop: CAP_SHOP, endpoint: "alt_text" });
    expect(await reservations()).toMatchObject([
      { id: batchUsageId(batch.id, "cap-1"), amountPicos: bounds[0], settled: false },
      { id: batchUsageId(batch.id, "cap-2"), amountPicos: bounds[1], settled: false },
    ]);

    await server.state.endBatch(batch.id);
    await recordEndedBatches(anthropic, prisma, getUsageRecorder());
    await getUsageRecorder().drain();
    expect(await reservations()).toEqual([]);
    // Haiku 4.5 at batch prices, twice: 100 × 500,000 + 10 × 2,500,000 picos each.
    expect(await monthToDateSpendPicos(CAP_SHOP, "UTC")).toBe(2n * 75_000_000n);
  });

  test("a batch that does not fit is refused whole before it is sent", async () => {
    await updateBudgetSettings(CAP_SHOP, { monthlyBudgetPicos: bounds[0]! + bounds[1]! - 1n, hardCap: true });
    await expect(
      createBatchWithTracking(anthropic, prisma, requests, { shop: CAP_SHOP, endpoint: "alt_text" }),
    ).rejects.toBeInstanceOf(BudgetExceededError);
    expect(server.state.batches.size).toBe(0);
    expect(await reservations()).toEqual([]);
  });
});
