import { loader } from "~/routes/app.analytics";
import { authenticate } from "~/shopify.server";
import { adminRequest, installShop } from "../../tests/support/shopify-auth";
import type { Timing } from "./stats";

const RUNS = 40;
const WARMUP = 3;

/** Signed requests made before timing starts, so signing the session token (the test's side) is not counted. */
async function signedRequests(shop: string, url: string): Promise<Request[]> {
  return Promise.all(Array.from({ length: RUNS + WARMUP }, () => adminRequest(shop, url)));
}

/**
 * The analytics overview's loader, in-process, through real session-token verification (`authenticate.admin`), for
 * each range; and `authenticate.admin` alone on the same requests: the part of every loader that the floor (no
 * authentication) leaves out.
 */
export async function benchmarkOverviewLoader(options: {
  shop: string;
  time: (run: () => Promise<unknown>, runs?: number, warmup?: number) => Promise<Timing>;
}): Promise<{ ranges: Record<string, Timing>; authentication: Timing }> {
  await installShop(options.shop);
  const ranges: Record<string, Timing> = {};
  for (const range of ["this-month", "last-30-days", "last-90-days"]) {
    const requests = await signedRequests(options.shop, `/app/analytics?range=${range}`);
    ranges[range] = await options.time(
      async () => {
        const response = await loader({ request: requests.pop()!, params: {}, context: {} });
        if (response.status !== 200) throw new Error(`overview loader answered ${response.status}`);
        await response.json();
      },
      RUNS,
      WARMUP,
    );
  }
  const requests = await signedRequests(options.shop, "/app/analytics");
  const authentication = await options.time(() => authenticate.admin(requests.pop()!), RUNS, WARMUP);
  return { ranges, authentication };
}
