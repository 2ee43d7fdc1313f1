import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_DEFAULTS } from "../../demo/constants";
import { DEMO_CATALOG_SIZE } from "../../demo/shopify/catalog-fixtures";
import { usd, usdExact } from "~/lib/format";
import { saveScreenshot, seriousAccessibilityViolations, type TestPage } from "../support/browser";
import { demoBrowserForFile } from "../support/demo-browser";

/**
 * The SEO pages of the demo in Chromium: the production build in demo mode, the in-process demo store and the
 * local Claude stand-in, clicked through as a merchant would: a bulk meta-tag run with its estimate, progress and
 * apply step, one product fixed by hand, and the new spend on the AI usage page.
 */

const demo = demoBrowserForFile();

async function openSeo(): Promise<TestPage> {
  const testPage = await demo.newPage();
  // A step that never happens fails with its own locator, well inside the test's timeout.
  testPage.page.setDefaultTimeout(10_000);
  await demo.launch(testPage, "/app/seo");
  await testPage.page.getByRole("heading", { level: 1, name: "SEO" }).waitFor();
  await testPage.page.getByRole("heading", { level: 2, name: "Catalog SEO check" }).waitFor({ timeout: 15_000 });
  return testPage;
}

async function usageRows(where = "1 = 1") {
  return demo.server.query<{
    endpoint: string;
    userId: string;
    resourceType: string;
    calls: number;
    cacheReads: number;
    cost: string;
  }>(
    `SELECT "endpoint", "userId", "resourceType", COUNT(*) AS "calls", SUM("cacheReadInputTokens") AS "cacheReads",
            CAST(SUM("totalCostPicos") AS TEXT) AS "cost"
       FROM "APIUsageLog" WHERE "shop" = ? AND ${where} GROUP BY "endpoint", "userId", "resourceType"`,
    [DEMO_DEFAULTS.shop],
  );
}

async function waitForRunToFinish(page: Page): Promise<void> {
  await page.getByText("Finished", { exact: true }).first().waitFor({ timeout: 60_000 });
}

