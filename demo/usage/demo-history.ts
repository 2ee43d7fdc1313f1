import type { PrismaClient } from "@prisma/client";
import { DEMO_DEFAULTS } from "../constants";
import { seedSyntheticUsage } from "./seed-usage";
import { demoCatalogFixtures } from "../shopify/catalog-fixtures";

/**
 * The demo shop's settings row (its name and time zone, as the app would read them from Shopify) and about 90 days
 * of realistic usage history, so every analytics page has something to show on first open. Idempotent: settings
 * the demo changed are kept, and a shop that already has history gets no more.
 */
export const DEMO_HISTORY_DAYS = 90;
export const DEMO_HISTORY_CALLS = 24_000;
/** The model the demo's merchant chose for meta tags and alt text (a costly one, as the cost tips point out). */
const DEMO_FIX_MODEL = "claude-sonnet-4-5-20250929";

export async function seedDemoShop(db: PrismaClient, now: Date = new Date()): Promise<{ seededCalls: number }> {
  const { shop, shopName, timeZone } = DEMO_DEFAULTS;
  await db.shop.upsert({
    where: { shop },
    create: { shop, name: shopName, ianaTimezone: timeZone, currencyCode: "USD" },
    update: {},
  });
  // Budget warnings go to the demo owner's address, which the demo's mail server receives (/demo/mailbox).
  await db.budgetAlertChannels.upsert({
    where: { shop },
    create: { shop, emails: "owner@demo-outdoor-supply.example" },
    update: {},
  });
  await db.seoSettings.upsert({
    where: { shop },
    create: { shop, auditModel: "claude-sonnet-5-5", fixModel: DEMO_FIX_MODEL },
    update: {},
  });
  const [calls, hourly] = await Promise.all([
    db.aPIUsageLog.count({ where: { shop } }),
    db.usageRollupHourly.count({ where: { shop } }),
  ]);
  if (calls > 0 && hourly > 0) return { seededCalls: 0 };
  // A demo database from before the hourly rollup: its history is made again, with hourly figures this time.
  if (calls > 0) await forgetHistory(db, shop);
  const catalog = demoCatalogFixtures();
  const { written } = await seedSyntheticUsage(db, {
    shop,
    shopName,
    timeZone,
    from: new Date(now.getTime() - DEMO_HISTORY_DAYS * 86_400_000),
    // History stops an hour ago; what happens next comes from using the demo.
    to: new Date(now.getTime() - 3_600_000),
    calls: DEMO_HISTORY_CALLS,
    seed: 2026,
    idPrefix: "demo-history",
    staff: [DEMO_DEFAULTS.staffUserId, "90002", "90003"],
    // The demo's merchant picked Sonnet for meta tags: the cost tips find that a Haiku model would do for less.
    models: { fix_meta: DEMO_FIX_MODEL },
    // About the demo store's own products and images, so the pages name them.
    resources: {
      products: catalog.map((product) => product.id),
      images: catalog.flatMap((product) => product.images.map((image) => image.id)),
    },
  });
  return { seededCalls: written };
}

async function forgetHistory(db: PrismaClient, shop: string): Promise<void> {
  await db.$transaction([
    db.aPIUsageLog.deleteMany({ where: { shop } }),
    db.usageRollupDaily.deleteMany({ where: { shop } }),
    db.usageRollupHourly.deleteMany({ where: { shop } }),
    db.usageProfileDaily.deleteMany({ where: { shop } }),
    db.latencyHistogramDaily.deleteMany({ where: { shop } }),
    db.budgetAlert.deleteMany({ where: { shop } }),
  ]);
}
