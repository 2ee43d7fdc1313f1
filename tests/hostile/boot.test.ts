import { describe, expect, test } from "vitest";
import prisma, { POSTGRESQL_LOCK_TIMEOUT_MS, SQLITE_BUSY_TIMEOUT_MS } from "~/db.server";
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

  test.skipIf(!onPostgresql)(
    "PostgreSQL: a write waits a while for a row lock, then fails instead of hanging",
    async () => {
      const [row] = await prisma.$queryRawUnsafe<Array<{ lock_timeout: string }>>("SHOW lock_timeout");
      expect(row!.lock_timeout).toBe(`${POSTGRESQL_LOCK_TIMEOUT_MS / 1000}s`);
    },
  );
});
