import { expect, test } from "vitest";
import prisma from "~/db.server";
import { getDailyUsageTrends, getUsageRecorder, getUsageTotals, trackAPIUsage } from "~/lib/usage-tracker.server";
import { pruneRawCalls } from "~/lib/usage/retention.server";
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
