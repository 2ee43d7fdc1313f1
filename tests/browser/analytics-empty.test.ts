import { describe, expect, test } from "vitest";
import { saveScreenshot, seriousAccessibilityViolations } from "../support/browser";
import { demoBrowserForFile } from "../support/demo-browser";

/** A shop that has made no Claude call yet: the AI usage page explains itself and points to the SEO work. */
// A fresh copy of the migrated template: the demo shop exists once it signs in, with no usage at all.
const demo = demoBrowserForFile();

describe("the AI usage page for a shop with no calls", () => {
  test("shows an empty state linking to the SEO page, without console errors or serious axe-core violations", async () => {
    const { context, page, diagnostics } = await demo.newPage();
    try {
      const response = await page.goto(`${demo.server.url}/demo/launch?return=/app/analytics`, { waitUntil: "load" });
      expect(response?.status(), demo.server.outputTail()).toBe(200);
      await page.getByRole("heading", { level: 1, name: "AI usage" }).waitFor();
      // Polaris draws the empty state's heading as emphasised text, not a heading element.
      await page.getByText("No AI usage yet", { exact: true }).waitFor();
      const action = page.getByRole("link", { name: "Run your first SEO audit" });
      expect(await action.getAttribute("href")).toBe("/app/seo");
      // No cards, charts or tables of zeros.
      expect(await page.getByTestId("cost-total").count()).toBe(0);
      expect(await page.locator(".recharts-wrapper").count()).toBe(0);

      await page.waitForLoadState("networkidle");
      await saveScreenshot(page, "analytics-empty");
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      expect(diagnostics.pageErrors).toEqual([]);
      expect(diagnostics.consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
