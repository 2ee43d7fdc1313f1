import type { PrismaClient } from "@prisma/client";
import { generateSyntheticUsage, type SyntheticUsageOptions } from "./synthetic-usage";
import { writeUsageBatch } from "~/lib/usage/index.server";

/**
 * Fills a shop with synthetic usage (the demo's history, the benchmark's million calls, test fixtures): the
 * shop's settings row first, so every call lands on the right local day, then the calls through the same writer
 * the tracker uses, rollups included, in batches.
 */
export interface SeedUsageOptions extends SyntheticUsageOptions {
  shopName?: string;
  timeZone: string;
  batchSize?: number;
}

export async function seedSyntheticUsage(
  db: PrismaClient,
  options: SeedUsageOptions,
): Promise<{ written: number; seconds: number; callsPerSecond: number }> {
  const name = options.shopName ?? options.shop.split(".")[0]!;
  await db.shop.upsert({
    where: { shop: options.shop },
    create: { shop: options.shop, name, ianaTimezone: options.timeZone, currencyCode: "USD" },
    update: { ianaTimezone: options.timeZone, ...(options.shopName ? { name } : {}) },
  });
  const started = performance.now();
  const batchSize = options.batchSize ?? 2_000;
  let written = 0;
  let batch = [];
  for (const call of generateSyntheticUsage(options)) {
    batch.push(call);
    if (batch.length === batchSize) {
      written += (await writeUsageBatch(db, batch)).written;
      batch = [];
    }
  }
  if (batch.length > 0) written += (await writeUsageBatch(db, batch)).written;
  const seconds = (performance.now() - started) / 1000;
  return { written, seconds, callsPerSecond: seconds > 0 ? written / seconds : 0 };
}
