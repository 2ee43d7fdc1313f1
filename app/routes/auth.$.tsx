import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { env } from "~/env.server";
import { DEMO_LAUNCH_PATH } from "~/demo/paths";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  // Shopify admin refreshes an expired token through this bounce page; the demo has no admin, so it re-launches.
  const url = new URL(request.url);
  if (env.demoMode && url.pathname === "/auth/session-token") {
    const reload = new URL(url.searchParams.get("shopify-reload") ?? "/app", url.origin);
    return redirect(`${DEMO_LAUNCH_PATH}?return=${encodeURIComponent(reload.pathname + reload.search)}`);
  }
  await authenticate.admin(request);
  return null;
};
