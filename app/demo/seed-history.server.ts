import type { PrismaClient } from "@prisma/client";
import { seedSyntheticUsage } from "~/lib/usage/index.server";
import { DEMO_DEFAULTS } from "./constants";

/**
 * The demo shop's settings and about 90 days of realistic usage history, so every analytics page has
 * something to show on first open. Idempotent: a shop that already has history is left alone.
 */
export const DEMO_HISTORY_DAYS = 90;
export const DEMO_HISTORY_CALLS = 24_000;

export async function seedDemoShop(db: PrismaClient, now: Date = new Date()): Promise<{ seededCalls: number }> {
  if ((await db.aPIUsageLog.count({ where: { shop: DEMO_DEFAULTS.shop } })) > 0) return { seededCalls: 0 };
  const { written } = await seedSyntheticUsage(db, {
    shop: DEMO_DEFAULTS.shop,
    shopName: DEMO_DEFAULTS.shopName,
    timeZone: "America/New_York",
    from: new Date(now.getTime() - DEMO_HISTORY_DAYS * 86_400_000),
    // History stops an hour ago; what happens next comes from using the demo.
    to: new Date(now.getTime() - 3_600_000),
    calls: DEMO_HISTORY_CALLS,
    seed: 2026,
    idPrefix: "demo-history",
    staff: [DEMO_DEFAULTS.staffUserId, "90002", "90003"],
  });
  return { seededCalls: written };
}
