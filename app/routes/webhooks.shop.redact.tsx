import type { ActionFunctionArgs } from "@remix-run/node";
import { deleteShopData } from "~/lib/shop/index.server";
import { authenticateWebhook } from "~/shopify.server";

/** Sent 48 hours after uninstall: everything the app holds for the shop goes. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await authenticateWebhook(request);
  await deleteShopData(shop);
  return new Response();
};
