import { beforeAll, describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { getUsageRecorder, trackAPIUsage } from "~/lib/usage/index.server";
import { callParams, createShop } from "../support/usage-fixtures";
import {
  checkBudgetAlerts,
  listBudgetAlerts,
  monthToDateSpendPicos,
  thresholdsReached,
  updateBudgetSettings,
} from "~/lib/budget/index.server";

const SHOP = "alerts-shop.myshopify.com";
const OTHER = "other-alerts-shop.myshopify.com";
const TIME_ZONE = "America/New_York";
// Mid-November in New York.
const NOVEMBER_NOW = new Date("2026-11-20T17:00:00Z");

let novemberSpend: bigint;

/** A budget that puts this month's spend at `percent` of it (rounded so the spend is at least that share). */
function budgetAt(spent: bigint, percent: bigint): bigint {
  return (spent * 100n) / percent;
}

beforeAll(async () => {
  await createShop(SHOP, TIME_ZONE);
  await createShop(OTHER, TIME_ZONE);
  for (const day of ["03", "10", "17"]) {
    await trackAPIUsage(callParams(SHOP, { timestamp: new Date(`2026-11-${day}T15:00:00Z`) }));
  }
  // October's spend is not this month's.
  await trackAPIUsage(callParams(SHOP, { timestamp: new Date("2026-10-20T15:00:00Z"), outputTokens: 90_000 }));
  await getUsageRecorder().drain();
  novemberSpend = await monthToDateSpendPicos(SHOP, TIME_ZONE, NOVEMBER_NOW);
  expect(novemberSpend).toBeGreaterThan(0n);
});

describe("which thresholds a spend has reached", () => {
  test("exactly at 80 % counts, a pico below does not", () => {
    expect(thresholdsReached(80n, 100n)).toEqual([80]);
    expect(thresholdsReached(79n, 100n)).toEqual([]);
    expect(thresholdsReached(800_000_000_000n - 1n, 1_000_000_000_000n)).toEqual([]);
    expect(thresholdsReached(90n, 100n)).toEqual([80, 90]);
    expect(thresholdsReached(250n, 100n)).toEqual([80, 90, 100]);
    expect(thresholdsReached(250n, null)).toEqual([]);
  });
});

describe("budget alerts over a month", () => {
  test("below 80 % nothing is recorded or toasted", async () => {
    await updateBudgetSettings(SHOP, { monthlyBudgetPicos: budgetAt(novemberSpend, 50n), hardCap: false });
    const { status, toast } = await checkBudgetAlerts(SHOP, NOVEMBER_NOW);
    expect(status).toMatchObject({
      monthKey: "2026-11",
      spentPicos: novemberSpend,
      reachedThreshold: null,
      resetsOn: "2026-12-01",
    });
    expect(status.usedPercent).toBeCloseTo(50, 1);
    expect(toast).toBeNull();
    expect(await prisma.budgetAlert.count()).toBe(0);
  });

  test("crossing 80 % records one alert and toasts once, however often the page loads", async () => {
    const budget = budgetAt(novemberSpend, 85n);
    await updateBudgetSettings(SHOP, { monthlyBudgetPicos: budget, hardCap: false });

    const first = await checkBudgetAlerts(SHOP, NOVEMBER_NOW);
    expect(first.status.reachedThreshold).toBe(80);
    expect(first.toast).toMatchObject({ threshold: 80, isError: false });
    expect(first.toast?.message).toMatch(/^AI spend reached 80% of this month's \$\d+\.\d\d budget$/);

    const reload = await checkBudgetAlerts(SHOP, new Date(NOVEMBER_NOW.getTime() + 60_000));
    expect(reload.status.reachedThreshold).toBe(80);
    expect(reload.toast).toBeNull();

    const alerts = await listBudgetAlerts(SHOP);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      shop: SHOP,
      monthKey: "2026-11",
      threshold: 80,
      budgetPicos: budget,
      spentPicos: novemberSpend,
      crossedAt: NOVEMBER_NOW,
      notifiedAt: NOVEMBER_NOW,
    });
  });

  test("two pages loading at the same moment toast a new crossing once between them", async () => {
    await updateBudgetSettings(SHOP, { monthlyBudgetPicos: budgetAt(novemberSpend, 95n), hardCap: false });
    const results = await Promise.all([checkBudgetAlerts(SHOP, NOVEMBER_NOW), checkBudgetAlerts(SHOP, NOVEMBER_NOW)]);
    expect(results.map((result) => result.toast?.threshold ?? null).sort()).toEqual([90, null]);
    expect((await listBudgetAlerts(SHOP)).map((alert) => alert.threshold)).toEqual([90, 80]);
  });

  test("going over the budget with a hard cap toasts the 100 % alert as an error naming the day calls resume", async () => {
    await updateBudgetSettings(SHOP, { monthlyBudgetPicos: budgetAt(novemberSpend, 120n), hardCap: true });
    const { status, toast } = await checkBudgetAlerts(SHOP, NOVEMBER_NOW);
    expect(status).toMatchObject({ reachedThreshold: 100, hardCap: true });
    expect(toast).toMatchObject({ threshold: 100, isError: true });
    expect(toast?.message).toContain("new Claude calls are paused until Dec 1, 2026");
    expect((await checkBudgetAlerts(SHOP, NOVEMBER_NOW)).toast).toBeNull();
  });

  test("a budget raised later in the month brings no second toast for a threshold already crossed", async () => {
    await updateBudgetSettings(SHOP, { monthlyBudgetPicos: budgetAt(novemberSpend, 10n), hardCap: false });
    expect((await checkBudgetAlerts(SHOP, NOVEMBER_NOW)).status.reachedThreshold).toBeNull();
    await updateBudgetSettings(SHOP, { monthlyBudgetPicos: budgetAt(novemberSpend, 150n), hardCap: false });
    expect((await checkBudgetAlerts(SHOP, NOVEMBER_NOW)).toast).toBeNull();
    expect(await prisma.budgetAlert.count({ where: { shop: SHOP } })).toBe(3);
  });

  test("the month follows the shop's time zone: 23:30 on Nov 30 in New York is still November", async () => {
    // 04:30 UTC on Dec 1 is 23:30 EST on Nov 30.
    const { status, toast } = await checkBudgetAlerts(SHOP, new Date("2026-12-01T04:30:00Z"));
    expect(status.monthKey).toBe("2026-11");
    expect(status.reachedThreshold).toBe(100);
    expect(toast).toBeNull();
  });

  test("a new local month starts over: its own crossings, one toast for the highest of them", async () => {
    // 00:30 EST on Dec 1: December has no spend yet.
    const earlyDecember = new Date("2026-12-01T05:30:00Z");
    const quiet = await checkBudgetAlerts(SHOP, earlyDecember);
    expect(quiet.status).toMatchObject({
      monthKey: "2026-12",
      spentPicos: 0n,
      reachedThreshold: null,
      resetsOn: "2027-01-01",
    });
    expect(quiet.toast).toBeNull();

    await trackAPIUsage(callParams(SHOP, { timestamp: new Date("2026-12-01T06:00:00Z") }));
    await getUsageRecorder().drain();
    const decemberNow = new Date("2026-12-01T07:00:00Z");
    const decemberSpend = await monthToDateSpendPicos(SHOP, TIME_ZONE, decemberNow);
    await updateBudgetSettings(SHOP, { monthlyBudgetPicos: budgetAt(decemberSpend, 150n), hardCap: false });
    const { status, toast } = await checkBudgetAlerts(SHOP, decemberNow);
    expect(status).toMatchObject({ monthKey: "2026-12", reachedThreshold: 100 });
    expect(toast?.threshold).toBe(100);

    const december = await prisma.budgetAlert.findMany({
      where: { shop: SHOP, monthKey: "2026-12" },
      orderBy: { threshold: "asc" },
    });
    expect(december.map((alert) => alert.threshold)).toEqual([80, 90, 100]);
    expect(december.every((alert) => alert.notifiedAt !== null)).toBe(true);
    expect(await prisma.budgetAlert.count({ where: { shop: SHOP, monthKey: "2026-11" } })).toBe(3);
  });

  test("another shop's alerts stay its own, and a shop without a budget gets none", async () => {
    expect(await checkBudgetAlerts(OTHER, NOVEMBER_NOW)).toMatchObject({
      toast: null,
      status: { budgetPicos: null, reachedThreshold: null },
    });
    expect(await listBudgetAlerts(OTHER)).toEqual([]);
  });
});
