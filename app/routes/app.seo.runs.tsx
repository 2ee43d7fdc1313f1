import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { listJobs, loadJobViews } from "~/lib/seo/index.server";

/** The SEO page's recent bulk runs, polled while one of them is running (the catalog is not re-read for it). */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const jobs = await listJobs(session.shop, { origin: "bulk", take: 8 });
  return json({ jobs: await loadJobViews(session.shop, jobs) });
};
