import { beforeAll, describe, expect, test } from "vitest";
import prisma from "~/db.server";
import {
  comparePeriods,
  getCacheEfficiency,
  getCurrentMonthUsage,
  getDailyUsageTrends,
  getLatencyAndErrorsByEndpoint,
  getUsageByEndpoint,
  getUsageByModel,
  getUsageByResourceType,
  getUsageByShop,
  getUsageByUser,
  getUsageTotals,
  predictNextMonthUsage,
} from "~/lib/analytics/index.server";
import { getUsageRecorder, trackAPIUsage } from "~/lib/usage/index.server";
import { InvalidRangeError } from "~/lib/time";
import { AmountOutOfRangeError } from "~/lib/database/index.server";
import { callParams, createShop } from "../support/usage-fixtures";

const INDIA = "india-shop.myshopify.com";
const NEW_YORK = "newyork-shop.myshopify.com";
const OTHER = "other-shop.myshopify.com";

beforeAll(async () => {
  await createShop(INDIA, "Asia/Kolkata");
  await createShop(NEW_YORK, "America/New_York");
  await createShop(OTHER, "UTC");

  // India (+05:30): 23:59 UTC on Oct 31 is 05:29 on Nov 1 local time.
  await trackAPIUsage(callParams(INDIA, { timestamp: new Date("2026-10-31T18:29:00Z"), endpoint: "alt_text" }));
  await trackAPIUsage(callParams(INDIA, { timestamp: new Date("2026-10-31T23:59:00Z"), endpoint: "fix_meta" }));
  await trackAPIUsage(
    callParams(INDIA, { timestamp: new Date("2026-11-01T10:00:00Z"), endpoint: "fix_meta", userId: "automation" }),
  );

  // New York, the fall-back day (25 hours): both 01:30s and 23:30 EST are Nov 1.
  for (const iso of ["2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z", "2026-11-02T04:30:00Z"]) {
    await trackAPIUsage(
      callParams(NEW_YORK, {
        timestamp: new Date(iso),
        model: "claude-haiku-4-5-20251001",
        endpoint: "alt_text",
        resourceType: "image",
      }),
    );
  }
  await trackAPIUsage(
    callParams(NEW_YORK, {
      timestamp: new Date("2026-11-02T05:00:00Z"),
      status: "error",
      errorType: "overloaded_error",
      inputTokens: 0,
      outputTokens: 0,
      latencyMs: 30_000,
    }),
  );
  await trackAPIUsage(
    callParams(NEW_YORK, {
      timestamp: new Date("2026-11-02T15:00:00Z"),
      cacheReadInputTokens: 100_000,
      userId: "77",
      resourceType: null,
    }),
  );
  await trackAPIUsage(
    callParams(NEW_YORK, { timestamp: new Date("2026-10-15T15:00:00Z"), model: "claude-opus-4-1-20250805" }),
  );

  // Another shop's calls, on the same days, that no query for the two shops above may include.
  for (let i = 0; i < 5; i++) {
    await trackAPIUsage(
      callParams(OTHER, { timestamp: new Date(`2026-11-0${i + 1}T12:00:00Z`), outputTokens: 1_000_000 }),
    );
  }
  await getUsageRecorder().drain();
});

const NOVEMBER = { from: "2026-11-01", to: "2026-11-30" };

describe("days follow the shop's time zone", () => {
  test("India's Nov 1 starts at 18:30 UTC on Oct 31", async () => {
    const trend = await getDailyUsageTrends({ shop: INDIA }, { from: "2026-10-31", to: "2026-11-01" });
    expect(trend.map((point) => [point.day, point.calls])).toEqual([
      ["2026-10-31", 1],
      ["2026-11-01", 2],
    ]);
  });

  test("New York's 25-hour fall-back day holds all three of its calls", async () => {
    const trend = await getDailyUsageTrends({ shop: NEW_YORK }, { from: "2026-11-01", to: "2026-11-03" });
    expect(trend.map((point) => [point.day, point.calls])).toEqual([
      ["2026-11-01", 3],
      ["2026-11-02", 2],
      ["2026-11-03", 0],
    ]);
  });

  test("the current month is the shop's local month", async () => {
    // 20:00 UTC on Nov 30 is already December 1 in India: its month has just begun.
    const india = await getCurrentMonthUsage({ shop: INDIA }, new Date("2026-11-30T20:00:00Z"));
    expect(india.range).toEqual({ from: "2026-12-01", to: "2026-12-01" });
    expect(india.totals.calls).toBe(0);
    const newYork = await getCurrentMonthUsage({ shop: NEW_YORK }, new Date("2026-11-30T20:00:00Z"));
    expect(newYork.range).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(newYork.totals.calls).toBe(5);
  });
});

