import { Prisma } from "@prisma/client";
import prisma from "~/db.server";

/**
 * Staff members' names, where Shopify has told the app: an online session (Shopify's session storage) carries the
 * staff member's first and last name. Calls are recorded under the session token's `sub`, the same user id. Staff the
 * app has no name for are left out, and pages say "Staff member <id>" for them (`staffName` in the format module).
 */
const MAX_STAFF_LOOKUP = 500;

/** At most this many sessions a page takes names from: Shopify keeps one online session per staff member. */
const MAX_STAFF_SESSIONS = 500;

export interface StaffSessionRow {
  userId: string | null;
  firstName: string | null;
  lastName: string | null;
}

/** Names by staff id, from sessions newest first: the newest session with a name gives it. */
export function staffNamesFrom(sessions: readonly StaffSessionRow[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const session of sessions) {
    const id = session.userId;
    const name = [session.firstName, session.lastName].filter(Boolean).join(" ").trim();
    if (id && name && !(id in names)) names[id] = name;
  }
  return names;
}

/**
 * A shop's newest online sessions with their staff member's id and name (columns `userId`, `firstName`, `lastName`,
 * and `newest`, "1" for the newest): for a page that reads them in the same statement as its figures, before it knows
 * whose names it shows. A statement that puts this in a UNION keeps no order, hence `newest`.
 */
export function staffSessionsSql(shop: string): Prisma.Sql {
  return Prisma.sql`SELECT CAST("userId" AS TEXT) AS "userId", "firstName", "lastName",
      CAST(ROW_NUMBER() OVER (ORDER BY "expires" DESC) AS TEXT) AS "newest"
    FROM "Session" WHERE "shop" = ${shop} AND "isOnline" = ${true} AND "userId" IS NOT NULL
    ORDER BY "expires" DESC LIMIT ${MAX_STAFF_SESSIONS}`;
}

export async function staffNamesOf(shop: string, userIds: readonly string[]): Promise<Record<string, string>> {
  const ids = [...new Set(userIds)].filter((id) => /^\d{1,19}$/.test(id)).slice(0, MAX_STAFF_LOOKUP);
  if (ids.length === 0) return {};
  // Plain SQL: this runs on every page load, and Prisma's query compiler costs more than the read.
  const sessions = await prisma.$queryRaw<StaffSessionRow[]>(
    Prisma.sql`SELECT CAST("userId" AS TEXT) AS "userId", "firstName", "lastName" FROM "Session"
      WHERE "shop" = ${shop} AND "isOnline" = ${true} AND "userId" IN (${Prisma.join(ids.map((id) => BigInt(id)))})
      ORDER BY "expires" DESC`,
  );
  return staffNamesFrom(sessions);
}
