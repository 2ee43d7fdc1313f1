import { describe, expect, test } from "vitest";
import { DEMO_DEFAULTS } from "../../demo/constants";
import { saveScreenshot, seriousAccessibilityViolations, type TestPage } from "../support/browser";
import { demoBrowserForFile } from "../support/demo-browser";

const demo = demoBrowserForFile();

/** Opens the demo from `/`, as `npm run demo` tells a visitor to, and waits for the Polaris page. */
async function openDemo(): Promise<TestPage> {
  const testPage = await demo.newPage();
  const { page } = testPage;
  const response = await page.goto(`${demo.server.url}/`, { waitUntil: "load" });
  expect(response?.status(), demo.server.outputTail()).toBe(200);
  await page.getByRole("heading", { level: 1, name: DEMO_DEFAULTS.shopName }).waitFor();
  await page.waitForLoadState("networkidle");
  return testPage;
}

describe("the demo in Chromium", () => {
  test("opening / signs in to the demo shop and shows its Polaris home page without console errors", async () => {
    const { page, diagnostics } = await openDemo();

    const url = new URL(page.url());
    expect(url.pathname).toBe("/app");
    expect(url.searchParams.get("embedded")).toBe("1");
    expect(url.searchParams.get("shop")).toBe(DEMO_DEFAULTS.shop);
    expect(url.searchParams.get("id_token")).toBeTruthy();

    expect(await page.locator(".Polaris-Page").count()).toBeGreaterThan(0);
    await expect(page.getByRole("heading", { level: 2, name: "AI cost this month" }).isVisible()).resolves.toBe(true);
    expect(await page.evaluate(() => typeof (window as { shopify?: unknown }).shopify)).toBe("object");

    await saveScreenshot(page, "demo-app");

    expect(diagnostics.pageErrors).toEqual([]);
    expect(diagnostics.consoleErrors).toEqual([]);
    expect(diagnostics.blockedRequests).toEqual([]);
    const demoSessions = await demo.server.query(`SELECT "id" FROM "Session" WHERE "shop" = ?`, [DEMO_DEFAULTS.shop]);
    expect(demoSessions).toEqual([{ id: `offline_${DEMO_DEFAULTS.shop}` }]);
  });

  test("the home page has no serious or critical axe-core violations", async () => {
    const { page } = await openDemo();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  test("the App Bridge stand-in adds the session token to the page's own fetches", async () => {
    const { page, diagnostics } = await openDemo();

    const result = await page.evaluate(async () => {
      const response = await window.fetch("/app?_data=routes%2Fapp._index");
      // Home defers its SEO status: the first block of Remix's deferred format is the data sent at once.
      const [immediate] = (await response.text()).split("\n\n");
      return { status: response.status, body: JSON.parse(immediate!) as unknown };
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ shopName: DEMO_DEFAULTS.shopName });

    // Without the stand-in's token (an explicit empty header is left alone) the same request gets no data:
    // shopify-app-remix answers with a redirect to its login page instead.
    const unauthenticated = await page.evaluate(async () => {
      const response = await window.fetch("/app?_data=routes%2Fapp._index", { headers: { Authorization: "" } });
      return {
        status: response.status,
        redirect: response.headers.get("X-Remix-Redirect"),
        body: await response.text(),
      };
    });
    expect(unauthenticated.status).not.toBe(200);
    expect(unauthenticated.body).not.toContain(DEMO_DEFAULTS.shopName);
    expect(diagnostics.pageErrors).toEqual([]);
  });

  test("navigating with the nav menu's Home link reloads the page data with a bearer token", async () => {
    const { page, diagnostics } = await openDemo();

    const dataRequest = page.waitForRequest((request) => new URL(request.url()).searchParams.has("_data"));
    const dataResponse = page.waitForResponse((response) => new URL(response.url()).searchParams.has("_data"));
    await page.locator("ui-nav-menu").getByRole("link", { name: "Home" }).click();

    const headers = await (await dataRequest).allHeaders();
    expect(headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await dataResponse).status()).toBe(200);
    await page.waitForURL((url) => url.pathname === "/app");
    await expect(page.getByRole("heading", { level: 1, name: DEMO_DEFAULTS.shopName }).isVisible()).resolves.toBe(true);
    expect(diagnostics.pageErrors).toEqual([]);
    expect(diagnostics.consoleErrors).toEqual([]);
  });
});
