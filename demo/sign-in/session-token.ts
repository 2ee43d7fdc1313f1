import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { DEMO_DEFAULTS } from "../constants";

/**
 * The demo signs in the way Shopify admin does: it mints a session token (HS256 with the app's secret, aud = the
 * API key, one minute of life) that the app's `authenticate.admin` verifies exactly as in production, then trades
 * for an offline access token at the demo shop's token-exchange endpoint (demo/shopify/token-exchange.ts).
 * Only the secret differs: the public demo secret, which the demo server gives the app as SHOPIFY_API_SECRET.
 */
export const demoShop = DEMO_DEFAULTS.shop;
/** Shopify admin's `host` parameter: base64url of the admin URL of the store. */
export const demoHost = Buffer.from(`admin.shopify.com/store/${demoShop.replace(".myshopify.com", "")}`).toString(
  "base64url",
);

export const SESSION_TOKEN_LIFETIME_SECONDS = 60;

export interface MintOptions {
  shop?: string;
  staffUserId?: string;
  apiKey?: string;
  apiSecret?: string;
  now?: Date;
}

export async function mintDemoSessionToken(options: MintOptions = {}): Promise<{ token: string; expiresAt: number }> {
  const shop = options.shop ?? demoShop;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const expiresAt = now + SESSION_TOKEN_LIFETIME_SECONDS;
  const token = await new SignJWT({
    iss: `https://${shop}/admin`,
    dest: `https://${shop}`,
    aud: options.apiKey ?? DEMO_DEFAULTS.apiKey,
    sub: options.staffUserId ?? DEMO_DEFAULTS.staffUserId,
    sid: randomUUID(),
    jti: randomUUID(),
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(options.apiSecret ?? DEMO_DEFAULTS.apiSecret));
  return { token, expiresAt };
}
