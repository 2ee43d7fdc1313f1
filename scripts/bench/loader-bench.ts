import { loader } from "~/routes/app.analytics";
import { adminRequest, installShop } from "../../tests/support/shopify-auth";
import type { Timing } from "./stats";

/** The analytics overview's loader, in-process, through real session-token verification (`authenticate.admin`). */
export async function benchmarkOverviewLoader(options: {
  shop: string;
  time: (run: () => Promise<unknown>, runs?: number) => Promise<Timing>;
}): Promise<Record<string, Timing>> {
  await installShop(options.shop);
  const results: Record<string, Timing> = {};
  for (const range of ["this-month", "last-30-days", "last-90-days"]) {
    results[range] = await options.time(async () => {
      const response = await loader({
        request: await adminRequest(options.shop, `/app/analytics?range=${range}`),
        params: {},
        context: {},
      });
      if (response.status !== 200) throw new Error(`overview loader answered ${response.status}`);
      await response.json();
    }, 40);
  }
  return results;
}
