import { authenticate } from "~/shopify.server";

/**
 * `authenticate.webhook`, except that a delivery with no signature at all is answered 401 like a bad one.
 * The library answers 400 to a missing HMAC header; an unsigned request is unauthenticated, not malformed.
 */
export async function authenticateWebhook(request: Request) {
  if (!request.headers.get("X-Shopify-Hmac-Sha256")) {
    throw new Response("Unauthorized", { status: 401 });
  }
  return authenticate.webhook(request);
}
