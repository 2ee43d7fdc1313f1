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

const DAY_MS = 86_400_000;

/** Prisma as the schedule sees it, counting its reads of the call table (a prune starts with one, synchronously). */
function watchedDatabase(): { db: typeof prisma; callTableReads: () => number } {
  let reads = 0;
  const db = new Proxy(prisma, {
    get(target, key) {
      if (key === "aPIUsageLog") reads += 1;
      return Reflect.get(target, key);
    },
  });
  return { db, callTableReads: () => reads };
}

test("the server prunes on its own a minute after it starts, then daily", async () => {
  const shop = "scheduled-prune.myshopify.com";
  await createShop(shop, "UTC");
  const start = new Date("2026-11-27T12:00:00Z");
  const daysBefore = (days: number) => new Date(start.getTime() - days * DAY_MS);
  await trackAPIUsage(callParams(shop, { id: "old-call", timestamp: daysBefore(120) }));
  // 89.5 days old when the schedule starts, 90.5 a day later: kept by the first prune, deleted by the next one.
  await trackAPIUsage(callParams(shop, { id: "ages-out", timestamp: daysBefore(89.5) }));
  await trackAPIUsage(callParams(shop, { id: "new-call", timestamp: daysBefore(1) }));
  await getUsageRecorder().drain();

  const { db, callTableReads } = watchedDatabase();
  // Each prune that deletes something says so: the test waits for that line, not for time to pass.
  const pruned: string[] = [];
  let onPruned = () => {};
  vi.spyOn(console, "info").mockImplementation((line: string) => {
    pruned.push(line);
    onPruned();
  });
  const nextPrune = () => new Promise<void>((resolve) => (onPruned = resolve));
  const idsLeft = async () =>
    (await prisma.aPIUsageLog.findMany({ where: { shop }, select: { id: true }, orderBy: { id: "asc" } })).map(
      (row) => row.id,
    );

  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now: start });
  try {
    startRetentionSchedule(db, 90);
    vi.advanceTimersByTime(60_000 - 1);
    expect(callTableReads()).toBe(0);
    const first = nextPrune();
    vi.advanceTimersByTime(1);
    expect(callTableReads()).toBe(1);
    await first;
    expect(await idsLeft()).toEqual(["ages-out", "new-call"]);

    const readsAfterFirst = callTableReads();
    vi.advanceTimersByTime(DAY_MS - 1);
    expect(callTableReads()).toBe(readsAfterFirst);
    const second = nextPrune();
    vi.advanceTimersByTime(1);
    expect(callTableReads()).toBe(readsAfterFirst + 1);
    await second;
    expect(await idsLeft()).toEqual(["new-call"]);
  } finally {
    vi.useRealTimers();
    vi.restoreAllMocks();
  }
  // Two prunes, each found something to delete (other tests' calls may be among them: the prune is for every shop).
  expect(pruned).toHaveLength(2);
});
