import { loader } from "~/routes/app.analytics";
import { authenticate } from "~/shopify.server";
import { adminRequest, installShop } from "../../tests/support/shopify-auth";
import { FIGURE_RUNS, time, timeAlternating, type Timing } from "./stats";

const RUNS = FIGURE_RUNS;
const WARMUP = 3;
export const OVERVIEW_RANGES = ["this-month", "last-30-days", "last-90-days"] as const;

/** Signed requests made before timing starts, so signing the session token (the test's side) is not counted. */
async function signedRequests(shop: string, url: string): Promise<Request[]> {
  return Promise.all(Array.from({ length: RUNS + WARMUP + 1 }, () => adminRequest(shop, url)));
}

/**
 * The analytics overview's loader, in-process, through real session-token verification (`authenticate.admin`), for
 * each range, run by run in alternation with its floor (`floorOf(range)`); and `authenticate.admin` alone on the same
 * requests: the part of every loader that the floor (no authentication) leaves out.
 */
export async function benchmarkOverviewLoader(options: {
  shop: string;
  floorOf: (range: string) => () => Promise<unknown>;
}): Promise<{ ranges: Array<{ range: string; timing: Timing; floor: Timing }>; authentication: Timing }> {
  await installShop(options.shop);
  const ranges = [];
  for (const range of OVERVIEW_RANGES) {
    const requests = await signedRequests(options.shop, `/app/analytics?range=${range}`);
    // The server's work ends with the response's bytes: they are read to the end, not parsed (the page parses them,
    // in the browser, and the Chromium figures measure that). Once, untimed, the body is checked to be the page's data.
    const load = async () => {
      const response = await loader({ request: requests.pop()!, params: {}, context: {} });
      if (response.status !== 200) throw new Error(`overview loader answered ${response.status}`);
      return response.arrayBuffer();
    };
    const sample = JSON.parse(new TextDecoder().decode(await load())) as { totals?: { calls?: number } };
    if (typeof sample.totals?.calls !== "number") throw new Error("the overview loader's answer has no totals");
    const [timing, floor] = await timeAlternating(load, options.floorOf(range), RUNS, WARMUP);
    ranges.push({ range, timing, floor });
  }
  const requests = await signedRequests(options.shop, "/app/analytics");
  const authentication = await time(() => authenticate.admin(requests.pop()!), RUNS, WARMUP);
  return { ranges, authentication };
}