describe("one shop's figures never include another shop's rows", () => {
  test("totals, breakdowns and trends for a shop only count its own calls", async () => {
    const totals = await getUsageTotals({ shop: NEW_YORK }, NOVEMBER);
    expect(totals.calls).toBe(5);
    const byModel = await getUsageByModel({ shop: NEW_YORK }, NOVEMBER);
    expect(byModel.reduce((sum, row) => sum + row.calls, 0)).toBe(5);
    const trend = await getDailyUsageTrends({ shop: NEW_YORK }, NOVEMBER);
    expect(trend.reduce((sum, point) => sum + point.costPicos, 0n)).toBe(totals.costPicos);
    // The other shop's million-token outputs would dwarf these figures.
    expect(totals.outputTokens).toBe(2_000n);
  });

  test("a shop nobody has recorded for sees nothing", async () => {
    const totals = await getUsageTotals({ shop: "stranger.myshopify.com" }, NOVEMBER);
    expect(totals.calls).toBe(0);
    expect(await getUsageByModel({ shop: "stranger.myshopify.com" }, NOVEMBER)).toEqual([]);
  });

  test("the operator's view by shop adds up to every shop's own totals", async () => {
    const byShop = await getUsageByShop(NOVEMBER);
    for (const shop of [INDIA, NEW_YORK, OTHER]) {
      const own = await getUsageTotals({ shop }, NOVEMBER);
      expect(byShop.find((row) => row.key === shop)).toMatchObject({ calls: own.calls, costPicos: own.costPicos });
    }
  });
});

describe("breakdowns and health", () => {
  test("by model, endpoint, resource type and staff member, most expensive first", async () => {
    const scope = { shop: NEW_YORK };
    const byModel = await getUsageByModel(scope, NOVEMBER);
    expect(byModel.map((row) => [row.key, row.calls])).toEqual([
      ["claude-sonnet-4-5-20250929", 2],
      ["claude-haiku-4-5-20251001", 3],
    ]);
    const byEndpoint = await getUsageByEndpoint(scope, NOVEMBER);
    expect(byEndpoint.find((row) => row.key === "fix_meta")).toMatchObject({ calls: 2, errorCalls: 1 });
    const byResource = await getUsageByResourceType(scope, NOVEMBER);
    expect(byResource.map((row) => row.key).sort()).toEqual(["", "image", "product"]);
    const byUser = await getUsageByUser(scope, NOVEMBER);
    expect(byUser.map((row) => row.key).sort()).toEqual(["42", "77"]);
    const india = await getUsageByUser({ shop: INDIA }, NOVEMBER);
    expect(india.map((row) => row.key).sort()).toEqual(["42", "automation"]);
  });

  test("latency percentiles and error rate by endpoint", async () => {
    const health = await getLatencyAndErrorsByEndpoint({ shop: NEW_YORK }, NOVEMBER);
    const fixMeta = health.find((row) => row.endpoint === "fix_meta")!;
    expect(fixMeta.errorRate).toBe(0.5);
    expect(fixMeta.p95LatencyMs).toBeGreaterThanOrEqual(30_000);
    expect(fixMeta.p95LatencyMs).toBeLessThanOrEqual(31_500);
    const altText = health.find((row) => row.endpoint === "alt_text")!;
    expect(altText.errorRate).toBe(0);
    expect(altText.p50LatencyMs).toBeGreaterThanOrEqual(1_200);
    expect(altText.p50LatencyMs).toBeLessThanOrEqual(1_260);
  });

  test("cache-read share and the dollars prompt caching saved", async () => {
    const cache = await getCacheEfficiency({ shop: NEW_YORK }, NOVEMBER);
    expect(cache.cacheReadTokens).toBe(100_000n);
    // 100,000 Sonnet 4.5 reads at $0.30/M instead of $3/M: $0.27 saved.
    expect(cache.savingsPicos).toBe(270_000_000_000n);
    expect(cache.cacheReadShare).toBeCloseTo(100_000 / 104_000, 5);
  });

  test("this month against last month", async () => {
    const comparison = await comparePeriods({ shop: NEW_YORK }, NOVEMBER, { from: "2026-10-01", to: "2026-10-31" });
    expect(comparison.current.calls).toBe(5);
    expect(comparison.previous.calls).toBe(1);
  });

  test("the month-end projection includes what was spent", async () => {
    const forecast = await predictNextMonthUsage({ shop: NEW_YORK }, new Date("2026-11-10T12:00:00Z"));
    const spent = await getUsageTotals({ shop: NEW_YORK }, { from: "2026-11-01", to: "2026-11-10" });
    expect(forecast.monthToDatePicos).toBe(spent.costPicos);
    expect(forecast.projectedMonthEndPicos).toBeGreaterThanOrEqual(spent.costPicos);
  });

  test("every figure read from rollups equals the same figure summed from the raw calls", async () => {
    for (const shop of [INDIA, NEW_YORK, OTHER]) {
      const totals = await getUsageTotals({ shop }, { from: "2026-10-01", to: "2026-11-30" });
      const raw = await prisma.aPIUsageLog.aggregate({
        where: { shop, localDay: { gte: "2026-10-01", lte: "2026-11-30" } },
        _count: true,
        _sum: { totalCostPicos: true, totalTokens: true, inputTokens: true, outputTokens: true },
      });
      expect(totals.calls).toBe(raw._count);
      expect(totals.costPicos).toBe(raw._sum.totalCostPicos ?? 0n);
      expect(totals.totalTokens).toBe(BigInt(raw._sum.totalTokens ?? 0));
    }
  });
});

