import type { PrismaClient } from "@prisma/client";
import { generateSyntheticUsage } from "~/lib/usage/synthetic-usage";
import { writeUsageBatch } from "~/lib/usage/usage-writer.server";

/** Seeds `calls` synthetic calls for a shop over the last `days` days and returns the ingest rate. */
export async function seedShopUsage(
  db: PrismaClient,
  options: { shop: string; timeZone: string; calls: number; days: number; now: Date; seed: number; batchSize?: number },
): Promise<{ written: number; seconds: number; callsPerSecond: number }> {
  await db.shop.upsert({
    where: { shop: options.shop },
    create: { shop: options.shop, name: options.shop.split(".")[0]!, ianaTimezone: options.timeZone },
    update: {},
  });
  const started = performance.now();
  let written = 0;
  let batch = [];
  const calls = generateSyntheticUsage({
    shop: options.shop,
    from: new Date(options.now.getTime() - options.days * 86_400_000),
    to: options.now,
    calls: options.calls,
    seed: options.seed,
    idPrefix: `bench-${options.seed}`,
  });
  for (const call of calls) {
    batch.push(call);
    if (batch.length === (options.batchSize ?? 2_000)) {
      written += (await writeUsageBatch(db, batch)).written;
      batch = [];
    }
  }
  if (batch.length > 0) written += (await writeUsageBatch(db, batch)).written;
  const seconds = (performance.now() - started) / 1000;
  return { written, seconds, callsPerSecond: written / seconds };
}
