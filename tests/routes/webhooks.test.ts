import { beforeEach, describe, expect, test } from "vitest";
import type { ActionFunctionArgs } from "@remix-run/node";
import prisma from "~/db.server";
import { KEPT_AFTER_REDACTION, SHOP_SCOPED_MODELS } from "~/lib/shop/index.server";
import { action as uninstalled } from "~/routes/webhooks.app.uninstalled";
import { action as scopesUpdate } from "~/routes/webhooks.app.scopes_update";
import { action as shopUpdate } from "~/routes/webhooks.shop.update";
import { action as shopRedact } from "~/routes/webhooks.shop.redact";
import { action as customersRedact } from "~/routes/webhooks.customers.redact";
import { action as customersDataRequest } from "~/routes/webhooks.customers.data_request";
import { getUsageRecorder, trackAPIUsage } from "~/lib/usage/index.server";
import { installShop, responseOf, webhookRequest } from "../support/shopify-auth";
import { callParams } from "../support/usage-fixtures";

const SHOP_A = "shop-a.myshopify.com";
const SHOP_B = "shop-b.myshopify.com";
type Action = (args: ActionFunctionArgs) => Promise<Response>;
const deliver = (action: Action, request: Request) => responseOf(() => action({ request, params: {}, context: {} }));

async function seedShop(shop: string, name: string) {
  await installShop(shop);
  await prisma.shop.create({ data: { shop, name, ianaTimezone: "Europe/Berlin", currencyCode: "EUR" } });
  await trackAPIUsage(callParams(shop, { timestamp: new Date("2026-11-20T10:00:00Z") }));
  await getUsageRecorder().drain();
  await prisma.priceOverride.create({
    data: {
      shop,
      model: "claude-haiku-4-5",
      effectiveFrom: new Date("2026-01-01"),
      inputPerMTok: "0.9",
      outputPerMTok: "4.5",
      cacheWrite5mPerMTok: "1.1",
      cacheWrite1hPerMTok: "1.8",
      cacheReadPerMTok: "0.09",
    },
  });
}

const shopScopedCounts = async (shop: string) => ({
  sessions: await prisma.session.count({ where: { shop } }),
  shops: await prisma.shop.count({ where: { shop } }),
  calls: await prisma.aPIUsageLog.count({ where: { shop } }),
  rollups: await prisma.usageRollupDaily.count({ where: { shop } }),
  profiles: await prisma.usageProfileDaily.count({ where: { shop } }),
  histograms: await prisma.latencyHistogramDaily.count({ where: { shop } }),
  overrides: await prisma.priceOverride.count({ where: { shop } }),
});

async function snapshot() {
  return {
    sessions: await prisma.session.findMany({ orderBy: { id: "asc" } }),
    shops: await prisma.shop.findMany({ orderBy: { shop: "asc" } }),
  };
}

beforeEach(async () => {
  await prisma.session.deleteMany();
  await prisma.shop.deleteMany();
  await prisma.aPIUsageLog.deleteMany();
  await prisma.usageRollupDaily.deleteMany();
  await prisma.usageDailyTotal.deleteMany();
  await prisma.usageProfileDaily.deleteMany();
  await prisma.latencyHistogramDaily.deleteMany();
  await prisma.priceOverride.deleteMany();
  await prisma.redactedShop.deleteMany();
  await prisma.webhookDelivery.deleteMany();
  await seedShop(SHOP_A, "Shop A");
  await seedShop(SHOP_B, "Shop B");
});

const cases: Array<[string, Action, unknown]> = [
  ["app/uninstalled", uninstalled, { id: 1 }],
  ["app/scopes_update", scopesUpdate, { current: ["read_products"], previous: ["read_products", "write_products"] }],
  ["shop/update", shopUpdate, { name: "Renamed", iana_timezone: "Asia/Kolkata", currency: "INR" }],
  ["shop/redact", shopRedact, { shop_id: 1, shop_domain: SHOP_A }],
  ["customers/redact", customersRedact, { shop_domain: SHOP_A, customer: { id: 7 }, orders_to_redact: [] }],
  ["customers/data_request", customersDataRequest, { shop_domain: SHOP_A, customer: { id: 7 }, orders_requested: [] }],
];

