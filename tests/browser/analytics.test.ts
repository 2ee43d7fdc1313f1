import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import prisma from "~/db.server";
import { DEMO_DEFAULTS } from "../../demo/constants";
import { formatUsd } from "~/lib/money";
import { usd, usdExact } from "~/lib/format";
import { getCurrentMonthUsage, getUsageTotals, todayOf } from "~/lib/analytics/index.server";
import { pendingCallFrom, writeUsageBatch } from "~/lib/usage/index.server";
import { addDays, daysInRange } from "~/lib/time";
import { saveScreenshot, seriousAccessibilityViolations, type TestPage } from "../support/browser";
import { seedShopUsage } from "../support/analytics-seed";
import { artifactsDir } from "../support/paths";
import { callParams } from "../support/usage-fixtures";
import { demoBrowserForFile } from "../support/demo-browser";
import { countRevalidations, isDataRequestFor, pauseClock, remixSettled, setVisibility } from "../support/page-clock";

/**
 * The AI usage page in Chromium, served by the production build in demo mode from a database this file seeded
 * (the demo shop with ~70 days of synthetic calls), so every figure on the page can be checked against the usage
 * library reading the same file.
 */
const SHOP = DEMO_DEFAULTS.shop;
const SCOPE = { shop: SHOP };

const demo = demoBrowserForFile({
  useTestDatabase: true,
  prepare: async () => {
    await seedShopUsage(prisma, {
      shop: SHOP,
      name: DEMO_DEFAULTS.shopName,
      ianaTimezone: "America/New_York",
      staff: [DEMO_DEFAULTS.staffUserId, "90002", "90003"],
      calls: 3_000,
      days: 70,
      seed: 2026,
    });
  },
});

/** Sums layout shifts not caused by input (the CLS of the page so far), from the moment the document starts. */
const CLS_OBSERVER = `
  window.__layoutShift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
`;

/**
 * Opens the page. With `pausedClock`, the page's clock is installed before it loads and paused once it is drawn:
 * from then on its 10-second live refresh fires only when the test moves the clock.
 */
async function openAnalytics(
  options: { pausedClock?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<TestPage> {
  const testPage = await demo.newPage({ initScript: CLS_OBSERVER, viewport: options.viewport });
  if (options.pausedClock) await testPage.page.clock.install();
  await demo.launch(testPage, "/app/analytics");
  await testPage.page.getByRole("heading", { level: 1, name: "AI usage" }).waitFor();
  await chartDrawn(testPage.page);
  if (options.pausedClock) await pauseClock(testPage.page);
  return testPage;
}

/** What the merchant is promised: new calls show within 10 seconds while the page is open. */
const LIVE_REFRESH_MS = 10_000;
const PAGE_ROUTE = "routes/app.analytics";

// Recharts 3 draws line dots in their own layer, after the lines. Only the chosen period has dots (the previous
// period's is a plain dashed line): one per complete day, and today's hollow "so far" point, so every dot is one day
// of the chosen range.
const TREND_DOTS = ".recharts-line-dots circle.recharts-line-dot, circle.trend-partial-day";

/** The trend chart is code-split: wait until its chosen-period line has drawn its points. */
async function chartDrawn(page: Page): Promise<void> {
  await page.locator(TREND_DOTS).first().waitFor({ state: "attached", timeout: 15_000 });
}

async function currentPointCount(page: Page): Promise<number> {
  return page.locator(TREND_DOTS).count();
}

async function text(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).textContent()) ?? "";
}