describe("bad ranges get a clear message", () => {
  test.each([
    [{ from: "2026-11-30", to: "2026-11-01" }, /after the end/],
    [{ from: "2025-01-01", to: "2026-11-01" }, /at most 366 days/],
    [{ from: "2026-02-30", to: "2026-03-01" }, /real days/],
  ])("%o", async (range, message) => {
    await expect(getUsageTotals({ shop: NEW_YORK }, range)).rejects.toThrow(InvalidRangeError);
    await expect(getUsageTotals({ shop: NEW_YORK }, range)).rejects.toThrow(message);
  });
});

describe("sums are exact at any size", () => {
  const BIG_SHOP = "big-spender.myshopify.com";
  const BIG_SHOP_TWO = "big-spender-two.myshopify.com";
  // 2^62 + 7 pico-dollars (about $4.6 million): exact only as a bigint; two of them pass 2^63.
  const HUGE = 2n ** 62n + 7n;

  async function rollupRow(shop: string, day: string, model: string, status: string) {
    await prisma.usageRollupDaily.create({
      data: {
        shop,
        day,
        model,
        endpoint: "fix_meta",
        resourceType: "product",
        userId: "automation",
        status,
        calls: 3,
        cachedCalls: 0,
        batchCalls: 0,
        unpricedCalls: 0,
        inputTokens: 2n ** 53n + 1n,
        outputTokens: 1n,
        cacheWriteTokens: 0n,
        cacheReadTokens: 0n,
        totalTokens: 2n ** 53n + 2n,
        webSearchRequests: 0,
        costPicos: HUGE,
        cacheSavingsPicos: 0n,
        latencyMsSum: 10n,
      },
    });
  }

  beforeAll(async () => {
    await createShop(BIG_SHOP, "UTC");
    await createShop(BIG_SHOP_TWO, "UTC");
    await rollupRow(BIG_SHOP, "2026-03-01", "claude-opus-4-1-20250805", "error");
    await rollupRow(BIG_SHOP_TWO, "2026-03-01", "claude-opus-4-1-20250805", "success");
    await rollupRow(BIG_SHOP_TWO, "2026-03-02", "claude-haiku-4-5-20251001", "success");
  });

  test("a shop's totals beyond 2^53 keep every digit, and errors are counted by status", async () => {
    const totals = await getUsageTotals({ shop: BIG_SHOP }, { from: "2026-03-01", to: "2026-03-31" });
    expect(totals).toMatchObject({
      calls: 3,
      errorCalls: 3,
      costPicos: HUGE,
      inputTokens: 2n ** 53n + 1n,
      totalTokens: 2n ** 53n + 2n,
    });
  });

  test("a sum past 2^63 is exact on PostgreSQL and refused with a clear error on SQLite, never wrong", async () => {
    const range = { from: "2026-03-01", to: "2026-03-31" };
    const reading = getUsageTotals({ shop: BIG_SHOP_TWO }, range);
    if (process.env.TEST_DATABASE === "postgresql") {
      expect((await reading).costPicos).toBe(2n * HUGE);
    } else {
      await expect(reading).rejects.toThrow(AmountOutOfRangeError);
    }
    // Across shops each shop is summed on its own and added exactly, on both databases.
    const byShop = await getUsageByShop({ from: "2026-03-01", to: "2026-03-01" });
    expect(byShop.filter((row) => row.key.startsWith("big-spender")).map((row) => [row.key, row.costPicos])).toEqual(
      expect.arrayContaining([
        [BIG_SHOP, HUGE],
        [BIG_SHOP_TWO, HUGE],
      ]),
    );
  });
});
