import { describe, expect, test } from "vitest";
import prisma, { SQLITE_BUSY_TIMEOUT_MS } from "~/db.server";

describe("the database at boot", () => {
  test("statements wait for another process's write lock instead of failing at once", async () => {
    const [row] = await prisma.$queryRawUnsafe<Array<{ timeout: bigint | number }>>(
      "SELECT timeout FROM pragma_busy_timeout",
    );
    expect(Number(row!.timeout)).toBe(SQLITE_BUSY_TIMEOUT_MS);
  });
});
