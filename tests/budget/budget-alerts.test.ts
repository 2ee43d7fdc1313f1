import { beforeAll, describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { getUsageRecorder, trackAPIUsage } from "~/lib/usage/index.server";
import {
  claimBudgetAlerts,
  listBudgetAlerts,
  monthToDateSpendPicos,
  readBudgetAlerts,
  thresholdsReached,
  updateBudgetSettings,
} from "~/lib/budget/index.server";
import { callParams, createShop } from "../support/usage-fixtures";

const SHOP = "alerts-shop.myshopify.com";
const OTHER = "other-alerts-shop.myshopify.com";
const WRITER_SHOP = "writer-alerts-shop.myshopify.com";
const TIME_ZONE = "America/New_York";
// Mid-November in New York.
const NOVEMBER_NOW = new Date("2026-11-20T17:00:00Z");

let novemberSpend: bigint;

/** A budget that puts this month's spend at `percent` of it (rounded so the spend is at least that share). */
function budgetAt(spent: bigint, percent: bigint): bigint {
  return (spent * 100n) / percent;
}

async function track(shop: string, timestamp: Date, outputTokens = 500): Promise<void> {
  await trackAPIUsage(callParams(shop, { timestamp, outputTokens }));
  await getUsageRecorder().drain();
}

beforeAll(async () => {
  await createShop(SHOP, TIME_ZONE);
  await createShop(OTHER, TIME_ZONE);
  await createShop(WRITER_SHOP, TIME_ZONE);
  for (const day of ["03", "10", "17"]) await track(SHOP, new Date(`2026-11-${day}T15:00:00Z`));
  // October's spend is not this month's.
  await track(SHOP, new Date("2026-10-20T15:00:00Z"), 90_000);
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

describe("a crossing is recorded where the spend that crosses it is written", () => {
  test("a tracked call that takes the month over 80 % records the crossing in its own write, at its time", async () => {
    const first = new Date("2026-11-05T15:00:00Z");
    await track(WRITER_SHOP, first);
    const oneCall = await monthToDateSpendPicos(WRITER_SHOP, TIME_ZONE, NOVEMBER_NOW);
    // One more call of the same size takes the month from 50 % to 100 %.
    await updateBudgetSettings(WRITER_SHOP, { monthlyBudgetPicos: oneCall * 2n, hardCap: false }, NOVEMBER_NOW);
    expect(await listBudgetAlerts(WRITER_SHOP)).toEqual([]);

    const crossing = new Date("2026-11-06T15:00:00Z");
    await track(WRITER_SHOP, crossing);
    const alerts = await listBudgetAlerts(WRITER_SHOP);
    expect(alerts.map((alert) => alert.threshold)).toEqual([100, 90, 80]);
    expect(alerts.every((alert) => alert.crossedAt.getTime() === crossing.getTime())).toBe(true);
    expect(alerts.every((alert) => alert.spentPicos === oneCall * 2n && alert.notifiedAt === null)).toBe(true);

    // Spend written again (a later call) records nothing twice.
    await track(WRITER_SHOP, new Date("2026-11-07T15:00:00Z"));
    expect(await prisma.budgetAlert.count({ where: { shop: WRITER_SHOP } })).toBe(3);
  });
});

describe("budget alerts over a month", () => {
  test("below 80 % nothing is recorded or toasted", async () => {
    await updateBudgetSettings(
      SHOP,
      { monthlyBudgetPicos: budgetAt(novemberSpend, 50n), hardCap: false },
      NOVEMBER_NOW,
    );
    const { status, toast } = await readBudgetAlerts(SHOP, NOVEMBER_NOW);
    expect(status).toMatchObject({
      monthKey: "2026-11",
      spentPicos: novemberSpend,
      reachedThreshold: null,
      resetsOn: "2026-12-01",
    });
    expect(status.usedPercent).toBeCloseTo(50, 1);
    expect(toast).toBeNull();
    expect(await prisma.budgetAlert.count({ where: { shop: SHOP } })).toBe(0);
  });

  test("a budget lowered under the spend records the 80 % crossing; pages read it until one claims it", async () => {
    const budget = budgetAt(novemberSpend, 85n);
    await updateBudgetSettings(SHOP, { monthlyBudgetPicos: budget, hardCap: false }, NOVEMBER_NOW);

    const first = await readBudgetAlerts(SHOP, NOVEMBER_NOW);
    const again = await readBudgetAlerts(SHOP, new Date(NOVEMBER_NOW.getTime() + 60_000));
    expect(first.status.reachedThreshold).toBe(80);
    expect(first.toast).toMatchObject({ threshold: 80, isError: false });
    expect(first.toast?.message).toMatch(/^AI spend reached 80% of this month's \$\d+\.\d\d budget$/);
    // Reading changes nothing: the second load offers the same alert.
    expect(again.toast).toEqual(first.toast);

    const claimedAt = new Date(NOVEMBER_NOW.getTime() + 120_000);
    expect(await claimBudgetAlerts(SHOP, first.toast!.alertIds, claimedAt)).toMatchObject({ threshold: 80 });
    expect(await claimBudgetAlerts(SHOP, first.toast!.alertIds, claimedAt)).toBeNull();
    expect((await readBudgetAlerts(SHOP, claimedAt)).toast).toBeNull();

    const alerts = await listBudgetAlerts(SHOP);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      shop: SHOP,
      monthKey: "2026-11",
      threshold: 80,
      budgetPicos: budget,
      spentPicos: novemberSpend,
      crossedAt: NOVEMBER_NOW,
      notifiedAt: claimedAt,
    });
  });

  test("two tabs claiming a new crossing at the same moment toast it once between them", async () => {
    await updateBudgetSettings(
      SHOP,
      { monthlyBudgetPicos: budgetAt(novemberSpend, 95n), hardCap: false },
      NOVEMBER_NOW,
    );
    const { toast } = await readBudgetAlerts(SHOP, NOVEMBER_NOW);
    expect(toast?.threshold).toBe(90);
    const results = await Promise.all([
      claimBudgetAlerts(SHOP, toast!.alertIds, NOVEMBER_NOW),
      claimBudgetAlerts(SHOP, toast!.alertIds, NOVEMBER_NOW),
    ]);
    expect(results.map((result) => result?.threshold ?? null).sort()).toEqual([90, null]);
    expect((await listBudgetAlerts(SHOP)).map((alert) => alert.threshold)).toEqual([90, 80]);
  });

  test("going over the budget with a hard cap toasts the 100 % alert as an error naming the day calls resume", async () => {
    await updateBudgetSettings(
      SHOP,
      { monthlyBudgetPicos: budgetAt(novemberSpend, 120n), hardCap: true },
      NOVEMBER_NOW,
    );
    const { status, toast } = await readBudgetAlerts(SHOP, NOVEMBER_NOW);
    expect(status).toMatchObject({ reachedThreshold: 100, hardCap: true });
    expect(toast).toMatchObject({ threshold: 100, isError: true });
    expect(toast?.message).toContain("new Claude calls are paused until Dec 1, 2026");
    expect(await claimBudgetAlerts(SHOP, toast!.alertIds, NOVEMBER_NOW)).toMatchObject({ threshold: 100 });
    expect((await readBudgetAlerts(SHOP, NOVEMBER_NOW)).toast).toBeNull();
  });

  test("a budget raised later in the month brings no second toast for a threshold already crossed", async () => {
    await updateBudgetSettings(
      SHOP,
      { monthlyBudgetPicos: budgetAt(novemberSpend, 10n), hardCap: false },
      NOVEMBER_NOW,
    );
    expect((await readBudgetAlerts(SHOP, NOVEMBER_NOW)).status.reachedThreshold).toBeNull();
    await updateBudgetSettings(
      SHOP,
      { monthlyBudgetPicos: budgetAt(novemberSpend, 150n), hardCap: false },
      NOVEMBER_NOW,
    );
    expect((await readBudgetAlerts(SHOP, NOVEMBER_NOW)).toast).toBeNull();
    expect(await prisma.budgetAlert.count({ where: { shop: SHOP } })).toBe(3);
  });

  test("the month follows the shop's time zone: 23:30 on Nov 30 in New York is still November", async () => {
    // 04:30 UTC on Dec 1 is 23:30 EST on Nov 30.
    const { status, toast } = await readBudgetAlerts(SHOP, new Date("2026-12-01T04:30:00Z"));
    expect(status.monthKey).toBe("2026-11");
    expect(status.reachedThreshold).toBe(100);
    expect(toast).toBeNull();
  });

  test("a new local month starts over: its own crossings, one toast for the highest of them", async () => {
    // 00:30 EST on Dec 1: December has no spend yet.
    const earlyDecember = new Date("2026-12-01T05:30:00Z");
    const quiet = await readBudgetAlerts(SHOP, earlyDecember);
    expect(quiet.status).toMatchObject({
      monthKey: "2026-12",
      spentPicos: 0n,
      reachedThreshold: null,
      resetsOn: "2027-01-01",
    });
    expect(quiet.toast).toBeNull();

    // A budget far below one call: December's first call crosses every threshold as it is written.
    await updateBudgetSettings(SHOP, { monthlyBudgetPicos: 1n, hardCap: false }, earlyDecember);
    await track(SHOP, new Date("2026-12-01T06:00:00Z"));
    const decemberNow = new Date("2026-12-01T07:00:00Z");
    const { status, toast } = await readBudgetAlerts(SHOP, decemberNow);
    expect(status).toMatchObject({ monthKey: "2026-12", reachedThreshold: 100 });
    expect(toast?.threshold).toBe(100);
    expect(toast?.alertIds).toHaveLength(3);
    expect(await claimBudgetAlerts(SHOP, toast!.alertIds, decemberNow)).toMatchObject({ threshold: 100 });

    const december = await prisma.budgetAlert.findMany({
      where: { shop: SHOP, monthKey: "2026-12" },
      orderBy: { threshold: "asc" },
    });
    expect(december.map((alert) => alert.threshold)).toEqual([80, 90, 100]);
    expect(december.every((alert) => alert.notifiedAt !== null)).toBe(true);
    expect(await prisma.budgetAlert.count({ where: { shop: SHOP, monthKey: "2026-11" } })).toBe(3);
  });

  test("another shop's alerts stay its own: it cannot claim them, and a shop without a budget gets none", async () => {
    // The writer test's shop has crossings nobody has claimed yet.
    const pending = await prisma.budgetAlert.findMany({ where: { shop: WRITER_SHOP, notifiedAt: null } });
    expect(pending.length).toBeGreaterThan(0);
    expect(
      await claimBudgetAlerts(
        OTHER,
        pending.map((alert) => alert.id),
      ),
    ).toBeNull();
    expect(await prisma.budgetAlert.count({ where: { shop: WRITER_SHOP, notifiedAt: null } })).toBe(pending.length);

    expect(await readBudgetAlerts(OTHER, NOVEMBER_NOW)).toMatchObject({
      toast: null,
      status: { budgetPicos: null, reachedThreshold: null },
    });
    expect(await listBudgetAlerts(OTHER)).toEqual([]);
  });
});
