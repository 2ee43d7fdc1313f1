import { describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { env } from "~/env.server";
import type { CallFilters, CallRow } from "~/lib/calls";
import { eachCallPage, readWindowPageWithPrisma } from "~/lib/calls/index.server";
import { callRowOf, openBulkCallReader } from "~/lib/export/index.server";
import { inKeysetOrder, sortsBeforeInSqlite, type RawCall } from "~/lib/export/bulk-call-readers.server";
import { writeUsageBatch } from "~/lib/usage/index.server";
import { generateSyntheticUsage } from "../../demo/usage";
import { onPostgresql } from "../support/test-database";

/** A stored row as the SQLite reader parses it: the id first, the timestamp third (CALL_COLUMNS order). */
const row = (timestamp: unknown, id: unknown) => [id, null, timestamp] as RawCall;
const AT = "2026-11-10T12:00:00.000+00:00";
const LATER = "2026-11-10T12:00:00.001+00:00";

/** Text that JavaScript's `<` and SQLite's byte order sort differently: U+E000 against an emoji (a surrogate pair). */
const PRIVATE_USE = "call-\uE000";
const EMOJI = "call-\u{1F600}";

describe("the SQLite export reader's check of a page's order", () => {
  test("compares text as SQLite's BINARY collation does (UTF-8 bytes), not as JavaScript's `<` does", async () => {
    expect(EMOJI < PRIVATE_USE).toBe(true); // UTF-16: 0xD83D before 0xE000
    expect(sortsBeforeInSqlite(PRIVATE_USE, EMOJI)).toBe(true);
    expect(sortsBeforeInSqlite(EMOJI, PRIVATE_USE)).toBe(false);
    expect(sortsBeforeInSqlite("call-a", "call-ab")).toBe(true);
    expect(sortsBeforeInSqlite("call-ab", "call-ab")).toBe(false);
    expect(sortsBeforeInSqlite("call-B", "call-a")).toBe(true);
    if (onPostgresql) return;
    const texts = ["call-a", EMOJI, "call-ab", PRIVATE_USE, "call-B", "call-é", "call-"];
    const sqlite = await prisma.$queryRawUnsafe<Array<{ t: string }>>(
      `SELECT "t" FROM (${texts.map(() => `SELECT ? AS "t"`).join(" UNION ALL ")}) ORDER BY "t"`,
      ...texts,
    );
    expect([...texts].sort((a, b) => (sortsBeforeInSqlite(a, b) ? -1 : sortsBeforeInSqlite(b, a) ? 1 : 0))).toEqual(
      sqlite.map(({ t }) => t),
    );
  });

  test("a page is in order only when every row's timestamp, then id, comes strictly after the row before", () => {
    const sorted = [row(AT, "a"), row(AT, "b"), row(LATER, "a")];
    expect(inKeysetOrder(sorted, "asc")).toBe(true);
    expect(inKeysetOrder([...sorted].reverse(), "desc")).toBe(true);
    expect(inKeysetOrder([...sorted].reverse(), "asc")).toBe(false);
    expect(inKeysetOrder(sorted, "desc")).toBe(false);
    expect(inKeysetOrder([row(AT, "b"), row(AT, "a")], "asc")).toBe(false);
    expect(inKeysetOrder([row(AT, "a"), row(AT, "a")], "asc")).toBe(false);
    expect(inKeysetOrder([row(AT, PRIVATE_USE), row(AT, EMOJI)], "asc")).toBe(true);
    expect(inKeysetOrder([row(AT, EMOJI), row(AT, PRIVATE_USE)], "asc")).toBe(false);
    expect(inKeysetOrder([row(LATER, "a"), row(AT, "b")], "asc")).toBe(false);
    // A key SQLite stored as anything but text: the page is read again, sorted by SQLite itself.
    expect(inKeysetOrder([row(AT, "a"), row(1_700_000_000_000, "b")], "asc")).toBe(false);
    expect(inKeysetOrder([row(AT, 1), row(AT, 2)], "asc")).toBe(false);
    expect(inKeysetOrder([], "asc")).toBe(true);
    expect(inKeysetOrder([row(AT, "a")], "asc")).toBe(true);
  });

  test("calls at one instant whose ids JavaScript and SQLite sort differently are exported once each, in the database's order", async () => {
    const shop = "page-order-shop.myshopify.com";
    await prisma.shop.create({ data: { shop, name: "Page order", ianaTimezone: "UTC" } });
    const instant = new Date("2026-11-10T12:00:00.000Z");
    const suffixes = [PRIVATE_USE, EMOJI, "call-a", "call-é", "call-B", `${EMOJI}2`, `${PRIVATE_USE}2`];
    const calls = [
      ...generateSyntheticUsage({ shop, from: instant, to: instant, calls: suffixes.length, seed: 21, idPrefix: "o" }),
    ].map((call, index) => ({ ...call, id: suffixes[index]!, timestamp: instant.toISOString() }));
    await writeUsageBatch(prisma, calls);
    const filters: CallFilters = { range: { from: "2026-11-10", to: "2026-11-10" } };
    const viaPrisma: CallRow[] = [];
    for await (const page of eachCallPage(shop, filters, { pageSize: 100, reader: readWindowPageWithPrisma }))
      viaPrisma.push(...page);
    expect(viaPrisma.map((call) => call.id).sort()).toEqual([...suffixes].sort());
    for (const batchRows of [1, 2, 3, 250]) {
      const bulk = (await openBulkCallReader(env.databaseUrl, { batchRows }))!;
      const viaBulk: CallRow[] = [];
      for await (const batch of bulk(shop, filters)) viaBulk.push(...batch.map(callRowOf));
      expect(viaBulk).toEqual(viaPrisma);
    }
  });
});
