import { createHmac, randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { Session } from "@shopify/shopify-api";
import { sessionStorage } from "~/shopify.server";

export const TEST_API_KEY = process.env.SHOPIFY_API_KEY ?? "test-api-key";
export const TEST_API_SECRET = process.env.SHOPIFY_API_SECRET ?? "test-api-secret";

/** Stores an active offline session for the shop, as a completed install would. */
export async function installShop(shop: string): Promise<void> {
  const session = new Session({ id: `offline_${shop}`, shop, state: "installed", isOnline: false });
  session.accessToken = `shpat_${shop.split(".")[0]}`;
  session.scope = "read_products,write_products";
  await sessionStorage.storeSession(session);
}

export interface TokenOptions {
  secret?: string;
  audience?: string;
  expiresInSeconds?: number;
  staffUserId?: string;
}

/** A session token as Shopify admin's App Bridge would mint it for this app. */
export async function sessionToken(shop: string, options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: `https://${shop}/admin`,
    dest: `https://${shop}`,
    aud: options.audience ?? TEST_API_KEY,
    sub: options.staffUserId ?? "42",
    sid: randomUUID(),
    jti: randomUUID(),
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now - 5)
    .setNotBefore(now - 5)
    .setExpirationTime(now + (options.expiresInSeconds ?? 60))
    .sign(new TextEncoder().encode(options.secret ?? TEST_API_SECRET));
}

/** A fetch request from the embedded app (App Bridge adds the bearer token). */
export async function adminRequest(
  shop: string,
  path: string,
  init: RequestInit & TokenOptions = {},
): Promise<Request> {
  const { secret, audience, expiresInSeconds, staffUserId, ...requestInit } = init;
  const token = await sessionToken(shop, { secret, audience, expiresInSeconds, staffUserId });
  const headers = new Headers(requestInit.headers);
  headers.set("Authorization", `Bearer ${token}`);
  return new Request(`https://app.test.example${path}`, { ...requestInit, headers });
}

export interface WebhookOptions {
  secret?: string;
  signature?: string | null;
  /** Shopify's X-Shopify-Webhook-Id (a fresh one unless given: a retry of a delivery sends the same). */
  webhookId?: string;
}

/** A webhook delivery as Shopify sends it, signed with the app's secret unless told otherwise. */
export function webhookRequest(topic: string, shop: string, payload: unknown, options: WebhookOptions = {}): Request {
  const body = JSON.stringify(payload);
  const signature =
    options.signature === undefined
      ? createHmac("sha256", options.secret ?? TEST_API_SECRET)
          .update(body)
          .digest("base64")
      : options.signature;
  const headers = new Headers({
    "Content-Type": "application/json",
    "X-Shopify-Topic": topic,
    "X-Shopify-Shop-Domain": shop,
    "X-Shopify-API-Version": "2026-10",
    "X-Shopify-Webhook-Id": options.webhookId ?? randomUUID(),
    "X-Shopify-Event-Id": randomUUID(),
    "X-Shopify-Triggered-At": new Date().toISOString(),
  });
  if (signature !== null) headers.set("X-Shopify-Hmac-Sha256", signature);
  return new Request(`https://app.test.example/webhooks/${topic}`, { method: "POST", headers, body });
}

/** Runs a loader or action and returns the Response, whether it was returned or thrown. */
export async function responseOf(run: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await run();
    if (result instanceof Response) return result;
    return new Response(JSON.stringify(result), { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
