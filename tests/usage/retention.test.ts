import { expect, test, vi } from "vitest";
import prisma from "~/db.server";
import { getDailyUsageTrends, getUsageTotals } from "~/lib/analytics/index.server";
import { getUsageRecorder, trackAPIUsage, pruneRawCalls, startRetentionSchedule } from "~/lib/usage/index.server";
import { callParams, createShop } from "../support/usage-fixtures";

const SHOP = "retention-shop.myshopify.com";

test("pruning deletes raw calls older than the retention period and keeps every rollup figure", async () => {
  await createShop(SHOP, "UTC");
  const now = new Date("2026-11-27T12:00:00Z");
  for (const daysAgo of [200, 120, 91, 89, 10, 0]) {
    await trackAPIUsage(callParams(SHOP, { timestamp: new Date(now.getTime() - daysAgo * 86_400_000) }));
  }
  await getUsageRecorder().drain();
  const range = { from: "2026-05-01", to: "2026-11-27" };
  const totalsBefore = await getUsageTotals({ shop: SHOP }, range);
  const trendBefore = await getDailyUsageTrends({ shop: SHOP }, range);

  const result = await pruneRawCalls(prisma, { retentionDays: 90, now, sliceSize: 2 });

  expect(result.deleted).toBe(3);
  expect(await prisma.aPIUsageLog.count({ where: { shop: SHOP } })).toBe(3);
  expect(await getUsageTotals({ shop: SHOP }, range)).toEqual(totalsBefore);
  expect(await getDailyUsageTrends({ shop: SHOP }, range)).toEqual(trendBefore);
  expect(totalsBefore.calls).toBe(6);
});

test("a retention period under one day is refused", async () => {
  await expect(pruneRawCalls(prisma, { retentionDays: 0 })).rejects.toThrow(/at least 1/);
});

test("the server prunes on its own a minute after it starts, then daily", async () => {
  const shop = "scheduled-prune.myshopify.com";
  await createShop(shop, "UTC");
  const now = Date.now();
  await trackAPIUsage(callParams(shop, { id: "old-call", timestamp: new Date(now - 120 * 86_400_000) }));
  await trackAPIUsage(callParams(shop, { id: "new-call", timestamp: new Date(now - 86_400_000) }));
  await getUsageRecorder().drain();

  vi.useFakeTimers({ toFake: ["setTimeout"] });
  try {
    startRetentionSchedule(prisma, 90);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(await prisma.aPIUsageLog.count({ where: { shop } })).toBe(2);
    await vi.advanceTimersByTimeAsync(1_000);
  } finally {
    vi.useRealTimers();
  }
  await expect.poll(() => prisma.aPIUsageLog.count({ where: { shop } })).toBe(1);
  expect(await prisma.aPIUsageLog.findFirst({ where: { shop } })).toMatchObject({ id: "new-call" });
});
