import { expect } from "vitest";
import type { Page } from "playwright-core";

/**
 * Time in a browser test is the page's clock, moved by the test: install it before the page loads
 * (`page.clock.install()`, so the page loads with time flowing), call `pauseClock` once the page is ready, then
 * `page.clock.runFor(ms)` fires exactly the timers due in `ms`. What the page did about it is read from the page
 * itself (Remix's router) and from the requests it made, never from how long the test waited.
 */

interface RemixRouterState {
  navigation: { state: string };
  revalidation: string;
}

interface RemixWindow {
  __remixRouter: {
    state: RemixRouterState;
    subscribe(listener: (state: RemixRouterState) => void): () => void;
  };
  __revalidationsStarted?: number;
}

/** Whether the request is Remix loading the loader data of `routeId` (e.g. "routes/app.analytics") in place. */
export function isDataRequestFor(url: string, routeId: string): boolean {
  return new URL(url).searchParams.get("_data") === routeId;
}

/**
 * Stops the page's clock where it is and waits until Remix has no navigation or revalidation in flight. From then
 * on no page timer fires unless the test moves the clock, so every data request seen afterwards is one it caused.
 */
export async function pauseClock(page: Page): Promise<void> {
  // A second ahead of the page's own time, so the pause never lands in the page's past.
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1_000));
  await remixSettled(page);
}

/** Waits until Remix has no navigation or revalidation in flight (a refresh due now would not be skipped). */
export async function remixSettled(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const { state } = (window as unknown as RemixWindow).__remixRouter;
          return state.navigation.state === "idle" && state.revalidation === "idle";
        }),
      { timeout: 10_000 },
    )
    .toBe(true);
}

/**
 * Counts the revalidations Remix starts from now on. The router enters "loading" synchronously when anything calls
 * `revalidate()`, so the count is exact the moment a timer callback has run, before any request leaves the page.
 */
export async function countRevalidations(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const remix = window as unknown as RemixWindow;
    remix.__revalidationsStarted = 0;
    let previous = remix.__remixRouter.state.revalidation;
    remix.__remixRouter.subscribe((state) => {
      if (state.revalidation === "loading" && previous !== "loading") remix.__revalidationsStarted! += 1;
      previous = state.revalidation;
    });
  });
  return () => page.evaluate(() => (window as unknown as RemixWindow).__revalidationsStarted ?? 0);
}

/** Makes the page report itself hidden or visible (Page Visibility API) and tells it so, as switching tabs does. */
export async function setVisibility(page: Page, visibility: "hidden" | "visible"): Promise<void> {
  await page.evaluate((state) => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
    Object.defineProperty(document, "hidden", { configurable: true, get: () => state === "hidden" });
    document.dispatchEvent(new Event("visibilitychange"));
  }, visibility);
}
