import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import prisma from "~/db.server";
import { DEMO_DEFAULTS } from "../../demo/constants";
import { formatUsd } from "~/lib/money";
import { monthToDateSpendPicos } from "~/lib/budget/index.server";
import { saveScreenshot, seriousAccessibilityViolations, type TestPage } from "../support/browser";
import { seedShopUsage } from "../support/analytics-seed";
import { demoBrowserForFile } from "../support/demo-browser";
import { isDataRequestFor, pauseClock, remixSettled } from "../support/page-clock";

/**
 * The budget page in Chromium (production build, demo mode, on a database this file seeded): setting a budget
 * below the month's spend shows the banner and exactly one App Bridge toast, and loading the page again does not
 * toast again. The App Bridge stand-in renders toasts into #demo-toasts; a recorder keeps every one shown.
 */
const SHOP = DEMO_DEFAULTS.shop;
const TIME_ZONE = "America/New_York";

const demo = demoBrowserForFile({
  useTestDatabase: true,
  prepare: async () => {
    await seedShopUsage(prisma, {
      shop: SHOP,
      name: DEMO_DEFAULTS.shopName,
      ianaTimezone: TIME_ZONE,
      staff: [DEMO_DEFAULTS.staffUserId, "90002"],
      calls: 1_500,
      days: 45,
      seed: 99,
    });
  },
});

const TOAST_RECORDER = `
  window.__toasts = [];
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) {
        if (node instanceof HTMLElement && node.parentElement && node.parentElement.id === "demo-toasts") {
          window.__toasts.push(node.textContent);
        }
      }
    }
  }).observe(document, { childList: true, subtree: true }); // the document: its root element may not exist yet
`;

/** Opens a page; with `clock`, the page's clock is installed first, so the test can pause it and move it. */
async function open(path: string, options: { clock?: boolean } = {}): Promise<TestPage> {
  const testPage = await demo.newPage({ initScript: TOAST_RECORDER });
  if (options.clock) await testPage.page.clock.install();
  return goTo(testPage, path);
}

/** A document load of an app page, signed in the way Shopify admin opens the app. */
async function goTo(testPage: TestPage, path: string): Promise<TestPage> {
  await demo.launch(testPage, path);
  await testPage.page.locator(".Polaris-Page").first().waitFor();
  await testPage.page.waitForLoadState("networkidle");
  return testPage;
}

const BUDGET_ROUTE = "routes/app.budget";
const HOME_ROUTE = "routes/app._index";
const LIVE_REFRESH_MS = 10_000;

/** The loader data a route was served with in the document itself (what the page first renders). */
async function documentLoaderData(page: Page, routeId: string): Promise<unknown> {
  return page.evaluate(
    (id) =>
      (window as unknown as { __remixContext: { state: { loaderData: Record<string, unknown> } } }).__remixContext.state
        .loaderData[id],
    routeId,
  );
}

async function toasts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __toasts: string[] }).__toasts);
}

const isThresholdToast = (message: string) =>
  message.startsWith("AI spend reached") || message.startsWith("AI budget of");

async function storedBudget() {
  return prisma.shop.findUniqueOrThrow({
    where: { shop: SHOP },
    select: { monthlyBudgetPicos: true, budgetHardCap: true },
  });
}

