import { afterAll, beforeAll, describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { toWire } from "~/lib/wire";
import { loader as analyticsLoader } from "~/routes/app.analytics";
import { loader as homeLoader } from "~/routes/app._index";
import {
  comparePeriods,
  getCacheEfficiency,
  getCurrentMonthUsage,
  getDailyUsageTrends,
  getUsageByEndpoint,
  getUsageByModel,
  getUsageByResourceType,
  getUsageByUser,
  getUsageTotals,
  predictNextMonthUsage,
  todayOf,
  type BreakdownRow,
} from "~/lib/analytics/index.server";
import { getUsageRecorder, trackAPIUsage } from "~/lib/usage/index.server";
import { addDays, previousMonthOf, previousPeriodOf } from "~/lib/time";
import type { AnalyticsOverview } from "~/lib/analytics";
import { adminRequest, installShop, responseOf } from "../support/shopify-auth";
import { createSeoShopifyMock, fixtureCatalog } from "../support/shopify-fixtures/seo-store";
import { DemoStore } from "../../demo/shopify/demo-store";
import { seedShopUsage } from "../support/analytics-seed";
import { callParams } from "../support/usage-fixtures";

const SHOP_A = "alpine-gear.myshopify.com";
const SHOP_B = "bombay-threads.myshopify.com";
const SHOP_EMPTY = "brand-new.myshopify.com";

// Every shop here has its settings row, so no loader asks Shopify for anything but Home's catalog (its SEO status).
const adminApi = createSeoShopifyMock();

type Overview = AnalyticsOverview & { viewerUserId: string | null };

const args = (request: Request) => ({ request, params: {}, context: {} });

async function overviewFor(shop: string, query = "", staffUserId = "1001"): Promise<Overview> {
  const response = await responseOf(async () =>
    analyticsLoader(args(await adminRequest(shop, `/app/analytics${query}`, { staffUserId }))),
  );
  const data = (await response.json()) as Overview;
  // A range the page cannot use is a 400 that still carries the page (this month, and why).
  expect(response.status).toBe(data.rangeError ? 400 : 200);
  return data;
}

function breakdownCosts(rows: Array<{ key: string; current: { costPicos: string; calls: number } }>) {
  return rows.filter((row) => row.current.calls > 0).map((row) => [row.key, row.current.costPicos, row.current.calls]);
}

function libraryCosts(rows: BreakdownRow[]) {
  return rows.map((row) => [row.key, row.costPicos.toString(), row.calls]);
}

beforeAll(async () => {
  adminApi.server.listen({ onUnhandledRequest: "error" });
  for (const shop of [SHOP_A, SHOP_B, SHOP_EMPTY]) await installShop(shop);
  await seedShopUsage(prisma, {
    shop: SHOP_A,
    name: "Alpine Gear",
    ianaTimezone: "America/New_York",
    staff: ["1001", "1002"],
    calls: 1_500,
    days: 75,
    seed: 7,
  });
  await seedShopUsage(prisma, {
    shop: SHOP_B,
    name: "Bombay Threads",
    ianaTimezone: "Asia/Kolkata",
    staff: ["2001"],
    calls: 400,
    days: 40,
    seed: 11,
  });
  await prisma.shop.create({ data: { shop: SHOP_EMPTY, name: "Brand New", ianaTimezone: "Europe/Berlin" } });
  // A call to a model the price catalog does not know: its cost is unknown, never $0.
  await trackAPIUsage(
    callParams(SHOP_A, {
      model: "claude-imaginary-9",
      endpoint: "chat",
      userId: "1001",
      timestamp: new Date(Date.now() - 30_000),
    }),
  );
  await getUsageRecorder().drain();
});

afterAll(() => adminApi.server.close());

describe("the AI usage loader through authenticate.admin", () => {
  test("the figures for this month equal what the usage library computes for the shop", async () => {
    const data = await overviewFor(SHOP_A);
    const scope = { shop: SHOP_A };
    const month = await getCurrentMonthUsage(scope);

    expect(data.preset).toBe("this-month");
    expect(data.rangeError).toBeNull();
    expect(data.hasUsage).toBe(true);
    expect({ from: data.range.from, to: data.range.to }).toEqual(month.range);
    expect(data.totals).toEqual(toWire(month.totals));
    expect(month.totals.calls).toBeGreaterThan(0);

    // This month so far is compared with the same days of last month, the last one up to the same hour.
    const lastMonth = previousMonthOf(month.range.from);
    expect(data.previousRange.from).toBe(lastMonth.from);
    expect(data.comparison.range).toMatchObject({ from: data.previousRange.from, to: data.previousRange.to });
    const comparison = await comparePeriods(scope, month.range, data.comparison.range);
    expect(data.previousTotals).toEqual(toWire(comparison.previous));

    expect(breakdownCosts(data.breakdowns.model)).toEqual(libraryCosts(await getUsageByModel(scope, month.range)));
    expect(breakdownCosts(data.breakdowns.endpoint)).toEqual(
      libraryCosts(await getUsageByEndpoint(scope, month.range)),
    );
    expect(breakdownCosts(data.breakdowns.resourceType)).toEqual(
      libraryCosts(await getUsageByResourceType(scope, month.range)),
    );
    expect(breakdownCosts(data.breakdowns.userId)).toEqual(libraryCosts(await getUsageByUser(scope, month.range)));

    const trend = await getDailyUsageTrends(scope, month.range);
    const drawn = data.trend.filter((point) => point.currentDay !== null);
    expect(drawn.map((point) => [point.currentDay, point.current?.costPicos, point.current?.calls])).toEqual(
      trend.map((point) => [point.day, point.costPicos.toString(), point.calls]),
    );

    const cache = await getCacheEfficiency(scope, month.range);
    expect(data.cache.current.savingsPicos).toBe(cache.savingsPicos.toString());
    expect(data.cache.current.cacheReadTokens).toBe(cache.cacheReadTokens.toString());

    const today = await todayOf(scope);
    const todayTotals = await getUsageTotals(scope, { from: today, to: today });
    expect(data.todayTotals).toEqual({
      day: today,
      costPicos: todayTotals.costPicos.toString(),
      calls: todayTotals.calls,
      unpricedCalls: todayTotals.unpricedCalls,
    });

    const forecast = await predictNextMonthUsage(scope);
    expect(data.forecast.monthToDatePicos).toBe(forecast.monthToDatePicos.toString());
    expect(data.forecast.dailyRatePicos).toBe(forecast.dailyRatePicos.toString());
  });

  test("a call of unknown price is counted as unknown, not priced at $0", async () => {
    const data = await overviewFor(SHOP_A);
    expect(data.totals.unpricedCalls).toBe(1);
    const imaginary = data.breakdowns.model.find((row) => row.key === "claude-imaginary-9");
    expect(imaginary?.current).toMatchObject({ calls: 1, unpricedCalls: 1, costPicos: "0" });
  });

  test("the comparison gives each card and breakdown row its change against the previous period", async () => {
    const data = await overviewFor(SHOP_A, "?range=last-30-days");
    const range = { from: data.range.from, to: data.range.to };
    const previous = previousPeriodOf(range);
    expect({ from: data.previousRange.from, to: data.previousRange.to }).toEqual(previous);

    // Last 30 days end today: the 30 days before count their last day up to the same hour.
    expect(data.comparison.range).toMatchObject(previous);
    const comparison = await comparePeriods({ shop: SHOP_A }, range, data.comparison.range);
    expect(data.totals).toEqual(toWire(comparison.current));
    expect(data.previousTotals).toEqual(toWire(comparison.previous));
    expect(BigInt(data.changes.cost.delta)).toBe(comparison.current.costPicos - comparison.previous.costPicos);
    expect(data.changes.calls.delta).toBe(String(comparison.current.calls - comparison.previous.calls));

    const previousByModel = new Map(
      (await getUsageByModel({ shop: SHOP_A }, data.comparison.range)).map((row) => [row.key, row]),
    );
    for (const row of data.breakdowns.model) {
      const before = previousByModel.get(row.key);
      expect(row.previous.costPicos).toBe((before?.costPicos ?? 0n).toString());
      expect(BigInt(row.costChange.delta)).toBe(BigInt(row.current.costPicos) - (before?.costPicos ?? 0n));
      if (!before || before.costPicos === 0n) expect(row.costChange.kind).toMatch(/new|same/);
    }
    // The unknown-price model exists only in this period: it is "new" in calls.
    expect(data.breakdowns.model.find((row) => row.key === "claude-imaginary-9")?.callsChange.kind).toBe("new");
  });

  test("another shop's session token sees only that shop's figures", async () => {
    const b = await overviewFor(SHOP_B, "?range=last-90-days", "2001");
    const range = { from: b.range.from, to: b.range.to };
    const bTotals = await getUsageTotals({ shop: SHOP_B }, range);
    const aTotals = await getUsageTotals({ shop: SHOP_A }, range);

    expect(b.totals).toEqual(toWire(bTotals));
    expect(b.totals.calls).toBe(400);
    expect(b.totals.costPicos).not.toBe(aTotals.costPicos.toString());
    expect(b.timeZone).toBe("Asia/Kolkata");
    // Shop A's staff members and its unknown model never appear for shop B.
    expect(b.breakdowns.userId.map((row) => row.key).sort()).toEqual(["2001", "automation"]);
    expect(b.breakdowns.model.map((row) => row.key)).not.toContain("claude-imaginary-9");
    // The signed-in staff member reads "You"; background work and others are named, never shown as bare ids.
    expect(b.breakdowns.userId.find((row) => row.key === "2001")?.label).toBe("You");
    expect(b.breakdowns.userId.find((row) => row.key === "automation")?.label).toBe("The app (no staff member)");
  });

  test("a staff member is named from this shop's newest online session, never from another shop's", async () => {
    const online = (id: string, shop: string, firstName: string, expires: string) =>
      prisma.session.create({
        data: {
          id,
          shop,
          state: "s",
          accessToken: "t",
          isOnline: true,
          userId: 1002n,
          firstName,
          lastName: "Hopper",
          expires: new Date(expires),
        },
      });
    await online(`${SHOP_A}_1002_old`, SHOP_A, "Gracie", "2026-01-01T00:00:00Z");
    await online(`${SHOP_A}_1002`, SHOP_A, "Grace", "2026-06-01T00:00:00Z");
    await online(`${SHOP_B}_1002`, SHOP_B, "Not", "2027-01-01T00:00:00Z");
    try {
      const a = await overviewFor(SHOP_A);
      expect(a.breakdowns.userId.find((row) => row.key === "1002")?.label).toBe("Grace Hopper");
      expect(a.breakdowns.userId.find((row) => row.key === "1001")?.label).toBe("You");
    } finally {
      await prisma.session.deleteMany({
        where: { id: { in: [`${SHOP_A}_1002_old`, `${SHOP_A}_1002`, `${SHOP_B}_1002`] } },
      });
    }
  });

  test("a shop with no calls gets the empty state and zeros, not another shop's data", async () => {
    const data = await overviewFor(SHOP_EMPTY);
    expect(data.hasUsage).toBe(false);
    expect(data.totals.calls).toBe(0);
    expect(data.totals.costPicos).toBe("0");
    expect(Object.values(data.breakdowns).flat()).toEqual([]);
    expect(data.trend.every((point) => point.current === null || point.current.calls === 0)).toBe(true);
  });

  test.each([
    ["?range=forever", '"forever" is not a date range this page knows.'],
    ["?range=custom&from=2026-13-01&to=2026-13-05", "Dates must be real days written as YYYY-MM-DD."],
    ["?range=custom&from=2026-10-09&to=2026-10-01", "The start date is after the end date."],
    ["?range=custom&from=2020-01-01&to=2022-01-01", "A range can cover at most 366 days."],
    ["?range=custom&from=0000-01-01&to=0000-01-05", "The start date is before 2000-01-01."],
    ["?range=custom&from=9999-12-30&to=9999-12-31", "The end date is after today (TODAY)."],
  ])("bad range params (%s) give a clear message and this month, not a 500", async (query, message) => {
    const data = await overviewFor(SHOP_A, query);
    expect(data.rangeError).toBe(message.replace("TODAY", await todayOf({ shop: SHOP_A })));
    expect(data.preset).toBe("this-month");
    const month = await getCurrentMonthUsage({ shop: SHOP_A });
    expect(data.totals).toEqual(toWire(month.totals));
  });

  test("a custom range from the URL is the range the figures are for", async () => {
    const today = await todayOf({ shop: SHOP_A });
    const range = { from: addDays(today, -20), to: addDays(today, -10) };
    const data = await overviewFor(SHOP_A, `?range=custom&from=${range.from}&to=${range.to}`);
    expect(data.rangeError).toBeNull();
    expect(data.trend).toHaveLength(11);
    expect(data.totals).toEqual(toWire(await getUsageTotals({ shop: SHOP_A }, range)));
  });

  test("over the last 30 days, both trend lines and the previous period's breakdowns equal what the library computes", async () => {
    const scope = { shop: SHOP_A };
    const data = await overviewFor(SHOP_A, "?range=last-30-days");
    const range = { from: data.range.from, to: data.range.to };
    expect(data.totals).toEqual(toWire(await getUsageTotals(scope, range)));
    const [trend, trendBefore] = await Promise.all([
      getDailyUsageTrends(scope, range),
      getDailyUsageTrends(scope, { from: data.trendPreviousRange.from, to: data.trendPreviousRange.to }),
    ]);
    const line = (which: "current" | "previous") =>
      data.trend
        .filter((point) => point[which] !== null)
        .map((point) => [point[which]!.costPicos, point[which]!.calls, point[which]!.tokens]);
    const libraryLine = (points: typeof trend) =>
      points.map((point) => [point.costPicos.toString(), point.calls, point.totalTokens.toString()]);
    expect(line("current")).toEqual(libraryLine(trend));
    expect(line("previous")).toEqual(libraryLine(trendBefore));
    // The seeded shop has calls in both periods, so the comparison is not zeros against zeros.
    expect(trend.some((point) => point.calls > 0) && trendBefore.some((point) => point.calls > 0)).toBe(true);

    const previousModels = await getUsageByModel(scope, data.comparison.range);
    expect(
      data.breakdowns.model
        .filter((row) => row.previous.calls > 0)
        .map((row) => [row.key, row.previous.costPicos, row.previous.calls]),
    ).toEqual(expect.arrayContaining(previousModels.map((row) => [row.key, row.costPicos.toString(), row.calls])));
    expect(data.breakdowns.model.filter((row) => row.previous.calls > 0)).toHaveLength(previousModels.length);
  });

  test("a custom range of a whole year, and one years back, draw every day as the library computes it", async () => {
    const scope = { shop: SHOP_A };
    const today = await todayOf(scope);
    for (const range of [
      { from: addDays(today, -365), to: today },
      { from: addDays(today, -1_200), to: addDays(today, -1_000) },
    ]) {
      const data = await overviewFor(SHOP_A, `?range=custom&from=${range.from}&to=${range.to}`);
      expect(data.rangeError).toBeNull();
      expect({ from: data.range.from, to: data.range.to }).toEqual(range);
      const trend = await getDailyUsageTrends(scope, range);
      const line = data.trend.flatMap((point) => (point.current ? [[point.currentDay, point.current.costPicos]] : []));
      expect(line).toEqual(trend.map((point) => [point.day, point.costPicos.toString()]));
      expect(data.totals).toEqual(toWire(await getUsageTotals(scope, range)));
    }
  });

  test("a request without a valid session token gets no figures", async () => {
    const response = await responseOf(async () =>
      analyticsLoader(args(await adminRequest(SHOP_A, "/app/analytics", { secret: "not-the-app-secret" }))),
    );
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toContain("costPicos");
  });
});

describe("the Home page", () => {
  test("shows this month's cost as the usage library computes it, beside where the store's SEO stands", async () => {
    adminApi.serve(new DemoStore(fixtureCatalog(12)));
    const result = (await homeLoader(args(await adminRequest(SHOP_A, "/app")))) as unknown as {
      data: {
        shopName: string;
        month: { totals: unknown };
        seo: Promise<{ summary: { products: number; productsMissingMeta: number }; next: { label: string } | null }>;
      };
    };
    const month = await getCurrentMonthUsage({ shop: SHOP_A });
    expect(result.data.shopName).toBe("Alpine Gear");
    expect(result.data.month.totals).toEqual(toWire(month.totals));
    // The SEO status comes from the catalog, read from Shopify after the page's figures.
    const seo = await result.data.seo;
    expect(seo.summary.products).toBe(12);
    expect(seo.next?.label).toBe(`Write meta titles and descriptions for ${seo.summary.productsMissingMeta} products`);
    expect(adminApi.calls.map((call) => call.operationName)).toEqual(["SeoCatalogProducts"]);
  });
});
