import { expect, test } from "vitest";
import { latencyBucketOf, latencyBucketUpperMs, quantileFromHistogram } from "./latency-buckets";

test("every latency falls in a bucket whose upper bound is within 5 % above it", () => {
  for (const ms of [2, 3, 10, 99, 250, 1_234, 9_999, 60_000, 600_000]) {
    const upper = latencyBucketUpperMs(latencyBucketOf(ms));
    expect(upper).toBeGreaterThanOrEqual(ms - 0.5);
    expect(upper).toBeLessThanOrEqual(ms * 1.05 + 1);
  }
});

test("p50 and p95 of 1..1000 ms are within 5 % of 500 and 950", () => {
  const histogram = new Map<number, number>();
  for (let ms = 1; ms <= 1000; ms++) {
    const bucket = latencyBucketOf(ms);
    histogram.set(bucket, (histogram.get(bucket) ?? 0) + 1);
  }
  const p50 = quantileFromHistogram(histogram, 0.5)!;
  const p95 = quantileFromHistogram(histogram, 0.95)!;
  expect(Math.abs(p50 - 500) / 500).toBeLessThan(0.05);
  expect(Math.abs(p95 - 950) / 950).toBeLessThan(0.05);
});

test("an empty histogram has no percentile", () => {
  expect(quantileFromHistogram(new Map(), 0.5)).toBeNull();
});
