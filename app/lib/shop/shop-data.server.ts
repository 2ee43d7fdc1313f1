import prisma from "~/db.server";

/**
 * Everything this app stores for a shop, deleted in one transaction (the shop/redact compliance webhook).
 * Every model with a `shop` column must appear here; a test compares this list with the schema.
 */
export const SHOP_SCOPED_MODELS = [
  "session",
  "shop",
  "aPIUsageLog",
  "usageRollupDaily",
  "usageRollupHourly",
  "usageProfileDaily",
  "latencyHistogramDaily",
  "priceOverride",
  "budgetAlert",
  "budgetAlertChannels",
  "budgetAlertDelivery",
  "seoSettings",
  "seoJob",
  "seoJobItem",
] as const;

export async function deleteShopData(shop: string): Promise<void> {
  await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop } }),
    prisma.shop.deleteMany({ where: { shop } }),
    prisma.aPIUsageLog.deleteMany({ where: { shop } }),
    prisma.usageRollupDaily.deleteMany({ where: { shop } }),
    prisma.usageRollupHourly.deleteMany({ where: { shop } }),
    prisma.usageProfileDaily.deleteMany({ where: { shop } }),
    prisma.latencyHistogramDaily.deleteMany({ where: { shop } }),
    prisma.priceOverride.deleteMany({ where: { shop } }),
    prisma.budgetAlert.deleteMany({ where: { shop } }),
    prisma.budgetAlertChannels.deleteMany({ where: { shop } }),
    prisma.budgetAlertDelivery.deleteMany({ where: { shop } }),
    prisma.seoSettings.deleteMany({ where: { shop } }),
    prisma.seoJobItem.deleteMany({ where: { shop } }),
    prisma.seoJob.deleteMany({ where: { shop } }),
  ]);
}

export async function deleteShopSessions(shop: string): Promise<void> {
  await prisma.session.deleteMany({ where: { shop } });
}
