import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page, type Route } from "playwright-core";
import type { AxeResults, ImpactValue } from "axe-core";
import { appBridgeStandInScript } from "../../demo/sign-in/app-bridge-standin";
import { DEMO_SESSION_TOKEN_PATH } from "../../demo/sign-in/paths";
import { BROWSER_USER_AGENT } from "./app-server";
import { artifactsDir } from "./paths";

/**
 * Debian's Chromium driven by playwright-core (no browser download). Every page runs offline: the app's own
 * server answers on localhost, Shopify's CDN is answered here, and any other request is aborted and recorded.
 */

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** The browser's own time zone in every test: far from every shop's. */
export const BROWSER_TIME_ZONE = "Pacific/Kiritimati";

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}

export interface PageDiagnostics {
  /** `console.error` messages (and Chromium's own errors, e.g. failed loads), as text with their location. */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections in the page. */
  pageErrors: string[];
  /** Requests to hosts other than localhost and cdn.shopify.com: aborted, listed here. */
  blockedRequests: string[];
  /** cdn.shopify.com URLs the page asked for (answered locally). */
  shopifyCdnRequests: string[];
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  diagnostics: PageDiagnostics;
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const INTER_STYLESHEET = /^\/static\/fonts\/inter\/v\d+\/styles\.css$/;

async function answerShopifyCdn(route: Route, url: URL): Promise<void> {
  if (url.pathname === "/shopifycloud/app-bridge.js") {
    return route.fulfill({
      status: 200,
      contentType: "text/javascript; charset=utf-8",
      body: appBridgeStandInScript(DEMO_SESSION_TOKEN_PATH),
    });
  }
  if (INTER_STYLESHEET.test(url.pathname)) {
    return route.fulfill({ status: 200, contentType: "text/css; charset=utf-8", body: "" });
  }
  return route.fulfill({ status: 404, contentType: "text/plain", body: "Not Found (offline test)" });
}

/** A fresh browser context (no cookies, no cache) with offline routing and error collection. */
export async function openPage(browser: Browser): Promise<TestPage> {
  const context = await browser.newContext({
    // Headless Chromium says "HeadlessChrome", which shopify-app-remix treats as a bot (410).
    userAgent: BROWSER_USER_AGENT,
    viewport: { width: 1280, height: 800 },
    // A zone no test shop uses (the demo shop is in New York, test shops in UTC, India, New York, Berlin): every time
    // on a page must be the shop's, and a page that used the browser's zone would not hydrate cleanly.
    timezoneId: BROWSER_TIME_ZONE,
  });
  const diagnostics: PageDiagnostics = {
    consoleErrors: [],
    pageErrors: [],
    blockedRequests: [],
    shopifyCdnRequests: [],
  };

  await context.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === "data:" || url.protocol === "blob:") return route.continue();
    if (LOCAL_HOSTS.has(url.hostname)) return route.continue();
    if (url.hostname === "cdn.shopify.com") {
      diagnostics.shopifyCdnRequests.push(url.href);
      return answerShopifyCdn(route, url);
    }
    diagnostics.blockedRequests.push(url.href);
    return route.abort("blockedbyclient");
  });

  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const { url, lineNumber } = message.location();
    diagnostics.consoleErrors.push(url ? `${message.text()} (${url}:${lineNumber})` : message.text());
  });
  page.on("pageerror", (error) => diagnostics.pageErrors.push(error.stack ?? error.message));
  return { context, page, diagnostics };
}

/** Saves a full-page screenshot as tests/artifacts/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface AxeViolation {
  id: string;
  impact: ImpactValue | null;
  help: string;
  helpUrl: string;
  targets: string[];
}

const require = createRequire(import.meta.url);
const axeScriptPath = require.resolve("axe-core/axe.min.js");

/** Runs axe-core on the page and returns the violations of impact serious or critical. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: axeScriptPath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe;
    const results = await axe.run();
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      helpUrl: violation.helpUrl,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
  });
  return violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
}
