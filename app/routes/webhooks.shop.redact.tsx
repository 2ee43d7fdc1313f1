import type { ActionFunctionArgs } from "@remix-run/node";
import { deleteShopData } from "~/lib/shop/index.server";
import { authenticateWebhook, handleWebhookOnce } from "~/shopify.server";

/** Sent 48 hours after uninstall: everything the app holds for the shop goes, and nothing of it is written again. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await authenticateWebhook(request);
  return handleWebhookOnce(context, () => deleteShopData(context.shop));
};
