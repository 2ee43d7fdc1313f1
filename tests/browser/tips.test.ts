import { usd } from "~/lib/format";
import { describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { DEMO_DEFAULTS } from "../../demo/constants";
import { getOptimizationTips, TIPS_ENDPOINT } from "~/lib/tips/index.server";
import { seedSyntheticUsage } from "../../demo/usage";
import { saveScreenshot, seriousAccessibilityViolations, type TestPage } from "../support/browser";
import { startClaudeTestServer, type ClaudeTestServer } from "../support/claude-test-server";
import { demoBrowserForFile } from "../support/demo-browser";

/**
 * The cost tips page in Chromium: the production build in demo mode on a database this file seeded (the demo shop
 * with 2,000 synthetic calls over the last 40 days), talking to a Claude-compatible test server for "Ask Claude".
 */
const SHOP = DEMO_DEFAULTS.shop;
const API_KEY = "browser-tips-key";

let claude: ClaudeTestServer;

const demo = demoBrowserForFile({
  useTestDatabase: true,
  prepare: async () => {
    const now = new Date();
    await seedSyntheticUsage(prisma, {
      shop: SHOP,
      shopName: DEMO_DEFAULTS.shopName,
      // The demo store's own time zone: signing in refreshes the shop's row from the store, and a different zone seeded
      // here would change under the page (between midnight and 05:00 UTC London's today is New York's tomorrow).
      timeZone: DEMO_DEFAULTS.timeZone,
      from: new Date(now.getTime() - 40 * 86_400_000),
      to: now,
      calls: 2_000,
      seed: 404,
      staff: [DEMO_DEFAULTS.staffUserId],
      idPrefix: "tips",
    });
    claude = await startClaudeTestServer({ apiKeys: [API_KEY] });
  },
  env: () => ({ ANTHROPIC_API_KEY: API_KEY, ANTHROPIC_BASE_URL: claude.baseURL }),
  cleanup: async () => claude?.close(),
});

async function openTips(): Promise<TestPage> {
  const testPage = await demo.newPage();
  await demo.launch(testPage, "/app/tips");
  await testPage.page.getByRole("heading", { level: 1, name: "Cost tips" }).waitFor();
  await testPage.page.waitForLoadState("networkidle");
  return testPage;
}

describe("the cost tips page in Chromium", () => {
  test("shows the shop's tips, ranked, with the savings the tips library computes", async () => {
    const { page, diagnostics } = await openTips();
    const report = await getOptimizationTips(SHOP);
    expect(report.tips.length).toBeGreaterThan(0);

    const titles = await page.getByRole("heading", { level: 3 }).allInnerTexts();
    expect(titles.slice(0, report.tips.length)).toEqual(report.tips.map((tip) => tip.title));
    for (const tip of report.tips) {
      await expect(
        page
          .getByText(`Save about ${usd(tip.monthlySavingPicos)} a month`)
          .first()
          .isVisible(),
      ).resolves.toBe(true);
      await expect(
        page
          .getByText(`${usd(tip.periodSavingPicos)} over the period`)
          .first()
          .isVisible(),
      ).resolves.toBe(true);
    }
    await expect(
      page
        .getByText(
          `Based on ${report.calls.toLocaleString("en-US")} calls from ${report.period.from} to ${report.period.to}`,
        )
        .isVisible(),
    ).resolves.toBe(true);
    await saveScreenshot(page, "tips");
    expect(diagnostics.pageErrors).toEqual([]);
    expect(diagnostics.consoleErrors).toEqual([]);
    expect(diagnostics.blockedRequests).toEqual([]);
  });

  test("Ask Claude shows Claude's answer, from one tracked call for the signed-in staff member", async () => {
    const { page, diagnostics } = await openTips();
    const staffTipsCalls = async () =>
      (
        await demo.server.query<{ calls: number }>(
          `SELECT COUNT(*) AS "calls" FROM "APIUsageLog" WHERE "shop" = ? AND "endpoint" = ? AND "userId" = ? AND "status" = 'success'`,
          [SHOP, TIPS_ENDPOINT, DEMO_DEFAULTS.staffUserId],
        )
      )[0]!.calls;
    // The seeded history has optimization_tips calls of its own: count what this click adds.
    const [requestsBefore, recordedBefore] = [claude.state.requests.length, Number(await staffTipsCalls())];
    await page.getByRole("button", { name: "Ask Claude" }).click();
    await page.getByRole("heading", { name: "Claude's suggestions" }).waitFor();
    expect(claude.state.requests.length - requestsBefore).toBe(1);
    await expect.poll(async () => Number(await staffTipsCalls())).toBe(recordedBefore + 1);
    await page.getByRole("heading", { name: "Claude's suggestions" }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, "tips-claude-answer");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(diagnostics.pageErrors).toEqual([]);
  });

  test("a failing Claude call is shown in a banner, not an error page", async () => {
    const { page } = await openTips();
    claude.state.enqueueFault({ kind: "http_error", status: 400, errorType: "invalid_request_error", times: 3 });
    await page.getByRole("button", { name: "Ask Claude" }).click();
    const banner = page.locator(".Polaris-Banner").filter({ hasText: "Claude could not be asked" });
    await banner.waitFor();
    await expect(banner.innerText()).resolves.toContain("Claude could not answer (HTTP 400, invalid_request_error)");
    await expect(page.getByRole("heading", { level: 1, name: "Cost tips" }).isVisible()).resolves.toBe(true);
  });

  test("has no serious accessibility violations, on a desktop and on a phone", async () => {
    const { page } = await openTips();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, "tips-phone");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
