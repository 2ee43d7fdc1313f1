import type { ActionFunctionArgs } from "@remix-run/node";
import { updateShopSettingsFromWebhook, type ShopUpdatePayload } from "~/lib/shop/index.server";
import { authenticateWebhook } from "~/shopify.server";

/** Keeps the shop's time zone (which decides where days and months start) and currency current. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, payload } = await authenticateWebhook(request);
  await updateShopSettingsFromWebhook(shop, payload as ShopUpdatePayload);
  return new Response();
};
