import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import prisma from "~/db.server";
import { DEMO_DEFAULTS } from "../../demo/constants";
import { picosFromUsd } from "~/lib/money";
import { eachDay, monthOf } from "~/lib/time";
import { seedSyntheticUsage } from "../../demo/usage";
import { lastDays } from "~/lib/calls";
import { getCurrentMonthUsage, todayOf } from "~/lib/analytics/index.server";
import { saveScreenshot, seriousAccessibilityViolations, type TestPage } from "../support/browser";
import { artifactsDir } from "../support/paths";
import { demoBrowserForFile } from "../support/demo-browser";

/**
 * The calls page and the CSV export in Chromium: the production build in demo mode, serving a database this file
 * seeded (the demo shop with 1,500 synthetic calls over the last 45 days), so the page and the downloaded files can
 * be checked against the usage library reading the same file.
 */
const SHOP = DEMO_DEFAULTS.shop;
const SCOPE = { shop: SHOP };

const demo = demoBrowserForFile({
  useTestDatabase: true,
  prepare: async () => {
    const now = new Date();
    await seedSyntheticUsage(prisma, {
      shop: SHOP,
      shopName: DEMO_DEFAULTS.shopName,
      timeZone: "America/New_York",
      from: new Date(now.getTime() - 45 * 86_400_000),
      to: new Date(now.getTime() - 60_000),
      calls: 1_500,
      seed: 77,
      staff: [DEMO_DEFAULTS.staffUserId, "90002"],
      idPrefix: "browser",
    });
  },
});

async function openCalls(viewport?: { width: number; height: number }): Promise<TestPage> {
  const testPage = await demo.newPage({ viewport });
  await demo.launch(testPage, "/app/calls");
  await testPage.page.getByRole("heading", { level: 1, name: "Calls" }).waitFor();
  await testPage.page.waitForLoadState("networkidle");
  return testPage;
}

const tableRows = (page: Page) => page.locator("table.Polaris-IndexTable__Table tbody tr");

async function firstCellTexts(page: Page): Promise<string[]> {
  return tableRows(page).locator("td:first-child").allInnerTexts();
}

/** Applies filters through the form, as a merchant would, and waits for the new page of calls. */
async function applyFilters(page: Page, filters: { from?: string; to?: string; status?: string; endpoint?: string }) {
  if (filters.from) await page.getByLabel("From").fill(filters.from);
  if (filters.to) await page.getByLabel("To").fill(filters.to);
  if (filters.status !== undefined) await page.getByLabel("Status").selectOption(filters.status);
  if (filters.endpoint !== undefined) await page.getByLabel("Endpoint").selectOption(filters.endpoint);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL((url) =>
    Object.entries(filters).every(([name, value]) => (url.searchParams.get(name) ?? "") === value),
  );
  await page.waitForLoadState("networkidle");
}

type CsvRow = Record<string, string>;

function readCsv(file: string): CsvRow[] {
  return parse(readFileSync(file, "utf8"), { bom: true, columns: true, record_delimiter: "\r\n" }) as CsvRow[];
}

const sumExact = (rows: CsvRow[], column: string) =>
  rows.reduce((total, row) => total + (row[column] ? picosFromUsd(row[column]!) : 0n), 0n);

