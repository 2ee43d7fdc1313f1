import type { ActionFunctionArgs } from "@remix-run/node";
import { deleteShopSessions } from "~/lib/shop/index.server";
import { authenticateWebhook } from "~/shopify.server";

/** Uninstall ends the app's access: drop the sessions. Usage history stays until shop/redact (48 h later). */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, session } = await authenticateWebhook(request);
  // The webhook can arrive more than once, after the sessions are already gone.
  if (session) await deleteShopSessions(shop);
  return new Response();
};
