import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { env } from "~/env.server";
import { DEMO_LAUNCH_PATH } from "~/demo/paths";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  // Shopify admin refreshes an expired token through this bounce page; the demo has no admin, so it re-launches.
  const url = new URL(request.url);
  if (env.demoMode && url.pathname === "/auth/session-token") {
    const target = url.searchParams.get("shopify-reload") ?? "/app";
    return redirect(`${DEMO_LAUNCH_PATH}?return=${encodeURIComponent(new URL(target, url).pathname)}`);
  }
  await authenticate.admin(request);
  return null;
};
