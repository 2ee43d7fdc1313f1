import { Prisma } from "@prisma/client";
import prisma from "~/db.server";

/**
 * Staff members' names, where Shopify has told the app: an online session (Shopify's session storage) carries the
 * staff member's first and last name. Calls are recorded under the session token's `sub`, the same user id. Staff the
 * app has no name for are left out, and pages say "Staff member <id>" for them (`staffName` in the format module).
 */
const MAX_STAFF_LOOKUP = 500;

export async function staffNamesOf(shop: string, userIds: readonly string[]): Promise<Record<string, string>> {
  const ids = [...new Set(userIds)].filter((id) => /^\d{1,19}$/.test(id)).slice(0, MAX_STAFF_LOOKUP);
  if (ids.length === 0) return {};
  // Plain SQL: this runs on every page load, and Prisma's query compiler costs more than the read.
  const sessions = await prisma.$queryRaw<
    Array<{ userId: string | null; firstName: string | null; lastName: string | null }>
  >(
    Prisma.sql`SELECT CAST("userId" AS TEXT) AS "userId", "firstName", "lastName" FROM "Session"
      WHERE "shop" = ${shop} AND "isOnline" = ${true} AND "userId" IN (${Prisma.join(ids.map((id) => BigInt(id)))})
      ORDER BY "expires" DESC`,
  );
  const names: Record<string, string> = {};
  for (const session of sessions) {
    const id = session.userId;
    const name = [session.firstName, session.lastName].filter(Boolean).join(" ").trim();
    if (id && name && !(id in names)) names[id] = name;
  }
  return names;
}
