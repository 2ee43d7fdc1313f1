import { beforeEach, describe, expect, test } from "vitest";
import type { ActionFunctionArgs } from "@remix-run/node";
import prisma from "~/db.server";
import { action as uninstalled } from "~/routes/webhooks.app.uninstalled";
import { action as shopUpdate } from "~/routes/webhooks.shop.update";
import { action as shopRedact } from "~/routes/webhooks.shop.redact";
import { action as customersRedact } from "~/routes/webhooks.customers.redact";
import { getUsageRecorder, trackAPIUsage } from "~/lib/usage/index.server";
import { getSeoJobRunner } from "~/lib/seo/index.server";
import { refreshShopFromShopify } from "~/lib/shop/index.server";
import { installShop, responseOf, webhookRequest } from "../support/shopify-auth";
import { callParams, createShop } from "../support/usage-fixtures";

/**
 * Webhooks as an attacker who holds one signed delivery would send them, and as Shopify's retries and out-of-order
 * deliveries do. The signature covers the body, not the headers.
 */
const VICTIM = "victim-store.myshopify.com";
const ATTACKER = "attacker-store.myshopify.com";
type Action = (args: ActionFunctionArgs) => Promise<Response>;
const deliver = (action: Action, request: Request) => responseOf(() => action({ request, params: {}, context: {} }));

async function rowsOf(shop: string): Promise<number> {
  const counts = await Promise.all([
    prisma.session.count({ where: { shop } }),
    prisma.shop.count({ where: { shop } }),
    prisma.aPIUsageLog.count({ where: { shop } }),
    prisma.usageRollupDaily.count({ where: { shop } }),
    prisma.seoJob.count({ where: { shop } }),
    prisma.webhookDelivery.count({ where: { shop } }),
  ]);
  return counts.reduce((sum, count) => sum + count, 0);
}

async function seed(shop: string) {
  await installShop(shop);
  await createShop(shop, "Europe/Berlin");
  await trackAPIUsage(callParams(shop, { timestamp: new Date(Date.now() - 3_600_000) }));
  await getUsageRecorder().drain();
}

beforeEach(async () => {
  await getUsageRecorder().drain();
  for (const table of ["seoJobItem", "seoJob", "webhookDelivery", "redactedShop"] as const) {
    await (prisma[table] as unknown as { deleteMany: () => Promise<unknown> }).deleteMany();
  }
  await seed(VICTIM);
  await seed(ATTACKER);
});

describe("the shop comes from the signed payload", () => {
  test("a signed shop/redact for one shop, re-sent with another shop's header, wipes nothing", async () => {
    const before = await rowsOf(VICTIM);
    const response = await deliver(shopRedact, webhookRequest("shop/redact", VICTIM, { shop_domain: ATTACKER }));
    expect(response.status).toBe(400);
    expect(await rowsOf(VICTIM)).toBe(before);
    expect(await rowsOf(ATTACKER)).toBeGreaterThan(0);
  });

  test("shop/update and customers/redact refuse a header that does not match the payload", async () => {
    const update = await deliver(
      shopUpdate,
      webhookRequest("shop/update", VICTIM, { myshopify_domain: ATTACKER, name: "Hijacked", iana_timezone: "UTC" }),
    );
    expect(update.status).toBe(400);
    expect((await prisma.shop.findUniqueOrThrow({ where: { shop: VICTIM } })).name).not.toBe("Hijacked");
    const redact = await deliver(
      customersRedact,
      webhookRequest("customers/redact", VICTIM, { shop_domain: ATTACKER }),
    );
    expect(redact.status).toBe(400);
  });
});

