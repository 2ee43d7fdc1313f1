import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { requireDemoMode } from "~/demo/guard.server";
import { demoHost, demoShop, ensureDemoShopSession, mintDemoSessionToken } from "~/demo/demo-session.server";

/** Params Shopify admin adds to an embedded app's URL; the launch sets them fresh. */
const ADMIN_PARAMS = ["embedded", "shop", "host", "id_token", "session", "hmac", "timestamp", "locale"];

/**
 * Opens the app the way Shopify admin opens an embedded app: a document load with shop, host and id_token.
 * `return` is a path under /app, with its own query (e.g. `/app/analytics?range=last-7-days`).
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  requireDemoMode();
  await ensureDemoShopSession();
  const { token } = await mintDemoSessionToken();
  const url = new URL(request.url);
  const target = new URL(url.searchParams.get("return") ?? "/app", url.origin);
  if (target.origin !== url.origin || !target.pathname.startsWith("/app")) target.pathname = "/app";
  for (const name of ADMIN_PARAMS) target.searchParams.delete(name);
  const params = new URLSearchParams({ embedded: "1", shop: demoShop, host: demoHost, id_token: token });
  for (const [name, value] of target.searchParams) params.append(name, value);
  return redirect(`${target.pathname}?${params.toString()}`);
};