describe("the SEO pages of the demo in Chromium", () => {
  test("a bulk meta-tag run shows its estimate, runs with a progress bar, applies, and its spend shows on the usage page", async () => {
    const { page, diagnostics } = await openSeo();
    await expect(page.getByText(`Products checked`).isVisible()).resolves.toBe(true);
    await page.getByRole("table").waitFor();
    await saveScreenshot(page, "seo-overview");

    // Choose the run: meta tags for the products that need them; the next page shows the estimate first.
    await page.getByRole("button", { name: "Review cost estimate" }).click();
    await page.getByRole("heading", { level: 2, name: "Estimated cost" }).waitFor();
    // A range (from this store's history, or this app's typical product until it has some), in dollars and cents.
    const headline =
      (await page
        .locator("p", { hasText: /^(about |up to )?\$\d+\.\d\d( – \$\d+\.\d\d)? for \d+ products$/i })
        .textContent()) ?? "";
    const products = Number(/for (\d+) products/.exec(headline)?.[1]);
    expect(products).toBeGreaterThan(10);
    expect(products).toBeLessThanOrEqual(DEMO_CATALOG_SIZE);
    await expect(page.getByText(/this app's typical product/).isVisible()).resolves.toBe(true);
    expect(await usageRows()).toEqual([]);
    await saveScreenshot(page, "seo-run-estimate");

    await page.getByRole("button", { name: "Start run" }).click();
    await page.locator('[role="progressbar"], progress').first().waitFor();
    await waitForRunToFinish(page);
    await expect(page.getByText(`${products} of ${products} products done`).isVisible()).resolves.toBe(true);
    await saveScreenshot(page, "seo-run-finished");

    // Every product got one tracked fix_meta call, recorded under the staff member who started the run.
    const afterRun = await usageRows();
    expect(afterRun).toHaveLength(1);
    expect(afterRun[0]).toMatchObject({
      endpoint: "fix_meta",
      userId: DEMO_DEFAULTS.staffUserId,
      resourceType: "product",
      calls: products,
    });
    expect(Number(afterRun[0]!.cacheReads)).toBeGreaterThan(0);

    // Applying is a separate, confirmed step.
    await page.getByRole("button", { name: /^Apply all \d+…$/ }).click();
    await page.getByRole("button", { name: `Apply ${products} now` }).click();
    // The page lists the first 50 results; every one of the run's suggestions is applied.
    await expect
      .poll(async () => page.getByText("Applied to your store", { exact: true }).count(), { timeout: 30_000 })
      .toBe(Math.min(products, 50));
    const applied = await demo.server.query<{ applied: number }>(
      `SELECT COUNT(*) AS "applied" FROM "SeoJobItem" WHERE "applyStatus" = 'applied' AND "shop" = ?`,
      [DEMO_DEFAULTS.shop],
    );
    expect(Number(applied[0]!.applied)).toBe(products);
    await saveScreenshot(page, "seo-run-applied");

    // Back on the SEO page the catalog is read again from the demo store: the meta-tag gaps are gone.
    await page.getByRole("link", { name: "SEO", exact: true }).first().click();
    await page.getByRole("heading", { level: 2, name: "Recent runs" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Catalog SEO check" }).waitFor();
    await expect(page.getByText(/^No meta (title|description): \d+ products?$/).count()).resolves.toBe(0);
    await expect(page.getByText(/^Images without alt text: \d+ products$/).count()).resolves.toBe(1);
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(page, "seo-overview-after-run");

    // The usage page shows the run's spend.
    const spend = BigInt(afterRun[0]!.cost);
    await page.locator("ui-nav-menu").getByRole("link", { name: "AI usage" }).click();
    await page.getByRole("heading", { level: 1, name: "AI usage" }).waitFor();
    await page.getByTestId("cost-total").waitFor();
    expect(await page.getByTestId("cost-total").textContent()).toBe(usd(spend));
    await expect(
      page
        .getByTitle(`Exactly ${usdExact(spend)}`)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await page.waitForLoadState("networkidle");
    await saveScreenshot(page, "seo-analytics-after-run");

    expect(diagnostics.pageErrors).toEqual([]);
    expect(diagnostics.consoleErrors).toEqual([]);
    expect(diagnostics.blockedRequests).toEqual([]);
  });

  test("one product's meta tags are written by Claude, edited and applied from its page", async () => {
    const { page, diagnostics } = await openSeo();
    await page.getByRole("link", { name: "Camp Lantern Mini" }).click();
    await page.getByRole("heading", { level: 1, name: "Camp Lantern Mini" }).waitFor();
    await page.getByRole("button", { name: "Write with Claude" }).first().click();
    const title = page.getByLabel("Meta title");
    await title.waitFor();
    expect((await title.inputValue()).length).toBeGreaterThan(10);
    await title.fill("Camp Lantern Mini – Rechargeable Tent Lantern, 200 lm");
    await page.getByRole("button", { name: "Apply to store" }).click();
    await page.getByText("Applied to your store", { exact: true }).waitFor();
    await expect(
      page.getByText("Meta title now: Camp Lantern Mini – Rechargeable Tent Lantern, 200 lm").isVisible(),
    ).resolves.toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(page, "seo-product");
    expect(diagnostics.pageErrors).toEqual([]);
    expect(diagnostics.consoleErrors).toEqual([]);
  });

  test("the SEO page, a run page and a product page have no serious or critical axe-core violations", async () => {
    const { page } = await openSeo();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByText("Write image alt text", { exact: true }).click();
    await expect(page.getByRole("radio", { name: "Write image alt text" }).isChecked()).resolves.toBe(true);
    await page.getByRole("button", { name: "Review cost estimate" }).click();
    await page.getByRole("heading", { level: 2, name: "Estimated cost" }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Discard" }).click();
    await page.getByRole("heading", { level: 2, name: "Catalog SEO check" }).waitFor();
    await page.getByRole("link", { name: "Camp Slide Sandal" }).click();
    await page.getByRole("heading", { level: 1, name: "Camp Slide Sandal" }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // On a phone-sized screen the cards stack and nothing overflows the page sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("button", { name: /Write alt text for \d+ image/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saveScreenshot(page, "seo-product-narrow");
  });
});