describe("the budget page in Chromium", () => {
  test("an amount with too many decimals shows a field error and saves nothing", async () => {
    const { page } = await open("/app/budget");
    const before = await storedBudget();
    await page.getByLabel("Monthly budget (USD)").fill("12.3456789");
    await page.getByRole("button", { name: "Save budget" }).click();
    await page.getByText("Use at most 6 decimals (a millionth of a dollar).").waitFor();
    await expect(page.getByLabel("Monthly budget (USD)").getAttribute("aria-invalid")).resolves.toBe("true");
    expect(await storedBudget()).toEqual(before);
  });

  test("a budget below this month's spend shows the banner and exactly one toast; loading again does not toast again", async () => {
    const testPage = await open("/app/budget", { clock: true });
    const { page, diagnostics } = testPage;
    const spent = await monthToDateSpendPicos(SHOP, TIME_ZONE);
    expect(spent).toBeGreaterThan(0n);
    // Half the month's spend, as dollars with 6 decimals: 80, 90 and 100 % are all crossed at once.
    const budgetMicros = spent / 2n / 1_000_000n;
    const amount = `${budgetMicros / 1_000_000n}.${(budgetMicros % 1_000_000n).toString().padStart(6, "0")}`;
    const budgetText = formatUsd(budgetMicros * 1_000_000n, 2);

    await page.getByLabel("Monthly budget (USD)").fill(amount);
    await page.getByRole("checkbox", { name: /Hard cap/ }).check();
    await page.getByRole("button", { name: "Save budget" }).click();

    const banner = page.getByText(/^This month's AI budget is used up/);
    await banner.waitFor();
    await page.getByText(/New Claude calls are paused until/).waitFor();
    expect(await storedBudget()).toEqual({ monthlyBudgetPicos: budgetMicros * 1_000_000n, budgetHardCap: true });

    await expect.poll(async () => (await toasts(page)).filter(isThresholdToast)).toHaveLength(1);
    const [thresholdToast] = (await toasts(page)).filter(isThresholdToast);
    expect(thresholdToast).toMatch(
      new RegExp(`^AI budget of \\${budgetText} used up: new Claude calls are paused until`),
    );
    expect(await toasts(page)).toContain("Budget saved");

    // The history lists the three crossings.
    const historyRows = page.locator(".Polaris-DataTable__TableRow");
    await expect.poll(() => historyRows.count()).toBe(3);
    await saveScreenshot(page, "budget-with-banner");

    // The next live refresh (10 seconds on the page's clock) re-reads the page data, which has no toast: still one.
    await pauseClock(page);
    const refreshed = page.waitForResponse((response) => isDataRequestFor(response.url(), BUDGET_ROUTE));
    await page.clock.runFor(LIVE_REFRESH_MS);
    expect(await (await refreshed).json()).toMatchObject({ toast: null });
    await remixSettled(page);
    expect((await toasts(page)).filter(isThresholdToast)).toHaveLength(1);

    // Loading the page again (a new document, as a reload is): banner still there, and the data it was served has
    // no toast. Its live refresh firing shows its effects have run (the toast's is in the same commit): no toast.
    await page.clock.resume();
    await goTo(testPage, "/app/budget");
    await banner.waitFor();
    expect(await documentLoaderData(page, BUDGET_ROUTE)).toMatchObject({ toast: null });
    await pauseClock(page);
    const budgetRefresh = page.waitForRequest((request) => isDataRequestFor(request.url(), BUDGET_ROUTE));
    await page.clock.runFor(LIVE_REFRESH_MS);
    await budgetRefresh;
    expect((await toasts(page)).filter(isThresholdToast)).toEqual([]);

    // Home shows the banner too, and does not toast either: same proof, on the data of the navigation.
    const homeData = page.waitForResponse((response) => isDataRequestFor(response.url(), HOME_ROUTE));
    await page.locator("ui-nav-menu").getByRole("link", { name: "Home" }).click();
    // Home defers its SEO status: its data is Remix's deferred format, whose first block is what is sent at once.
    const [immediate] = (await (await homeData).text()).split("\n\n");
    expect(JSON.parse(immediate!)).toMatchObject({ budgetToast: null });
    await page.getByRole("heading", { level: 1, name: DEMO_DEFAULTS.shopName }).waitFor();
    await page.getByText(/^This month's AI budget is used up/).waitFor();
    await remixSettled(page);
    const homeRefresh = page.waitForRequest((request) => isDataRequestFor(request.url(), HOME_ROUTE));
    await page.clock.runFor(LIVE_REFRESH_MS);
    await homeRefresh;
    expect((await toasts(page)).filter(isThresholdToast)).toEqual([]);
    await remixSettled(page);
    await saveScreenshot(page, "home-with-banner");

    expect(await prisma.budgetAlert.count({ where: { shop: SHOP } })).toBe(3);
    expect(diagnostics.pageErrors).toEqual([]);
    expect(diagnostics.consoleErrors).toEqual([]);
  }, 60_000);

  test("the budget page has no serious or critical axe-core violations", async () => {
    const { page } = await open("/app/budget");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
