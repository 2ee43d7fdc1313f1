import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateWebhook } from "~/shopify.server";

/** No customer data is stored (see customers/data_request), so there is nothing to erase. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic } = await authenticateWebhook(request);
  console.info(`${topic} for ${shop}: no customer data is stored by this app`);
  return new Response();
};
