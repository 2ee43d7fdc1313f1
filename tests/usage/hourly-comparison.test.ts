import { beforeAll, describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { getUsageTotals, getUsageByModel, hasHourlyDetail, loadAnalyticsOverview } from "~/lib/analytics/index.server";
import { getUsageRecorder, trackAPIUsage } from "~/lib/usage/index.server";
import { picosFromUsd } from "~/lib/money";
import { callParams, createShop } from "../support/usage-fixtures";

/**
 * A period still running is compared with the same part of the previous one, to the hour, from the hourly rollup the
 * usage writer keeps beside the daily one.
 */
const SHOP = "running-month.myshopify.com";
const OLD_SHOP = "before-hourly.myshopify.com";
// Dec 1 at 07:18 in New York (EST, UTC−5).
const NOW = new Date("2026-12-01T12:18:00Z");

// Sonnet 4.5 at $3 / $15 per MTok: 1,000 input and 500 output tokens cost $0.0105.
const CALL_COST = picosFromUsd("0.0105");

beforeAll(async () => {
  await createShop(SHOP, "America/New_York");
  const at = (iso: string, model = "claude-sonnet-4-5-20250929") =>
    trackAPIUsage(callParams(SHOP, { timestamp: new Date(iso), model }));
  // Nov 1: 05:10 and 06:59 local count; 07:05 and 15:00 are after the cut.
  await at("2026-11-01T09:10:00Z");
  await at("2026-11-01T10:59:00Z", "claude-haiku-4-5-20251001");
  await at("2026-11-01T11:05:00Z");
  await at("2026-11-01T19:00:00Z");
  // Dec 1 so far: one call at 06:00.
  await at("2026-12-01T11:00:00Z");
  await getUsageRecorder().drain();
});

describe("the hourly rollup", () => {
  test("holds every call of a day, by local hour, adding up to the daily rollup", async () => {
    const hours = await prisma.usageRollupHourly.groupBy({
      by: ["hour"],
      where: { shop: SHOP, day: "2026-11-01" },
      _sum: { calls: true },
      orderBy: { hour: "asc" },
    });
    expect(hours.map((row) => [row.hour, row._sum.calls])).toEqual([
      [4, 1],
      [5, 1],
      [6, 1],
      [14, 1],
    ]);
    expect(await hasHourlyDetail({ shop: SHOP }, "2026-11-01")).toBe(true);
    const before = await getUsageTotals({ shop: SHOP }, { from: "2026-11-01", to: "2026-11-01", lastDayBeforeHour: 7 });
    expect(before.calls).toBe(3);
  });
});

describe("this month so far against last month", () => {
  test("on Dec 1 at 07:18, Nov 1 counts until 07:00, and the page says so", async () => {
    const overview = await loadAnalyticsOverview(SHOP, new URLSearchParams(), { now: NOW });
    expect(overview.totals.calls).toBe(1);
    expect(overview.previousTotals.calls).toBe(3);
    expect(overview.comparison.label).toBe("Nov 1, 2026, until 07:00");
    expect(overview.comparison.sentence).toContain("compared with Nov 1, 2026 until 07:00");
    expect(overview.changes.calls).toEqual({ kind: "down", delta: "-2", percent: -66.67 });
    // The breakdowns compare with the same hours: Haiku's 05:59 call is in, the 07:05 Sonnet call is not.
    const models = Object.fromEntries(overview.breakdowns.model.map((row) => [row.key, row.previous.calls]));
    expect(models).toEqual({ "claude-sonnet-4-5-20250929": 2, "claude-haiku-4-5-20251001": 1 });
    expect(overview.breakdowns.model.map((row) => row.label).sort()).toEqual(["Claude Haiku 4.5", "Claude Sonnet 4.5"]);
    expect(BigInt(overview.totals.costPicos)).toBe(CALL_COST);
  });

  test("today's point on the trend is marked as a day still running", async () => {
    const overview = await loadAnalyticsOverview(SHOP, new URLSearchParams(), { now: NOW });
    expect(overview.trend.filter((point) => point.partial).map((point) => point.currentDay)).toEqual(["2026-12-01"]);
  });

  test("a period that is over compares whole days", async () => {
    const overview = await loadAnalyticsOverview(SHOP, new URLSearchParams("range=last-month"), { now: NOW });
    expect(overview.comparison).toEqual({
      label: "Oct 1 – Oct 31, 2026",
      sentence: null,
      range: { from: "2026-10-01", to: "2026-10-31" },
    });
    expect(overview.totals.calls).toBe(4);
  });

  test("a day recorded before the hourly rollup existed is compared whole, and the label says so", async () => {
    await createShop(OLD_SHOP, "America/New_York");
    await trackAPIUsage(callParams(OLD_SHOP, { timestamp: new Date("2026-11-01T09:10:00Z") }));
    await getUsageRecorder().drain();
    await prisma.usageRollupHourly.deleteMany({ where: { shop: OLD_SHOP } });
    const overview = await loadAnalyticsOverview(OLD_SHOP, new URLSearchParams(), { now: NOW });
    expect(overview.comparison.label).toBe("Nov 1, 2026 (whole days: no hourly figures that far back)");
    expect(overview.previousTotals.calls).toBe(1);
    expect((await getUsageByModel({ shop: OLD_SHOP }, { from: "2026-11-01", to: "2026-11-01" }))[0]?.calls).toBe(1);
  });
});
