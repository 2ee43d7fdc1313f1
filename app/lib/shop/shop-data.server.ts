import { Prisma } from "@prisma/client";
import prisma from "~/db.server";
import { dialect } from "~/lib/database/index.server";

/**
 * Everything this app stores for a shop, deleted in one transaction (the shop/redact compliance webhook).
 * Every model with a `shop` column must appear here or in KEPT_AFTER_REDACTION; a test compares them with the schema.
 */
export const SHOP_SCOPED_MODELS = [
  "session",
  "shop",
  "aPIUsageLog",
  "usageRollupDaily",
  "usageDailyTotal",
  "usageRollupHourly",
  "usageProfileDaily",
  "latencyHistogramDaily",
  "priceOverride",
  "budgetAlert",
  "budgetAlertChannels",
  "budgetAlertDelivery",
  "budgetReservation",
  "seoSettings",
  "seoJob",
  "seoJobItem",
  "webhookDelivery",
  "usageSetAside",
  "claudeBatch",
] as const;

/** The one row kept: the tombstone that stops anything of the shop being written again. */
export const KEPT_AFTER_REDACTION = ["redactedShop"] as const;

/**
 * shop/redact: every row of the shop goes, and a tombstone is left in the same transaction, so that a usage record
 * still in a journal or a call still in flight is not written afterwards (the usage writer skips redacted shops).
 */
export async function deleteShopData(shop: string, now: Date = new Date()): Promise<void> {
  await prisma.$transaction([
    prisma.redactedShop.upsert({ where: { shop }, create: { shop, redactedAt: now }, update: { redactedAt: now } }),
    prisma.session.deleteMany({ where: { shop } }),
    prisma.shop.deleteMany({ where: { shop } }),
    prisma.aPIUsageLog.deleteMany({ where: { shop } }),
    prisma.usageRollupDaily.deleteMany({ where: { shop } }),
    prisma.usageDailyTotal.deleteMany({ where: { shop } }),
    prisma.usageRollupHourly.deleteMany({ where: { shop } }),
    prisma.usageProfileDaily.deleteMany({ where: { shop } }),
    prisma.latencyHistogramDaily.deleteMany({ where: { shop } }),
    prisma.priceOverride.deleteMany({ where: { shop } }),
    prisma.budgetAlert.deleteMany({ where: { shop } }),
    prisma.budgetAlertChannels.deleteMany({ where: { shop } }),
    prisma.budgetAlertDelivery.deleteMany({ where: { shop } }),
    prisma.budgetReservation.deleteMany({ where: { shop } }),
    prisma.seoSettings.deleteMany({ where: { shop } }),
    prisma.seoJobItem.deleteMany({ where: { shop } }),
    prisma.seoJob.deleteMany({ where: { shop } }),
    prisma.webhookDelivery.deleteMany({ where: { shop } }),
    prisma.usageSetAside.deleteMany({ where: { shop } }),
    // Its requests go with it (ON DELETE CASCADE).
    prisma.claudeBatch.deleteMany({ where: { shop } }),
  ]);
}

/** Shops among `shops` whose data was redacted (nothing of theirs may be written). */
export async function redactedAmong(
  db: Pick<typeof prisma, "redactedShop">,
  shops: readonly string[],
): Promise<Set<string>> {
  if (shops.length === 0) return new Set();
  const rows = await db.redactedShop.findMany({ where: { shop: { in: [...shops] } }, select: { shop: true } });
  return new Set(rows.map((row) => row.shop));
}

/**
 * app/uninstalled: the app's access ends (sessions go) and the shop's SEO work stops at once; its data stays until
 * shop/redact. Returns the ids of the runs it stopped.
 */
export async function uninstallShop(shop: string, now: Date = new Date()): Promise<string[]> {
  const running = await prisma.seoJob.findMany({
    where: { shop, status: { in: ["running", "paused", "draft"] } },
    select: { id: true },
  });
  await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop } }),
    prisma.shop.updateMany({ where: { shop }, data: { uninstalledAt: now } }),
    prisma.seoJob.updateMany({
      where: { shop, status: { in: ["running", "paused", "draft"] } },
      data: {
        status: "stopped",
        stopReason: "uninstalled",
        message: "The app was uninstalled: no further Claude calls or Shopify changes are made for this run.",
      },
    }),
  ]);
  return running.map((job) => job.id);
}

export async function deleteShopSessions(shop: string): Promise<void> {
  await prisma.session.deleteMany({ where: { shop } });
}

/** A webhook delivery is handled once: true the first time its id is seen, false for a retry or a replay. */
export async function firstDelivery(id: string, shop: string, topic: string, now: Date = new Date()): Promise<boolean> {
  const inserted = await prisma.$executeRaw(
    Prisma.sql`INSERT INTO "WebhookDelivery" ("id", "shop", "topic", "receivedAt")
     VALUES (${id}, ${shop}, ${topic}, ${dialect.instant(now)}) ON CONFLICT ("id") DO NOTHING`,
  );
  return inserted === 1;
}

/** Webhook ids are remembered for 30 days: Shopify retries a delivery for 48 hours. */
export const WEBHOOK_MEMORY_DAYS = 30;

export async function pruneWebhookDeliveries(now: Date = new Date()): Promise<number> {
  const before = new Date(now.getTime() - WEBHOOK_MEMORY_DAYS * 86_400_000);
  return (await prisma.webhookDelivery.deleteMany({ where: { receivedAt: { lt: before } } })).count;
}

/** Lets a delivery whose handling failed be handled when Shopify sends it again. */
export async function forgetDelivery(id: string): Promise<void> {
  await prisma.webhookDelivery.deleteMany({ where: { id } });
}
