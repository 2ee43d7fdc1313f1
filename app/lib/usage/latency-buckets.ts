/**
 * Latency histogram buckets, each about 5 % wider than the last, so p50/p95 come from rollups (a few
 * hundred counters per endpoint and day) instead of raw calls, with under 5 % error. Bucket 0 holds 0–1 ms.
 */
const GROWTH = 1.05;
const LOG_GROWTH = Math.log(GROWTH);

export function latencyBucketOf(latencyMs: number): number {
  if (latencyMs <= 1) return 0;
  return Math.ceil(Math.log(latencyMs) / LOG_GROWTH);
}

/** The largest latency (ms) a bucket holds. */
export function latencyBucketUpperMs(bucket: number): number {
  return bucket <= 0 ? 1 : Math.round(GROWTH ** bucket);
}

/** The latency at quantile q (0..1) of a histogram: the upper bound of the bucket where the count crosses q. */
export function quantileFromHistogram(histogram: ReadonlyMap<number, number>, q: number): number | null {
  const buckets = [...histogram.entries()].filter(([, calls]) => calls > 0).sort(([a], [b]) => a - b);
  const total = buckets.reduce((sum, [, calls]) => sum + calls, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [bucket, calls] of buckets) {
    seen += calls;
    if (seen >= rank) return latencyBucketUpperMs(bucket);
  }
  return latencyBucketUpperMs(buckets[buckets.length - 1]![0]);
}
