import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { Browser } from "playwright-core";
import { startAppServer, type AppServer } from "./app-server";
import { launchBrowser, openPage, type TestPage } from "./browser";

/**
 * The shared frame of a browser test file: the production build behind the demo server and Chromium, started once for the
 * file and stopped after it, with a fresh browser context per page that is closed after each test.
 */
export interface DemoBrowserOptions {
  /** Runs before the server starts: seed the test file's own database here. */
  prepare?: () => Promise<void>;
  /** Serve the test file's own database (which `prepare` seeded) rather than a fresh copy of the template. */
  useTestDatabase?: boolean;
  /** Extra server environment, read after `prepare` (so it can name a test server `prepare` started). */
  env?: () => Record<string, string>;
  /** Runs after the server and browser stopped. */
  cleanup?: () => Promise<unknown>;
}

export interface DemoBrowser {
  readonly server: AppServer;
  readonly browser: Browser;
  /** A page in a fresh context (closed after the test), optionally with a viewport and a script run before the app's. */
  newPage(options?: { viewport?: { width: number; height: number }; initScript?: string }): Promise<TestPage>;
  /** A document load of an app path (e.g. "/app/calls?status=error"), signed in the way Shopify admin opens the app. */
  launch(testPage: TestPage, path: string): Promise<void>;
}

export function demoBrowserForFile(options: DemoBrowserOptions = {}): DemoBrowser {
  let server: AppServer | undefined;
  let browser: Browser | undefined;
  const opened: TestPage[] = [];

  beforeAll(async () => {
    await options.prepare?.();
    const databaseUrl = options.useTestDatabase ? process.env.DATABASE_URL! : undefined;
    [server, browser] = await Promise.all([
      startAppServer({ demoMode: true, databaseUrl, env: options.env?.() }),
      launchBrowser(),
    ]);
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map(({ context }) => context.close()));
  });

  afterAll(async () => {
    await Promise.allSettled([browser?.close(), server?.stop()]);
    await options.cleanup?.();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`The ${what} is not running: use it inside a test`);
    return value;
  };

  return {
    get server() {
      return started(server, "app server");
    },
    get browser() {
      return started(browser, "browser");
    },
    async newPage(pageOptions = {}) {
      const testPage = await openPage(started(browser, "browser"));
      opened.push(testPage);
      if (pageOptions.viewport) await testPage.page.setViewportSize(pageOptions.viewport);
      if (pageOptions.initScript) await testPage.context.addInitScript({ content: pageOptions.initScript });
      return testPage;
    },
    async launch(testPage, path) {
      const app = started(server, "app server");
      const response = await testPage.page.goto(`${app.url}/demo/launch?return=${encodeURIComponent(path)}`, {
        waitUntil: "load",
      });
      expect(response?.status(), app.outputTail()).toBe(200);
    },
  };
}
