import { DEMO_LAUNCH_PATH } from "./paths";
import { demoHost, demoShop, mintDemoSessionToken } from "./session-token";

/** Params Shopify admin adds to an embedded app's URL; the launch sets them fresh. */
const ADMIN_PARAMS = ["embedded", "shop", "host", "id_token", "session", "hmac", "timestamp", "locale"];
const MAX_RETURN_LENGTH = 2_000;

/**
 * Where `/demo/launch` sends the browser: a document load of an `/app` path with shop, host and a fresh id_token,
 * the way Shopify admin opens an embedded app. `return` is a path under /app with its own query (e.g.
 * `/app/analytics?range=last-7-days`); anything else (another origin, another path, too long) opens `/app`.
 */
export async function launchLocation(requestUrl: URL): Promise<string> {
  const requested = requestUrl.searchParams.get("return") ?? "/app";
  const target = new URL(requested.length <= MAX_RETURN_LENGTH ? requested : "/app", requestUrl.origin);
  if (target.origin !== requestUrl.origin || !/^\/app(\/|$)/.test(target.pathname)) {
    target.pathname = "/app";
    target.search = "";
  }
  for (const name of ADMIN_PARAMS) target.searchParams.delete(name);
  const { token } = await mintDemoSessionToken();
  const params = new URLSearchParams({ embedded: "1", shop: demoShop, host: demoHost, id_token: token });
  for (const [name, value] of target.searchParams) params.append(name, value);
  return `${target.pathname}?${params.toString()}`;
}

/**
 * Shopify admin renews an expired session token through the app's bounce page (`/auth/session-token`, with the
 * page to reload in `shopify-reload`, an absolute URL on the app's own origin); the demo has no admin around it, so
 * it launches that page again (a reload of any page after its token expired lands back on that page). `appOrigin` is
 * the app's SHOPIFY_APP_URL origin: a reload URL anywhere else opens `/app`.
 */
export function bounceLocation(requestUrl: URL, appOrigin: string = requestUrl.origin): string {
  const reload = requestUrl.searchParams.get("shopify-reload") ?? "/app";
  const target = new URL(reload.length <= MAX_RETURN_LENGTH ? reload : "/app", appOrigin);
  const own = target.origin === appOrigin || target.origin === requestUrl.origin;
  return launchPath(own ? target.pathname + target.search : "/app");
}

/** `/demo/launch?return=…` for a page of the app, its admin parameters dropped (the launch adds fresh ones). */
export function launchPath(path: string): string {
  const target = new URL(path, "http://demo.invalid");
  for (const name of ADMIN_PARAMS) target.searchParams.delete(name);
  return `${DEMO_LAUNCH_PATH}?return=${encodeURIComponent(target.pathname + target.search)}`;
}
