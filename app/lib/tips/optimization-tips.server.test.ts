import { beforeAll, describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { addDays, localDayOf } from "~/lib/time";
import { getUsageRecorder, trackAPIUsage } from "~/lib/usage/index.server";
import { getOptimizationTips, ratesOf, tipsPeriod } from "./optimization-tips.server";

const NOW = new Date();
const today = localDayOf(NOW, "UTC");
const noonDaysAgo = (days: number) => new Date(`${addDays(today, -days)}T12:00:00.000Z`);

const NEW_SHOP = "tips-unit-new.myshopify.com";
const FREE_FAILURES = "tips-unit-free-failures.myshopify.com";

beforeAll(async () => {
  await prisma.shop.createMany({
    data: [NEW_SHOP, FREE_FAILURES].map((shop) => ({ shop, name: shop, ianaTimezone: "UTC" })),
  });
  const base = {
    userId: "42",
    model: "claude-haiku-4-5-20251001",
    endpoint: "fix_meta",
    inputTokens: 800,
    outputTokens: 60,
  };
  // 60 calls, all in the last 3 days.
  for (let i = 0; i < 60; i++) await trackAPIUsage({ ...base, shop: NEW_SHOP, timestamp: noonDaysAgo(1 + (i % 3)) });
  // 60 cheap successes over 30 days and 6 failures that were refused before any token (cost $0).
  for (let i = 0; i < 60; i++)
    await trackAPIUsage({ ...base, shop: FREE_FAILURES, timestamp: noonDaysAgo(1 + (i % 30)) });
  for (let i = 0; i < 6; i++) {
    await trackAPIUsage({
      ...base,
      shop: FREE_FAILURES,
      inputTokens: 0,
      outputTokens: 0,
      status: "error",
      errorType: "overloaded_error",
      timestamp: noonDaysAgo(2 + i),
    });
  }
  await getUsageRecorder().drain();
});

describe("the tips' arithmetic", () => {
  test("per-token rates come from the catalog one token at a time, halved for the Batch API", () => {
    // Haiku 5.5: $0.10 input, $0.50 output, $0.125 5-minute write, $0.20 1-hour write, $0.01 read per MTok;
    // $X per million tokens is X × 10^6 pico-dollars per token.
    expect(ratesOf("claude-haiku-5-5", false, NOW)).toEqual({
      input: 100_000n,
      output: 500_000n,
      cacheWrite5m: 125_000n,
      cacheWrite1h: 200_000n,
      cacheRead: 10_000n,
    });
    expect(ratesOf("claude-haiku-5-5", true, NOW)).toEqual({
      input: 50_000n,
      output: 250_000n,
      cacheWrite5m: 62_500n,
      cacheWrite1h: 100_000n,
      cacheRead: 5_000n,
    });
    expect(ratesOf("claude-unknown-model", false, NOW)).toBeNull();
  });

  test("the period is the 30 complete local days before today", () => {
    expect(tipsPeriod("2026-03-01")).toEqual({ from: "2026-01-30", to: "2026-02-28" });
  });
});

describe("when tips stay quiet", () => {
  test("a shop with 3 days of history is told tips need a week, even with enough calls", async () => {
    const report = await getOptimizationTips(NEW_SHOP, NOW);
    expect(report.calls).toBe(60);
    expect(report.observedDays).toBe(3);
    expect(report.tooLittleData).toBe("Your store has 3 full days of usage so far: tips need at least a week.");
    expect(report.tips).toEqual([]);
  });

  test("failures that cost nothing and cheap short calls on Haiku give no tip at all", async () => {
    const report = await getOptimizationTips(FREE_FAILURES, NOW);
    expect(report.tooLittleData).toBeNull();
    expect(report.calls).toBe(66);
    expect(report.tips).toEqual([]);
  });
});