describe("the AI usage page in Chromium", () => {
  test("shows this month's totals as the usage library computes them, and one chart point per day", async () => {
    const { page, diagnostics } = await openAnalytics();
    const month = await getCurrentMonthUsage(SCOPE);
    expect(month.totals.calls).toBeGreaterThan(0);

    expect(await text(page, "cost-total")).toBe(formatUsd(month.totals.costPicos, 2));
    expect(await text(page, "calls-total")).toBe(month.totals.calls.toLocaleString("en-US"));
    expect(await text(page, "tokens-total")).toBe(month.totals.totalTokens.toLocaleString("en-US"));
    // Dollars and cents on the card, the exact amount on hover.
    await expect(
      page
        .getByTitle(`Exactly ${usdExact(month.totals.costPicos)}`)
        .first()
        .isVisible(),
    ).resolves.toBe(true);

    // This month so far: one point per local day from the 1st to today.
    expect(await currentPointCount(page)).toBe(daysInRange(month.range));
    await expect(page.getByRole("button", { name: "Cost", pressed: true }).isVisible()).resolves.toBe(true);

    await page.waitForLoadState("networkidle");
    await saveScreenshot(page, "analytics-overview");
    await page.getByRole("heading", { level: 2, name: "Where the money goes" }).scrollIntoViewIfNeeded();
    await page.evaluate(() => document.querySelector("h2")?.ownerDocument.defaultView?.scrollBy(0, -80));
    await page.screenshot({ path: `${artifactsDir}/analytics-breakdowns.png` });

    const cls = await page.evaluate(() => (window as unknown as { __layoutShift: number }).__layoutShift);
    expect(cls).toBeLessThan(0.05);
    expect(diagnostics.pageErrors).toEqual([]);
    expect(diagnostics.consoleErrors).toEqual([]);
    expect(diagnostics.blockedRequests).toEqual([]);
  });

  test("the metric switch and the range picker work from the keyboard, and the range goes into the URL", async () => {
    const { page } = await openAnalytics();
    await page.getByRole("button", { name: "Calls", exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Calls", pressed: true }).isVisible()).resolves.toBe(true);

    // Tab order: the range select, then Apply. Arrow keys move through the options without applying them.
    const rangeSelect = page.getByRole("combobox", { name: "Date range" });
    await rangeSelect.focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect(rangeSelect.inputValue()).resolves.toBe("last-7-days");
    expect(new URL(page.url()).searchParams.get("range")).toBeNull();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.searchParams.get("range") === "last-7-days");
    await page.getByText(/^Showing .* Days follow/).waitFor();
    await chartDrawn(page);
    await expect.poll(() => currentPointCount(page)).toBe(7);

    const today = await todayOf(SCOPE);
    const lastWeek = await getUsageTotals(SCOPE, { from: addDays(today, -6), to: today });
    expect(await text(page, "calls-total")).toBe(lastWeek.calls.toLocaleString("en-US"));
  });

  test("a range the page cannot use shows a warning banner and this month, not an error page", async () => {
    const { page, diagnostics } = await openAnalytics();
    const response = await page.goto(`${page.url()}&range=custom&from=2026-02-30&to=2026-03-02`);
    expect(response?.status()).toBe(400);
    await expect(page.getByText("That date range can't be shown").isVisible()).resolves.toBe(true);
    await expect(
      page.getByText("Dates must be real days written as YYYY-MM-DD.", { exact: false }).isVisible(),
    ).resolves.toBe(true);
    const month = await getCurrentMonthUsage(SCOPE);
    expect(await text(page, "calls-total")).toBe(month.totals.calls.toLocaleString("en-US"));
    expect(diagnostics.pageErrors).toEqual([]);
  });

  test("a call tracked while the page is open appears within 10 seconds, without a reload", async () => {
    const { page, diagnostics } = await openAnalytics({ pausedClock: true });
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const before = await getCurrentMonthUsage(SCOPE);
    expect(await text(page, "calls-total")).toBe(before.totals.calls.toLocaleString("en-US"));

    const call = pendingCallFrom(
      callParams(SHOP, {
        model: "claude-opus-4-1-20250805",
        inputTokens: 40_000,
        outputTokens: 8_000,
        timestamp: new Date(),
        userId: DEMO_DEFAULTS.staffUserId,
      }),
    );
    expect((await writeUsageBatch(prisma, [call])).written).toBe(1);
    const after = await getCurrentMonthUsage(SCOPE);
    const today = await todayOf(SCOPE);
    const todayTotals = await getUsageTotals(SCOPE, { from: today, to: today });

    // Ten seconds pass on the page's clock: the page asks for its data again, in place.
    const refreshed = page.waitForResponse((response) => isDataRequestFor(response.url(), PAGE_ROUTE));
    await page.clock.runFor(LIVE_REFRESH_MS);
    expect((await refreshed).status()).toBe(200);

    await expect
      .poll(() => text(page, "calls-total"), { timeout: 10_000 })
      .toBe(after.totals.calls.toLocaleString("en-US"));
    expect(await text(page, "today-total")).toBe(usd(todayTotals.costPicos));
    expect(await text(page, "cost-total")).toBe(formatUsd(after.totals.costPicos, 2));
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    const cls = await page.evaluate(() => (window as unknown as { __layoutShift: number }).__layoutShift);
    expect(cls).toBeLessThan(0.05);
    expect(diagnostics.pageErrors).toEqual([]);
    expect(diagnostics.consoleErrors).toEqual([]);
  });

  test("a hidden tab does not poll, and coming back refreshes at once", async () => {
    const { page } = await openAnalytics({ pausedClock: true });
    const revalidations = await countRevalidations(page);
    const dataRequests: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).searchParams.has("_data")) dataRequests.push(request.url());
    });

    // A minute passes on the clock of a hidden tab: six refreshes were due, none starts.
    await setVisibility(page, "hidden");
    await page.clock.runFor(6 * LIVE_REFRESH_MS);
    expect(await revalidations()).toBe(0);
    expect(dataRequests).toEqual([]);

    // Back to the tab, with the clock still: it refreshes there and then.
    const refreshed = page.waitForRequest((request) => isDataRequestFor(request.url(), PAGE_ROUTE));
    await setVisibility(page, "visible");
    await refreshed;
    expect(await revalidations()).toBe(1);

    // And polls again while visible: one more refresh per 10 seconds on the clock.
    await remixSettled(page);
    await page.clock.runFor(LIVE_REFRESH_MS);
    expect(await revalidations()).toBe(2);
  });

  test("the page has no serious or critical axe-core violations", async () => {
    const { page } = await openAnalytics();
    await page.getByRole("button", { name: "Show daily figures as a table" }).click();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  test("on a narrow screen the charts fit and the tables scroll inside their cards", async () => {
    const { page } = await openAnalytics({ viewport: { width: 375, height: 800 } });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await saveScreenshot(page, "analytics-narrow");
  });
});
