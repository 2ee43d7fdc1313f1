import type { PrismaClient } from "@prisma/client";
import { seedSyntheticUsage } from "../../demo/usage";

/** A shop with realistic usage for the analytics tests, up to a minute ago (so "today" has calls whatever the hour). */
export interface SeededShop {
  shop: string;
  name: string;
  ianaTimezone: string;
  /** Staff user ids the calls are spread over (plus "automation"). */
  staff: string[];
  calls: number;
  days: number;
  seed: number;
}

export async function seedShopUsage(db: PrismaClient, spec: SeededShop, now: Date = new Date()): Promise<number> {
  const { written } = await seedSyntheticUsage(db, {
    shop: spec.shop,
    shopName: spec.name,
    timeZone: spec.ianaTimezone,
    from: new Date(now.getTime() - spec.days * 86_400_000),
    to: new Date(now.getTime() - 60_000),
    calls: spec.calls,
    seed: spec.seed,
    staff: spec.staff,
    idPrefix: `seed-${spec.shop}`,
    batchSize: 1_000,
  });
  return written;
}
