import { beforeEach, describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { InvalidUsageError, getUsageRecorder, repriceUnpricedCalls, trackAPIUsage } from "~/lib/usage/index.server";
import { getUsageTotals } from "~/lib/analytics/index.server";
import { formatUsd } from "~/lib/money";
import { UNLISTED_MODEL, callParams, createShop, priceUnlistedModel } from "../support/usage-fixtures";

const SHOP = "tracker-shop.myshopify.com";
const NOV_27 = { from: "2026-11-27", to: "2026-11-27" };
const at = new Date("2026-11-27T12:00:00Z");

beforeEach(async () => {
  await prisma.aPIUsageLog.deleteMany();
  await prisma.usageRollupDaily.deleteMany();
  await prisma.usageDailyTotal.deleteMany();
  await prisma.latencyHistogramDaily.deleteMany();
  await prisma.priceOverride.deleteMany();
  await createShop(SHOP, "UTC");
});

describe("trackAPIUsage", () => {
  test("a Sonnet 4.5 call is stored with its tokens and its exact cost in pico-dollars", async () => {
    const { id } = await trackAPIUsage(
      callParams(SHOP, {
        inputTokens: 1_000,
        outputTokens: 500,
        cacheCreationInputTokens: 2_000,
        cacheCreation5mInputTokens: 1_500,
        cacheCreation1hInputTokens: 500,
        cacheReadInputTokens: 10_000,
        requestId: "req_sonnet_1",
        timestamp: at,
      }),
    );
    await getUsageRecorder().drain();

    const row = await prisma.aPIUsageLog.findUniqueOrThrow({ where: { id } });
    // In pico-dollars: input 1,000 × $3/M = 3,000,000,000; output 500 × $15/M = 7,500,000,000;
    // cache writes 1,500 × $3.75/M + 500 × $6/M = 5,625,000,000 + 3,000,000,000; cache reads 10,000 × $0.30/M = 3,000,000,000.
    expect(row).toMatchObject({
      shop: SHOP,
      userId: "42",
      inputTokens: 1_000,
      outputTokens: 500,
      cacheCreationInputTokens: 2_000,
      cacheReadInputTokens: 10_000,
      totalTokens: 13_500,
      inputCostPicos: 3_000_000_000n,
      outputCostPicos: 7_500_000_000n,
      cacheWriteCostPicos: 8_625_000_000n,
      cacheReadCostPicos: 3_000_000_000n,
      totalCostPicos: 22_125_000_000n,
      // 10,000 reads at $3 instead of $0.30: $0.027 saved.
      cacheSavingsPicos: 27_000_000_000n,
      requestId: "req_sonnet_1",
      localDay: "2026-11-27",
      status: "success",
    });
    const totals = await getUsageTotals({ shop: SHOP }, NOV_27);
    expect(totals.costPicos).toBe(22_125_000_000n);
    expect(formatUsd(totals.costPicos)).toBe("$0.022125");
  });

  test("a record naming an unknown model is stored with its cost unknown, and priced once the price is known", async () => {
    const { id } = await trackAPIUsage(callParams(SHOP, { model: UNLISTED_MODEL, timestamp: at }));
    await trackAPIUsage(callParams(SHOP, { timestamp: at }));
    await getUsageRecorder().drain();

    const unknown = await prisma.aPIUsageLog.findUniqueOrThrow({ where: { id } });
    expect(unknown.totalCostPicos).toBeNull();
    let totals = await getUsageTotals({ shop: SHOP }, NOV_27);
    expect(totals).toMatchObject({ calls: 2, unpricedCalls: 1, costPicos: 10_500_000_000n });

    expect(await repriceUnpricedCalls(prisma)).toEqual({ priced: 0, stillUnknown: 1 });

    // The operator adds the model's (negotiated) price, effective before the call was made.
    await priceUnlistedModel();
    expect(await repriceUnpricedCalls(prisma)).toEqual({ priced: 1, stillUnknown: 0 });
    expect(await repriceUnpricedCalls(prisma)).toEqual({ priced: 0, stillUnknown: 0 });

    const priced = await prisma.aPIUsageLog.findUniqueOrThrow({ where: { id } });
    expect(priced).toMatchObject({ totalCostPicos: 10_500_000_000n, priceSource: "override" });
    totals = await getUsageTotals({ shop: SHOP }, NOV_27);
    expect(totals).toMatchObject({ calls: 2, unpricedCalls: 0, costPicos: 21_000_000_000n });
  });

  test("a retried record with the same id, or the same Anthropic request id, is counted once", async () => {
    const params = callParams(SHOP, { id: "call-1", requestId: "req_1", timestamp: at });
    await trackAPIUsage(params);
    await trackAPIUsage(params);
    await getUsageRecorder().drain();
    await trackAPIUsage(params);
    await trackAPIUsage({ ...params, id: "call-1-retry" });
    await getUsageRecorder().drain();

    expect(await prisma.aPIUsageLog.count()).toBe(1);
    const totals = await getUsageTotals({ shop: SHOP }, NOV_27);
    expect(totals.calls).toBe(1);
    expect(totals.costPicos).toBe(10_500_000_000n);
  });

  test.each([
    ["negative tokens", { inputTokens: -1 }, /inputTokens/],
    ["fractional tokens", { outputTokens: 1.5 }, /outputTokens/],
    ["no shop", { shop: "" }, /shop is required/],
    ["no endpoint", { endpoint: " " }, /endpoint is required/],
    ["an unknown status", { status: "maybe" as "success" }, /status/],
  ])("%s is refused with a clear message and records nothing", async (_name, overrides, message) => {
    await expect(trackAPIUsage(callParams(SHOP, overrides))).rejects.toThrow(InvalidUsageError);
    await expect(trackAPIUsage(callParams(SHOP, overrides))).rejects.toThrow(message);
    await getUsageRecorder().drain();
    expect(await prisma.aPIUsageLog.count()).toBe(0);
  });

  test("cache writes that do not add up are recorded as reported, marked, with their cost unknown", async () => {
    await trackAPIUsage(
      callParams(SHOP, {
        cacheCreationInputTokens: 10,
        cacheCreation5mInputTokens: 3,
        cacheCreation1hInputTokens: 3,
        timestamp: at,
      }),
    );
    await getUsageRecorder().drain();
    const [row] = await prisma.aPIUsageLog.findMany();
    expect(row).toMatchObject({ cacheCreation5mTokens: 3, cacheCreation1hTokens: 3, totalCostPicos: null });
    expect(row!.usageNote).toMatch(/reported as 10 in total/);
    expect(await getUsageTotals({ shop: SHOP }, NOV_27)).toMatchObject({ calls: 1, unpricedCalls: 1 });
  });

  test("a call answered from the app's own cache costs nothing and is not timed", async () => {
    await trackAPIUsage(callParams(SHOP, { cached: true, latencyMs: 3, timestamp: at }));
    await getUsageRecorder().drain();
    const totals = await getUsageTotals({ shop: SHOP }, NOV_27);
    expect(totals).toMatchObject({ calls: 1, cachedCalls: 1, costPicos: 0n, unpricedCalls: 0 });
    expect(await prisma.latencyHistogramDaily.count()).toBe(0);
  });

  test("batch calls are priced at the Batch API's half price", async () => {
    await trackAPIUsage(callParams(SHOP, { batch: true, timestamp: at }));
    await getUsageRecorder().drain();
    const totals = await getUsageTotals({ shop: SHOP }, NOV_27);
    expect(totals).toMatchObject({ batchCalls: 1, costPicos: 5_250_000_000n });
  });

  test("amounts beyond JavaScript's safe integers (over $9,007 in pico-dollars) are stored and summed exactly", async () => {
    // 100,000,000 Opus 4.1 output tokens (the most a call may report) at $75/M = $7,500 each; the sum of two,
    // $15,000 = 15,000,000,000,000,000 pico-dollars, is past 2^53.
    for (const id of ["big-1", "big-2"]) {
      await trackAPIUsage(
        callParams(SHOP, {
          id,
          model: "claude-opus-4-1-20250805",
          inputTokens: 1,
          outputTokens: 100_000_000,
          timestamp: at,
        }),
      );
    }
    await getUsageRecorder().drain();
    const row = await prisma.aPIUsageLog.findUniqueOrThrow({ where: { id: "big-1" } });
    expect(row.totalCostPicos).toBe(7_500_000_015_000_000n);
    const totals = await getUsageTotals({ shop: SHOP }, NOV_27);
    expect(totals.costPicos).toBe(15_000_000_030_000_000n);
    expect(totals.costPicos > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(formatUsd(totals.costPicos)).toBe("$15000.000030");
  });
});