describe("webhooks are verified by HMAC", () => {
  test.each(cases)("a forged %s webhook gets 401 and changes nothing", async (topic, action, payload) => {
    const before = await snapshot();
    const response = await deliver(action, webhookRequest(topic, SHOP_A, payload, { secret: "not-the-app-secret" }));
    expect(response.status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  test.each(cases)("an unsigned %s webhook gets 401 and changes nothing", async (topic, action, payload) => {
    const before = await snapshot();
    const response = await deliver(action, webhookRequest(topic, SHOP_A, payload, { signature: null }));
    expect(response.status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  test.each(cases)("a correctly signed %s webhook is accepted", async (topic, action, payload) => {
    const response = await deliver(action, webhookRequest(topic, SHOP_A, payload));
    expect(response.status).toBe(200);
  });
});

describe("what each webhook does", () => {
  test("app/uninstalled drops the shop's sessions and no other shop's", async () => {
    await deliver(uninstalled, webhookRequest("app/uninstalled", SHOP_A, { id: 1 }));
    expect(await prisma.session.count({ where: { shop: SHOP_A } })).toBe(0);
    expect(await prisma.session.count({ where: { shop: SHOP_B } })).toBe(1);
    // A second delivery of the same event is harmless.
    const again = await deliver(uninstalled, webhookRequest("app/uninstalled", SHOP_A, { id: 1 }));
    expect(again.status).toBe(200);
  });

  test("app/scopes_update stores the granted scopes on the shop's session", async () => {
    await deliver(scopesUpdate, webhookRequest("app/scopes_update", SHOP_A, { current: ["read_products"] }));
    const session = await prisma.session.findUniqueOrThrow({ where: { id: `offline_${SHOP_A}` } });
    expect(session.scope).toBe("read_products");
  });

  test("shop/update refreshes the time zone and currency", async () => {
    await deliver(
      shopUpdate,
      webhookRequest("shop/update", SHOP_A, { name: "Renamed", iana_timezone: "Asia/Kolkata", currency: "INR" }),
    );
    expect(await prisma.shop.findUniqueOrThrow({ where: { shop: SHOP_A } })).toMatchObject({
      name: "Renamed",
      ianaTimezone: "Asia/Kolkata",
      currencyCode: "INR",
    });
    expect((await prisma.shop.findUniqueOrThrow({ where: { shop: SHOP_B } })).ianaTimezone).toBe("Europe/Berlin");
  });

  test("shop/redact removes every row of that shop and none of another shop's", async () => {
    const shopB = await shopScopedCounts(SHOP_B);
    expect(Object.values(shopB).every((count) => count > 0)).toBe(true);
    const response = await deliver(shopRedact, webhookRequest("shop/redact", SHOP_A, { shop_domain: SHOP_A }));
    expect(response.status).toBe(200);
    expect(await shopScopedCounts(SHOP_A)).toEqual({
      sessions: 0,
      shops: 0,
      calls: 0,
      rollups: 0,
      profiles: 0,
      histograms: 0,
      overrides: 0,
    });
    expect(await shopScopedCounts(SHOP_B)).toEqual(shopB);
  });

  test("deleteShopData covers every model that has a shop column", async () => {
    const { Prisma } = await import("@prisma/client");
    const shopScoped = Prisma.dmmf.datamodel.models
      .filter((model) => model.fields.some((field) => field.name === "shop"))
      .map((model) => model.name.charAt(0).toLowerCase() + model.name.slice(1))
      .sort();
    expect([...SHOP_SCOPED_MODELS, ...KEPT_AFTER_REDACTION].sort()).toEqual(shopScoped);
  });
});
