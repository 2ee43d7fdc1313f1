import type { ActionFunctionArgs } from "@remix-run/node";
import { uninstallShop } from "~/lib/shop/index.server";
import { authenticateWebhook, handleWebhookOnce } from "~/shopify.server";

/**
 * Uninstall ends the app's access at once: sessions go and the shop's SEO runs stop (a runner finishes at most the
 * calls already in flight). Usage history stays until shop/redact (48 h later).
 */
export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await authenticateWebhook(request);
  return handleWebhookOnce(context, async () => {
    await uninstallShop(context.shop);
  });
};
