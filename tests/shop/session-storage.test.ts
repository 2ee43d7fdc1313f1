import { describe, expect, test } from "vitest";
import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import prisma from "~/db.server";
import { SessionStorageReadingPlainSql } from "~/lib/shop/index.server";

/**
 * The app's session storage reads sessions in plain SQL: every session must load exactly as Shopify's Prisma
 * storage loads it (the same fields, the same types), on whichever database the tests run.
 */
const SHOP = "session-storage.myshopify.com";
const ours = new SessionStorageReadingPlainSql(prisma);
const packages = new PrismaSessionStorage(prisma);

const sessions = [
  new Session({ id: `offline_${SHOP}`, shop: SHOP, state: "offline-state", isOnline: false, accessToken: "shpat_1" }),
  new Session({
    id: `offline_expiring_${SHOP}`,
    shop: SHOP,
    state: "s",
    isOnline: false,
    scope: "read_products,write_products",
    accessToken: "shpat_2",
    expires: new Date("2027-01-01T10:20:30.456Z"),
    refreshToken: "shprt_1",
    refreshTokenExpires: new Date("2027-03-01T00:00:00.000Z"),
  }),
  new Session({
    id: `${SHOP}_9007199254740991`,
    shop: SHOP,
    state: "online-state",
    isOnline: true,
    scope: "read_products",
    accessToken: "shpua_1",
    expires: new Date("2026-12-02T09:00:00.000Z"),
    onlineAccessInfo: {
      expires_in: 86_400,
      associated_user_scope: "read_products",
      associated_user: {
        id: Number.MAX_SAFE_INTEGER,
        first_name: "Zoë",
        last_name: 'O\'Brien, "Jr"',
        email: "zoe@example.com",
        email_verified: true,
        account_owner: false,
        locale: "fr-CA",
        collaborator: true,
      },
    },
  }),
  new Session({
    id: `${SHOP}_42`,
    shop: SHOP,
    state: "s",
    isOnline: true,
    accessToken: "shpua_2",
    onlineAccessInfo: {
      expires_in: 1,
      associated_user_scope: "",
      associated_user: {
        id: 42,
        first_name: "",
        last_name: "",
        email: "",
        email_verified: false,
        account_owner: true,
        locale: "",
        collaborator: false,
      },
    },
  }),
];

describe("SessionStorageReadingPlainSql", () => {
  test("loads every kind of session exactly as Shopify's Prisma storage does", async () => {
    for (const session of sessions) expect(await packages.storeSession(session)).toBe(true);
    for (const session of sessions) {
      const expected = await packages.loadSession(session.id);
      const loaded = await ours.loadSession(session.id);
      expect(loaded).toBeInstanceOf(Session);
      expect(loaded!.toObject()).toEqual(expected!.toObject());
      expect(loaded!.toPropertyArray(true)).toEqual(expected!.toPropertyArray(true));
      expect(loaded!.isActive("read_products")).toBe(expected!.isActive("read_products"));
    }
  });

  test("a session that is not stored loads as nothing", async () => {
    expect(await ours.loadSession(`offline_missing-${SHOP}`)).toBeUndefined();
    expect(await ours.loadSession("' OR '1'='1")).toBeUndefined();
  });

  test("writes are the package's: a stored, then deleted session is gone", async () => {
    const session = new Session({ id: `offline_gone_${SHOP}`, shop: SHOP, state: "s", isOnline: false });
    session.accessToken = "shpat_gone";
    expect(await ours.storeSession(session)).toBe(true);
    expect((await ours.loadSession(session.id))?.accessToken).toBe("shpat_gone");
    expect(await ours.deleteSession(session.id)).toBe(true);
    expect(await ours.loadSession(session.id)).toBeUndefined();
  });
});
