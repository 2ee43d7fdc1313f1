import type { PrismaClient } from "@prisma/client";
import { generateSyntheticUsage } from "~/lib/usage/synthetic-usage";
import { writeUsageBatch } from "~/lib/usage/usage-writer.server";

/**
 * A shop with realistic usage for the analytics tests: its settings row first (so every call lands on the right
 * local day), then synthetic calls written through the same writer the tracker uses, rollups included.
 */
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
  await db.shop.upsert({
    where: { shop: spec.shop },
    create: { shop: spec.shop, name: spec.name, ianaTimezone: spec.ianaTimezone, currencyCode: "USD" },
    update: { name: spec.name, ianaTimezone: spec.ianaTimezone },
  });
  const calls = [
    ...generateSyntheticUsage({
      shop: spec.shop,
      from: new Date(now.getTime() - spec.days * 86_400_000),
      // Up to a minute ago, so "today" has calls whatever the hour.
      to: new Date(now.getTime() - 60_000),
      calls: spec.calls,
      seed: spec.seed,
      staff: spec.staff,
      idPrefix: `seed-${spec.shop}`,
    }),
  ];
  let written = 0;
  for (let start = 0; start < calls.length; start += 1_000) {
    written += (await writeUsageBatch(db, calls.slice(start, start + 1_000))).written;
  }
  return written;
}
