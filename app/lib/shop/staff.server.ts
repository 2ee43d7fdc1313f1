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
  const sessions = await prisma.session.findMany({
    where: { shop, isOnline: true, userId: { in: ids.map((id) => BigInt(id)) } },
    select: { userId: true, firstName: true, lastName: true, expires: true },
    orderBy: { expires: "desc" },
  });
  const names: Record<string, string> = {};
  for (const session of sessions) {
    const id = session.userId?.toString();
    const name = [session.firstName, session.lastName].filter(Boolean).join(" ").trim();
    if (id && name && !(id in names)) names[id] = name;
  }
  return names;
}
