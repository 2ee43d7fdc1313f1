import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireDemoMode } from "~/demo/guard.server";
import { demoHost, demoShop, ensureDemoShopSession, mintDemoSessionToken } from "~/demo/demo-session.server";

/** Opens the app the way Shopify admin opens an embedded app: a document load with shop, host and id_token. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  requireDemoMode();
  await ensureDemoShopSession();
  const { token } = await mintDemoSessionToken();
  const requested = new URL(request.url).searchParams.get("return") ?? "/app";
  const path = requested.startsWith("/app") ? requested : "/app";
  const params = new URLSearchParams({ embedded: "1", shop: demoShop, host: demoHost, id_token: token });
  return redirect(`${path}?${params.toString()}`);
};
