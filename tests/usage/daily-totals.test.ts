import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { getUsageRecorder, repriceUnpricedCalls, trackAPIUsage } from "~/lib/usage/index.server";
import { deleteShopData } from "~/lib/shop/index.server";
import { UNLISTED_MODEL, callParams, createShop, priceUnlistedModel } from "../support/usage-fixtures";
import { onPostgresql } from "../support/test-database";

const TOKYO = "daily-totals-tokyo.myshopify.com";
const DENVER = "daily-totals-denver.myshopify.com";

/** UsageDailyTotal as stored, and as it should be: the sums of each (shop, day)'s rows of the daily rollup. */
async function totalsAndRollupSums() {
  const stored = await prisma.usageDailyTotal.findMany({ orderBy: [{ shop: "asc" }, { day: "asc" }] });
  const rows = await prisma.usageRollupDaily.findMany();
  const expected = new Map<string, { calls: number; unpricedCalls: number; totalTokens: bigint; costPicos: bigint }>();
  for (const row of rows) {
    const key = `${row.shop} ${row.day}`;
    const sums = expected.get(key) ?? { calls: 0, unpricedCalls: 0, totalTokens: 0n, costPicos: 0n };
    sums.calls += row.calls;
    sums.unpricedCalls += row.unpricedCalls;
    sums.totalTokens += row.totalTokens;
    sums.costPicos += row.costPicos;
    expected.set(key, sums);
  }
  return {
    stored: stored.map(({ shop, day, ...sums }) => [`${shop} ${day}`, sums]),
    expected: [...expected.entries()].sort(([a], [b]) => a.localeCompare(b)),
  };
}

beforeEach(async () => {
  await prisma.aPIUsageLog.deleteMany();
  await prisma.usageRollupDaily.deleteMany();
  await prisma.usageRollupHourly.deleteMany();
  await prisma.usageProfileDaily.deleteMany();
  await prisma.usageDailyTotal.deleteMany();
  await prisma.priceOverride.deleteMany();
  await prisma.redactedShop.deleteMany({ where: { shop: { in: [TOKYO, DENVER] } } });
  await createShop(TOKYO, "Asia/Tokyo");
  await createShop(DENVER, "America/Denver");
});

describe("each local day's totals", () => {
  test("add up the day's rollup rows of every key: across models, features, staff, errors, shops and time zones", async () => {
    // 23:30 UTC is the next day in Tokyo and the same day in Denver.
    const late = new Date("2026-11-27T23:30:00Z");
    const early = new Date("2026-11-28T01:00:00Z");
    for (const [shop, timestamp] of [
      [TOKYO, late],
      [TOKYO, early],
      [DENVER, late],
      [DENVER, early],
    ] as const) {
      await trackAPIUsage(callParams(shop, { timestamp }));
      await trackAPIUsage(callParams(shop, { timestamp, model: "claude-haiku-4-5-20251001", userId: "7" }));
      await trackAPIUsage(callParams(shop, { timestamp, endpoint: "alt_text", status: "error", outputTokens: 0 }));
    }
    await getUsageRecorder().drain();

    const { stored, expected } = await totalsAndRollupSums();
    expect(stored).toEqual(expected);
    expect(stored.map(([key]) => key)).toEqual([`${DENVER} 2026-11-27`, `${TOKYO} 2026-11-28`]);
    expect(stored[0]![1]).toMatchObject({ calls: 6, unpricedCalls: 0 });
  });

  test("a retried record is counted once, and a call priced later moves its cost into its day's total", async () => {
    const timestamp = new Date("2026-11-27T12:00:00Z");
    const unknown = callParams(DENVER, { id: "later-priced", model: UNLISTED_MODEL, timestamp });
    await trackAPIUsage(unknown);
    await trackAPIUsage(unknown);
    await trackAPIUsage(callParams(DENVER, { timestamp }));
    await getUsageRecorder().drain();
    let day = await prisma.usageDailyTotal.findUniqueOrThrow({
      where: { shop_day: { shop: DENVER, day: "2026-11-27" } },
    });
    expect(day).toMatchObject({ calls: 2, unpricedCalls: 1, costPicos: 10_500_000_000n });

    await priceUnlistedModel();
    expect(await repriceUnpricedCalls(prisma)).toEqual({ priced: 1, stillUnknown: 0 });
    day = await prisma.usageDailyTotal.findUniqueOrThrow({ where: { shop_day: { shop: DENVER, day: "2026-11-27" } } });
    expect(day).toMatchObject({ calls: 2, unpricedCalls: 0, costPicos: 21_000_000_000n });
    const { stored, expected } = await totalsAndRollupSums();
    expect(stored).toEqual(expected);
  });

  test("go with the rest of a shop's data when it is redacted; another shop's stay", async () => {
    const timestamp = new Date("2026-11-27T12:00:00Z");
    await trackAPIUsage(callParams(TOKYO, { timestamp }));
    await trackAPIUsage(callParams(DENVER, { timestamp }));
    await getUsageRecorder().drain();
    await deleteShopData(TOKYO);
    expect(await prisma.usageDailyTotal.findMany({ select: { shop: true } })).toEqual([{ shop: DENVER }]);
  });

  test("the migration that added them gives the days already written the totals the writer keeps", async () => {
    for (const timestamp of [new Date("2026-11-26T12:00:00Z"), new Date("2026-11-27T23:30:00Z")]) {
      await trackAPIUsage(callParams(TOKYO, { timestamp }));
      await trackAPIUsage(callParams(DENVER, { timestamp, status: "error" }));
    }
    await getUsageRecorder().drain();
    const kept = await prisma.usageDailyTotal.findMany({ orderBy: [{ shop: "asc" }, { day: "asc" }] });
    expect(kept).toHaveLength(4);

    const migration = readFileSync(
      path.join(
        import.meta.dirname,
        "../..",
        onPostgresql ? "prisma/postgresql/migrations" : "prisma/migrations",
        "20261205100000_usage_daily_total/migration.sql",
      ),
      "utf8",
    );
    const backfill = migration.slice(migration.indexOf('INSERT INTO "UsageDailyTotal"')).split(";")[0]!;
    await prisma.usageDailyTotal.deleteMany();
    await prisma.$executeRawUnsafe(backfill);
    expect(await prisma.usageDailyTotal.findMany({ orderBy: [{ shop: "asc" }, { day: "asc" }] })).toEqual(kept);
  });
});
