import { gzipSync } from "node:zlib";
import type { Timing } from "./stats";
import { startAppServer } from "../../tests/support/app-server";
import { launchBrowser, openPage } from "../../tests/support/browser";

/**
 * The analytics overview in Chromium against the production build on localhost (demo sign-in, the bench's
 * database, SQLite or PostgreSQL): Largest Contentful Paint and Cumulative Layout Shift per load, and the JavaScript the page loads.
 */
export async function benchmarkOverviewPage(options: { databaseUrl: string; loads?: number }) {
  const server = await startAppServer({ demoMode: true, databaseUrl: options.databaseUrl });
  const browser = await launchBrowser();
  const lcps: number[] = [];
  const clss: number[] = [];
  let scripts: Array<{ url: string; bytes: number; gzipBytes: number }> = [];
  try {
    for (let load = 0; load < (options.loads ?? 7); load++) {
      const { page, context } = await openPage(browser);
      await page.addInitScript(() => {
        const w = window as unknown as { __lcp: number; __cls: number };
        w.__lcp = 0;
        w.__cls = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.__lcp = entry.startTime;
        }).observe({ type: "largest-contentful-paint", buffered: true });
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Array<
            PerformanceEntry & { value: number; hadRecentInput: boolean }
          >) {
            if (!entry.hadRecentInput) w.__cls += entry.value;
          }
        }).observe({ type: "layout-shift", buffered: true });
      });
      const jsResponses: Array<Promise<{ url: string; bytes: number; gzipBytes: number }>> = [];
      page.on("response", (response) => {
        if (!response.url().endsWith(".js") || !response.url().startsWith(server.url)) return;
        jsResponses.push(
          response.body().then((body) => ({
            url: response.url().replace(server.url, ""),
            bytes: body.length,
            gzipBytes: gzipSync(body).length,
          })),
        );
      });
      await page.goto(`${server.url}/demo/launch?return=/app/analytics`, { waitUntil: "networkidle" });
      await page.waitForTimeout(1_500);
      const { lcp, cls } = await page.evaluate(() => {
        const w = window as unknown as { __lcp: number; __cls: number };
        return { lcp: w.__lcp, cls: w.__cls };
      });
      lcps.push(lcp);
      clss.push(cls);
      if (load === 0) scripts = await Promise.all(jsResponses);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const at = (values: number[], q: number) =>
    sorted(values)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)]!;
  return {
    lcp: { medianMs: at(lcps, 0.5), p95Ms: at(lcps, 0.95), runs: lcps.length } satisfies Timing,
    cls: { median: at(clss, 0.5), worst: Math.max(...clss) },
    scripts,
    totalGzipBytes: scripts.reduce((sum, script) => sum + script.gzipBytes, 0),
    totalBytes: scripts.reduce((sum, script) => sum + script.bytes, 0),
  };
}
