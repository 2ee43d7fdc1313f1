import { beforeAll, describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { env } from "~/env.server";
import { writeUsageBatch } from "~/lib/usage/index.server";
import { getUsageTotals } from "~/lib/analytics/index.server";
import type { CallFilters, CallRow } from "~/lib/calls";
import { eachCallPage, readWindowPageWithPrisma, type WindowPageReader } from "~/lib/calls/index.server";
import { callRowOf, openBulkCallReader } from "~/lib/export/index.server";
import { generateSyntheticUsage } from "../../demo/usage";

const SHOP = "reader-shop.myshopify.com";
const OTHER = "reader-other.myshopify.com";
const SAME_INSTANT = new Date("2026-11-10T12:00:00.000Z");

beforeAll(async () => {
  await prisma.shop.createMany({
    data: [
      { shop: SHOP, name: "Reader", ianaTimezone: "America/New_York" },
      { shop: OTHER, name: "Other", ianaTimezone: "UTC" },
    ],
  });
  for (const [shop, seed] of [
    [SHOP, 3],
    [OTHER, 4],
  ] as const) {
    const calls = [
      ...generateSyntheticUsage({
        shop,
        from: new Date("2026-11-01T00:00:00Z"),
        to: new Date("2026-11-20T00:00:00Z"),
        calls: 700,
        seed,
        idPrefix: `r${seed}`,
      }),
    ];
    await writeUsageBatch(prisma, calls);
  }
  // Thirty calls at one instant: keyset pages must split them by id without losing or repeating any.
  const template = [
    ...generateSyntheticUsage({
      shop: SHOP,
      from: SAME_INSTANT,
      to: SAME_INSTANT,
      calls: 30,
      seed: 9,
      idPrefix: "same",
    }),
  ];
  await writeUsageBatch(
    prisma,
    template.map((call) => ({ ...call, timestamp: SAME_INSTANT.toISOString() })),
  );
});

async function readAll(
  filters: CallFilters,
  reader: WindowPageReader,
  pageSize: number,
  shop = SHOP,
): Promise<CallRow[]> {
  const rows: CallRow[] = [];
  for await (const page of eachCallPage(shop, filters, { pageSize, reader })) rows.push(...page);
  return rows;
}

const NOVEMBER: CallFilters = { range: { from: "2026-11-01", to: "2026-11-30" } };

describe("reading a shop's calls page by page", () => {
  test("every call of the range comes exactly once, oldest first, whatever the page size", async () => {
    const expected = await prisma.aPIUsageLog.findMany({
      where: { shop: SHOP, localDay: { gte: "2026-11-01", lte: "2026-11-30" } },
      orderBy: [{ timestamp: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    expect(expected.length).toBeGreaterThan(700);
    for (const pageSize of [1, 7, 250, 5_000]) {
      const ids = (await readAll(NOVEMBER, readWindowPageWithPrisma, pageSize)).map((row) => row.id);
      expect(ids).toEqual(expected.map((row) => row.id));
    }
  });

  test("calls that share one timestamp are split across pages by id, none lost or repeated", async () => {
    const filters: CallFilters = { range: { from: "2026-11-10", to: "2026-11-10" } };
    const rows = await readAll(filters, readWindowPageWithPrisma, 7);
    const atInstant = rows.filter((row) => row.timestamp.getTime() === SAME_INSTANT.getTime()).map((row) => row.id);
    expect(atInstant).toHaveLength(30);
    expect(new Set(atInstant).size).toBe(30);
    expect(atInstant).toEqual([...atInstant].sort());
  });

  test("the export's bulk reader (SQLite's or PostgreSQL's) returns exactly the rows the Prisma reader returns, for every filter", async () => {
    // Thirteen rows at a time: many page (or fetch) boundaries, one of them inside the thirty calls of one instant.
    const bulk = await openBulkCallReader(env.databaseUrl, { batchRows: 13 });
    expect(bulk).not.toBeNull();
    const filterSets: CallFilters[] = [
      NOVEMBER,
      { range: { from: "2026-11-05", to: "2026-11-12" }, status: "error" },
      { range: NOVEMBER.range, model: "claude-haiku-4-5-20251001", endpoint: "alt_text" },
      { range: NOVEMBER.range, resourceType: "none" },
      { range: NOVEMBER.range, resourceType: "image", status: "success" },
      { range: NOVEMBER.range, userId: "automation" },
      { range: { from: "2026-11-10", to: "2026-11-10" } },
    ];
    for (const filters of filterSets) {
      const viaPrisma = await readAll(filters, readWindowPageWithPrisma, 13);
      const viaBulk: CallRow[] = [];
      for await (const batch of bulk!(SHOP, filters)) viaBulk.push(...batch.map(callRowOf));
      expect(viaBulk).toEqual(viaPrisma);
      expect(viaPrisma.length).toBeGreaterThan(0);
    }
  });

  test("the bulk reader returns text exactly as stored: tabs, line breaks, backslashes, quotes and emoji, and a filter value with a quote", async () => {
    const shop = "escapes-shop.myshopify.com";
    await prisma.shop.create({ data: { shop, name: "Escapes", ianaTimezone: "UTC" } });
    const awkward = `tab\there\nline\r\nback\\slash \\N "quoted" 'single' \u{1F600} é`;
    const userId = `o'brien\\${awkward.length}`;
    const calls = [
      ...generateSyntheticUsage({ shop, from: SAME_INSTANT, to: SAME_INSTANT, calls: 3, seed: 11, idPrefix: "esc" }),
    ].map((call, index) => ({
      ...call,
      userId,
      status: "error" as const,
      errorType: "api_error",
      errorMessage: `${awkward} #${index}`,
      timestamp: SAME_INSTANT.toISOString(),
    }));
    await writeUsageBatch(prisma, calls);
    const bulk = (await openBulkCallReader(env.databaseUrl, { batchRows: 2 }))!;
    const filters: CallFilters = { range: { from: "2026-11-10", to: "2026-11-10" }, userId };
    const viaBulk: CallRow[] = [];
    for await (const batch of bulk(shop, filters)) viaBulk.push(...batch.map(callRowOf));
    expect(viaBulk.map((row) => row.errorMessage).sort()).toEqual([0, 1, 2].map((index) => `${awkward} #${index}`));
    expect(viaBulk).toEqual(await readAll(filters, readWindowPageWithPrisma, 100, shop));
  });

  test("a bulk read stopped part-way (a cancelled download) gives its connection back", async () => {
    const bulk = (await openBulkCallReader(env.databaseUrl, { batchRows: 13 }))!;
    // More stopped reads than PostgreSQL's reader has connections: each must end its transaction and release.
    for (let stopped = 0; stopped < 3; stopped++) {
      const reading = bulk(SHOP, NOVEMBER);
      expect((await reading.next()).done).toBe(false);
      await reading.return(undefined);
    }
    let rows = 0;
    for await (const batch of bulk(SHOP, NOVEMBER)) rows += batch.length;
    expect(rows).toBe((await readAll(NOVEMBER, readWindowPageWithPrisma, 100)).length);
  });

  test("another shop's calls are never read, even on the same days", async () => {
    const rows = await readAll(NOVEMBER, readWindowPageWithPrisma, 100);
    expect(rows.every((row) => row.id.startsWith("r3-") || row.id.startsWith("same-"))).toBe(true);
    const others = await readAll(NOVEMBER, readWindowPageWithPrisma, 100, OTHER);
    expect(others.every((row) => row.id.startsWith("r4-"))).toBe(true);
  });

  test("a range of days means the calls recorded on those days, also after the shop changed its time zone", async () => {
    const shop = "moved-shop.myshopify.com";
    await prisma.shop.create({ data: { shop, name: "Moved", ianaTimezone: "Asia/Kolkata" } });
    const [call] = [
      ...generateSyntheticUsage({ shop, from: SAME_INSTANT, to: SAME_INSTANT, calls: 1, seed: 5, idPrefix: "moved-a" }),
    ];
    // 20:00 UTC on Oct 31 is already Nov 1 in India (+05:30).
    await writeUsageBatch(prisma, [{ ...call!, timestamp: "2026-10-31T20:00:00.000Z" }]);
    await prisma.shop.update({ where: { shop }, data: { ianaTimezone: "America/Los_Angeles" } });
    // 05:00 UTC on Nov 1 is still Oct 31 in Los Angeles.
    await writeUsageBatch(prisma, [
      { ...call!, id: "moved-b-0", requestId: null, timestamp: "2026-11-01T05:00:00.000Z" },
    ]);

    const november1: CallFilters = { range: { from: "2026-11-01", to: "2026-11-01" } };
    const rows = await readAll(november1, readWindowPageWithPrisma, 10, shop);
    expect(rows.map((row) => row.id)).toEqual([call!.id]);
    expect((await getUsageTotals({ shop }, november1.range)).calls).toBe(1);
  });
});
