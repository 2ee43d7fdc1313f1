import type { PrismaClient } from "@prisma/client";

/**
 * Retention: raw call records older than the retention period are deleted; the daily rollups and latency
 * histograms they were counted into stay, so history charts and totals stay whole. Only the calls explorer
 * and the per-call export lose those old rows. Deletes in slices so a large prune never holds the database
 * for long.
 */
export const DEFAULT_RETENTION_DAYS = 90;

export async function pruneRawCalls(
  db: PrismaClient,
  options: { retentionDays?: number; now?: Date; sliceSize?: number; maxSlices?: number } = {},
): Promise<{ deleted: number; before: Date }> {
  const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  if (!Number.isInteger(retentionDays) || retentionDays < 1)
    throw new RangeError("Retention must be a whole number of days, at least 1");
  const before = new Date((options.now ?? new Date()).getTime() - retentionDays * 86_400_000);
  const sliceSize = options.sliceSize ?? 5_000;
  // A run deletes at most maxSlices slices (10 million calls by default); what is left goes on the next run.
  const maxSlices = options.maxSlices ?? 2_000;
  let deleted = 0;
  for (let slices = 0; slices < maxSlices; slices++) {
    const slice = await db.aPIUsageLog.findMany({
      where: { timestamp: { lt: before } },
      select: { id: true },
      take: sliceSize,
    });
    if (slice.length === 0) break;
    const result = await db.aPIUsageLog.deleteMany({ where: { id: { in: slice.map((row) => row.id) } } });
    deleted += result.count;
  }
  return { deleted, before };
}

const DAY_MS = 86_400_000;

/**
 * Prunes once a day (first a minute after start, so a deploy is not slowed), keeping `retentionDays` of raw calls.
 * A failed prune is logged and tried again the next day; 0 days turns it off. Returns the function that stops it.
 */
export function startRetentionSchedule(db: PrismaClient, retentionDays: number): () => void {
  if (retentionDays <= 0) return () => {};
  let timer: NodeJS.Timeout | undefined;
  const run = async () => {
    try {
      const { deleted, before } = await pruneRawCalls(db, { retentionDays });
      if (deleted > 0)
        console.info(`usage retention: deleted ${deleted} raw call record(s) from before ${before.toISOString()}`);
    } catch (error) {
      console.error("usage retention: the daily prune failed; it runs again tomorrow", error);
    }
  };
  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      void run();
      schedule(DAY_MS);
    }, delayMs);
    timer.unref();
  };
  schedule(60_000);
  return () => clearTimeout(timer);
}
