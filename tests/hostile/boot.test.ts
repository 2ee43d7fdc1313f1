import { describe, expect, test } from "vitest";
import prisma, { POSTGRESQL_LOCK_TIMEOUT_MS, SQLITE_BUSY_TIMEOUT_MS, SQLITE_CACHE_KIB } from "~/db.server";
import { onPostgresql } from "../support/test-database";

describe("the database at boot", () => {
  test.skipIf(onPostgresql)(
    "SQLite: statements wait for another process's write lock instead of failing at once",
    async () => {
      const [row] = await prisma.$queryRawUnsafe<Array<{ timeout: bigint | number }>>(
        "SELECT timeout FROM pragma_busy_timeout",
      );
      expect(Number(row!.timeout)).toBe(SQLITE_BUSY_TIMEOUT_MS);
    },
  );

  test.skipIf(onPostgresql)(
    "SQLite: every connection has room for a page's rollup reads and waits for locks, also the fresh one after a transaction",
    async () => {
      const settings = async () => {
        const [row] = await prisma.$queryRawUnsafe<Array<{ cache: bigint | number; timeout: bigint | number }>>(
          "SELECT (SELECT cache_size FROM pragma_cache_size) AS cache, (SELECT timeout FROM pragma_busy_timeout) AS timeout",
        );
        return { cacheKib: -Number(row!.cache), timeout: Number(row!.timeout) };
      };
      const expected = { cacheKib: SQLITE_CACHE_KIB, timeout: SQLITE_BUSY_TIMEOUT_MS };
      expect(SQLITE_CACHE_KIB).toBeGreaterThan(2_000); // SQLite's own default is 2,000 KiB
      expect(await settings()).toEqual(expected);
      // The libSQL client gives its connection to a transaction and opens another for what follows.
      await prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`UPDATE "Shop" SET "shop" = "shop" WHERE "shop" = 'no-such-shop'`);
      });
      expect(await settings()).toEqual(expected);
    },
  );

  test.skipIf(!onPostgresql)(
    "PostgreSQL: a write waits a while for a row lock, then fails instead of hanging",
    async () => {
      const [row] = await prisma.$queryRawUnsafe<Array<{ lock_timeout: string }>>("SHOW lock_timeout");
      expect(row!.lock_timeout).toBe(`${POSTGRESQL_LOCK_TIMEOUT_MS / 1000}s`);
    },
  );

  test.skipIf(!onPostgresql)(
    "PostgreSQL: a read never starts parallel workers (their start-up costs more than the app's rollup reads)",
    async () => {
      const [row] = await prisma.$queryRawUnsafe<Array<{ max_parallel_workers_per_gather: string }>>(
        "SHOW max_parallel_workers_per_gather",
      );
      expect(row!.max_parallel_workers_per_gather).toBe("0");
      // A statement the planner would otherwise run in parallel: with workers made free to start, it still has no Gather.
      const plan = await prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL parallel_setup_cost = 0");
        await tx.$executeRawUnsafe("SET LOCAL parallel_tuple_cost = 0");
        await tx.$executeRawUnsafe("SET LOCAL min_parallel_table_scan_size = 0");
        return tx.$queryRawUnsafe<Array<{ "QUERY PLAN": string }>>(
          'EXPLAIN SELECT COUNT(*) FROM "UsageRollupDaily" WHERE "calls" > 0',
        );
      });
      expect(plan.map((line) => line["QUERY PLAN"]).join("\n")).not.toMatch(/Gather/);
    },
  );
});
