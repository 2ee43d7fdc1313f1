import type { ActionFunctionArgs } from "@remix-run/node";
import { updateShopSettingsFromWebhook, type ShopUpdatePayload } from "~/lib/shop/index.server";
import { authenticateWebhook, handleWebhookOnce } from "~/shopify.server";

/** Keeps the shop's time zone (which decides where days and months start) and currency current. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await authenticateWebhook(request);
  return handleWebhookOnce(context, async () => {
    const outcome = await updateShopSettingsFromWebhook(context.shop, context.payload as ShopUpdatePayload);
    if (outcome === "stale") console.info(`shop/update for ${context.shop}: older than the one applied, ignored`);
  });
};
