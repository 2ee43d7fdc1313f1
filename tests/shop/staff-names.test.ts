import { beforeAll, describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { staffNamesFrom, staffNamesOf, staffSessionsSql, type StaffSessionRow } from "~/lib/shop/index.server";

/** Staff names come from the shop's online sessions (what Shopify told the app at sign-in), newest first. */
const SHOP = "staff-names.myshopify.com";
const OTHER_SHOP = "other-staff.myshopify.com";

function session(id: string, shop: string, fields: Partial<Parameters<typeof prisma.session.create>[0]["data"]>) {
  return prisma.session.create({
    data: { id, shop, state: "state", accessToken: "token", isOnline: true, ...fields },
  });
}

beforeAll(async () => {
  await session("older", SHOP, {
    userId: 101n,
    firstName: "Ada",
    lastName: "Byron",
    expires: new Date("2026-11-01T00:00:00Z"),
  });
  await session("newer", SHOP, {
    userId: 101n,
    firstName: "Ada",
    lastName: "Lovelace",
    expires: new Date("2026-12-01T00:00:00Z"),
  });
  await session("first-name-only", SHOP, {
    userId: 102n,
    firstName: "Grace",
    expires: new Date("2026-12-01T00:00:00Z"),
  });
  await session("offline", SHOP, { isOnline: false, userId: 103n, firstName: "Offline", lastName: "Token" });
  await session("elsewhere", OTHER_SHOP, { userId: 104n, firstName: "Not", lastName: "Ours" });
  // The largest user id Shopify can send (a 64-bit integer) is read back exactly.
  await session("big-id", SHOP, { userId: 9_223_372_036_854_775_807n, firstName: "Big", lastName: "Id" });
});

describe("staffNamesOf", () => {
  test("names each staff member from their newest online session of this shop only", async () => {
    const names = await staffNamesOf(SHOP, ["101", "102", "103", "104", "9223372036854775807", "automation", "105"]);
    expect(names).toEqual({ "101": "Ada Lovelace", "102": "Grace", "9223372036854775807": "Big Id" });
  });

  test("another shop's staff are not named, and no ids need no read", async () => {
    expect(await staffNamesOf(OTHER_SHOP, ["101"])).toEqual({});
    expect(await staffNamesOf(OTHER_SHOP, ["104"])).toEqual({ "104": "Not Ours" });
    expect(await staffNamesOf(SHOP, [])).toEqual({});
    expect(await staffNamesOf(SHOP, ["' OR 1=1 --"])).toEqual({});
  });
});

describe("staffSessionsSql, for a page that reads the names with its figures", () => {
  test("gives this shop's online staff sessions ranked newest first, whatever order the rows come in", async () => {
    const rows = await prisma.$queryRaw<Array<StaffSessionRow & { newest: string }>>(staffSessionsSql(SHOP));
    expect(rows.map((row) => row.userId).sort()).toEqual(["101", "101", "102", "9223372036854775807"]);
    const ranked = [...rows].reverse().sort((a, b) => Number(a.newest) - Number(b.newest));
    expect(staffNamesFrom(ranked)).toEqual({ "101": "Ada Lovelace", "102": "Grace", "9223372036854775807": "Big Id" });
    expect(await staffNamesOf(SHOP, ["101", "102", "9223372036854775807"])).toEqual(staffNamesFrom(ranked));
  });
});
