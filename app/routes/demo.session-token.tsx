import { json } from "@remix-run/node";
import { requireDemoMode } from "~/demo/guard.server";
import { mintDemoSessionToken } from "~/demo/demo-session.server";

/** What App Bridge's `shopify.idToken()` gets from Shopify admin; the demo's stand-in asks here. */
export const loader = async () => {
  requireDemoMode();
  return json(await mintDemoSessionToken(), { headers: { "Cache-Control": "no-store" } });
};