describe("deliveries are handled once and in order", () => {
  test("a delivery whose webhook id was already handled is acknowledged and changes nothing", async () => {
    const first = { myshopify_domain: VICTIM, name: "First name", updated_at: "2026-11-30T10:00:00Z" };
    expect(
      (await deliver(shopUpdate, webhookRequest("shop/update", VICTIM, first, { webhookId: "wh-1" }))).status,
    ).toBe(200);
    const replay = { myshopify_domain: VICTIM, name: "Replayed name", updated_at: "2026-11-30T11:00:00Z" };
    const again = await deliver(shopUpdate, webhookRequest("shop/update", VICTIM, replay, { webhookId: "wh-1" }));
    expect(again.status).toBe(200);
    expect((await prisma.shop.findUniqueOrThrow({ where: { shop: VICTIM } })).name).toBe("First name");
  });

  test("a shop/update older than the one applied changes nothing; a newer one applies", async () => {
    const newer = {
      myshopify_domain: VICTIM,
      name: "Newer",
      iana_timezone: "Asia/Kolkata",
      updated_at: "2026-11-30T12:00:00Z",
    };
    const older = {
      myshopify_domain: VICTIM,
      name: "Older",
      iana_timezone: "America/Denver",
      updated_at: "2026-11-30T09:00:00Z",
    };
    await deliver(shopUpdate, webhookRequest("shop/update", VICTIM, newer));
    await deliver(shopUpdate, webhookRequest("shop/update", VICTIM, older));
    expect(await prisma.shop.findUniqueOrThrow({ where: { shop: VICTIM } })).toMatchObject({
      name: "Newer",
      ianaTimezone: "Asia/Kolkata",
    });
  });

  test("a time zone that is not a valid IANA name is refused; the rest of the update applies", async () => {
    const payload = {
      myshopify_domain: VICTIM,
      name: "Valid name",
      iana_timezone: "Mars/Olympus_Mons",
      currency: "EUR",
    };
    expect((await deliver(shopUpdate, webhookRequest("shop/update", VICTIM, payload))).status).toBe(200);
    expect(await prisma.shop.findUniqueOrThrow({ where: { shop: VICTIM } })).toMatchObject({
      name: "Valid name",
      ianaTimezone: "Europe/Berlin",
    });
  });
});

describe("uninstall and redaction are final", () => {
  test("app/uninstalled stops the shop's running SEO work at once", async () => {
    const job = await prisma.seoJob.create({
      data: {
        id: "uninstall-job",
        shop: VICTIM,
        kind: "meta",
        origin: "bulk",
        status: "running",
        model: "claude-haiku-4-5",
        startedBy: "42",
        totalItems: 1,
        totalProducts: 1,
        items: {
          create: {
            shop: VICTIM,
            position: 0,
            productId: "gid://shopify/Product/1",
            productTitle: "Snowboard",
            resourceType: "product",
            resourceId: "gid://shopify/Product/1",
            input: "{}",
          },
        },
      },
    });
    await deliver(uninstalled, webhookRequest("app/uninstalled", VICTIM, { myshopify_domain: VICTIM }));
    expect(await prisma.seoJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      status: "stopped",
      stopReason: "uninstalled",
    });
    // No runner can claim it again: its item is never sent.
    await getSeoJobRunner().start(job.id);
    expect(getSeoJobRunner().isWorkingOn(job.id)).toBe(false);
    expect(await prisma.seoJobItem.findFirstOrThrow({ where: { jobId: job.id } })).toMatchObject({
      status: "pending",
      attempts: 0,
      leaseOwner: null,
    });
    expect(await prisma.session.count({ where: { shop: VICTIM } })).toBe(0);
    expect((await prisma.shop.findUniqueOrThrow({ where: { shop: VICTIM } })).uninstalledAt).not.toBeNull();
  });

  test("after shop/redact no row of the shop exists, and calls kept in the journal are never written", async () => {
    const recorder = getUsageRecorder();
    recorder.stop();
    // A call finished just before the erasure, still waiting in the journal.
    await trackAPIUsage(callParams(VICTIM, { timestamp: new Date(Date.now() - 60_000) }));
    expect(recorder.pendingCount).toBe(1);

    const response = await deliver(shopRedact, webhookRequest("shop/redact", VICTIM, { shop_domain: VICTIM }));
    expect(response.status).toBe(200);
    recorder.start();
    await recorder.drain();
    // A call recorded afterwards (a run in flight elsewhere) is dropped too, and a later webhook writes nothing.
    await trackAPIUsage(callParams(VICTIM));
    await recorder.drain();
    await deliver(shopUpdate, webhookRequest("shop/update", VICTIM, { myshopify_domain: VICTIM, name: "Back?" }));
    expect(await rowsOf(VICTIM)).toBe(0);
    expect(await rowsOf(ATTACKER)).toBeGreaterThan(0);
  });

  test("a shop that installs again after redaction starts afresh and is recorded again", async () => {
    await deliver(shopRedact, webhookRequest("shop/redact", VICTIM, { shop_domain: VICTIM }));
    const admin = {
      graphql: async () =>
        new Response(JSON.stringify({ data: { shop: { name: "Back", ianaTimezone: "UTC", currencyCode: "USD" } } })),
    };
    await refreshShopFromShopify(VICTIM, admin);
    await trackAPIUsage(callParams(VICTIM));
    await getUsageRecorder().drain();
    expect(await prisma.aPIUsageLog.count({ where: { shop: VICTIM } })).toBe(1);
  });
});
