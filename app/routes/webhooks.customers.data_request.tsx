import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateWebhook } from "~/shopify.server";

/**
 * This app stores no customer data: usage records name staff members and products, never customers.
 * There is nothing to report, so the request is acknowledged after its signature is verified.
 */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic } = await authenticateWebhook(request);
  console.info(`${topic} for ${shop}: no customer data is stored by this app`);
  return new Response();
};