describe("the calls page in Chromium", () => {
  test("shows the newest seeded calls in the shop's time, with working filters and pagination", async () => {
    const { page, diagnostics } = await openCalls();
    const newest = await prisma.aPIUsageLog.findMany({
      where: { shop: SHOP },
      orderBy: [{ timestamp: "desc" }, { id: "desc" }],
      take: 25,
    });
    expect(await tableRows(page).count()).toBe(25);
    const shown = await firstCellTexts(page);
    const formatter = new Intl.DateTimeFormat("sv-SE", {
      timeZone: "America/New_York",
      dateStyle: "short",
      timeStyle: "medium",
    });
    expect(shown).toEqual(newest.map((row) => formatter.format(row.timestamp)));
    expect(await page.getByRole("columnheader", { name: "Time (America/New_York)" }).count()).toBeGreaterThan(0);
    await saveScreenshot(page, "calls");

    // Older calls: the next 25, none repeated.
    await page.getByRole("button", { name: "Older calls" }).click();
    await page.waitForURL((url) => url.searchParams.has("after"));
    await page.waitForLoadState("networkidle");
    const next = await prisma.aPIUsageLog.findMany({
      where: { shop: SHOP },
      orderBy: [{ timestamp: "desc" }, { id: "desc" }],
      skip: 25,
      take: 25,
    });
    // The URL changes a moment before the new rows are drawn: poll until they are.
    await expect.poll(() => firstCellTexts(page)).toEqual(next.map((row) => formatter.format(row.timestamp)));

    // Failed calls only: each row says so and shows its error.
    await applyFilters(page, { status: "error" });
    const range = lastDays(await todayOf(SCOPE), 30);
    const failed = await prisma.aPIUsageLog.count({
      where: { shop: SHOP, status: "error", localDay: { gte: range.from, lte: range.to } },
    });
    expect(failed).toBeGreaterThan(0);
    // Badges read out their tone too ("Critical"), and a failed batch call also has a Batch badge.
    const failedRow = /Failed[\s\S]*\n(overloaded_error|rate_limit_error): Overloaded$/;
    const statusTexts = () => tableRows(page).locator("td:last-child").allInnerTexts();
    await expect.poll(async () => (await statusTexts()).every((text) => failedRow.test(text))).toBe(true);
    expect(await statusTexts()).toHaveLength(Math.min(25, failed));
    await saveScreenshot(page, "calls-failed-filter");

    expect(diagnostics.pageErrors).toEqual([]);
    expect(diagnostics.consoleErrors).toEqual([]);
    expect(diagnostics.blockedRequests).toEqual([]);
  });

  test("the filters work from the keyboard alone", async () => {
    const { page } = await openCalls();
    const feature = page.getByLabel("Feature");
    await feature.focus();
    await page.keyboard.press("ArrowDown"); // the first feature after "Any feature"
    const endpoint = await feature.inputValue();
    expect(endpoint).not.toBe("");
    const featureName = (await feature.locator("option:checked").textContent()) ?? "";
    await page.getByLabel("To").focus();
    await page.keyboard.press("Enter"); // submits the form
    await page.waitForURL((url) => url.searchParams.get("endpoint") === endpoint);
    // The URL changes as the new page of calls renders: wait until the rows are the filtered ones, by their name.
    await expect
      .poll(async () => [...new Set(await tableRows(page).locator("td:nth-child(2)").allInnerTexts())])
      .toEqual([featureName]);
  });

  test("the export downloads this month's calls, whose exact costs add up to the library's month total", async () => {
    const { page, diagnostics } = await openCalls();
    const today = await todayOf(SCOPE);
    const month = monthOf(today);
    await applyFilters(page, { from: month.from, to: today, status: "" });
    expect(new URL(page.url()).searchParams.get("from")).toBe(month.from);

    const callsDownload = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export calls (CSV)" }).click();
    const calls = await callsDownload;
    expect(calls.suggestedFilename()).toBe(`claude-usage-${SHOP}-${month.from}_${today}.csv`);
    const callRows = readCsv((await calls.path())!);

    const { totals } = await getCurrentMonthUsage(SCOPE);
    expect(totals.calls).toBeGreaterThan(0);
    expect(callRows).toHaveLength(totals.calls);
    expect(sumExact(callRows, "cost_usd_exact")).toBe(totals.costPicos);
    await expect(page.getByText(`Downloaded claude-usage-${SHOP}`).isVisible()).resolves.toBe(true);

    const dailyDownload = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export daily summary (CSV)" }).click();
    const dailyRows = readCsv((await (await dailyDownload).path())!);
    expect(dailyRows.map((row) => row.local_day)).toEqual(eachDay({ from: month.from, to: today }));
    expect(sumExact(dailyRows, "cost_usd_exact")).toBe(totals.costPicos);
    expect(diagnostics.pageErrors).toEqual([]);
  });

  test("an export the server refuses shows its message in a banner instead of downloading", async () => {
    const { page } = await openCalls();
    // Stand in for a stale or tampered form: the request leaves with the dates reversed.
    await page.route("**/app/export", async (route) => {
      const body = new URLSearchParams();
      body.set("kind", "calls");
      body.set("from", "2026-11-30");
      body.set("to", "2026-11-01");
      await route.continue({
        postData: body.toString(),
        headers: { ...route.request().headers(), "content-type": "application/x-www-form-urlencoded" },
      });
    });
    let downloaded = false;
    page.on("download", () => (downloaded = true));
    await page.getByRole("button", { name: "Export calls (CSV)" }).click();
    const banner = page.locator(".Polaris-Banner").filter({ hasText: "The export could not be made" });
    await banner.waitFor();
    await expect(banner.innerText()).resolves.toContain("The start date is after the end date.");
    expect(downloaded).toBe(false);
  });

  test("has no serious accessibility violations, on a desktop and on a phone", async () => {
    const { page } = await openCalls();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const phone = await openCalls({ width: 390, height: 844 });
    await saveScreenshot(phone.page, "calls-phone");
    // On a phone each call is one stacked row (IndexTable's condensed list), with its cost and status.
    const condensed = phone.page.locator(".Polaris-IndexTable__CondensedList > li");
    expect(await condensed.count()).toBe(25);
    await expect(condensed.first().innerText()).resolves.toMatch(/\$\d+\.\d{6}[\s\S]*(Succeeded|Failed)/);
    expect(await seriousAccessibilityViolations(phone.page)).toEqual([]);
    await phone.page.getByRole("heading", { name: "Latency and errors by feature" }).scrollIntoViewIfNeeded();
    await phone.page.screenshot({ path: path.join(artifactsDir, "calls-phone-health.png") });
  });
});
