import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { Session } from "@shopify/shopify-api";
import { env, shopifyConfig } from "~/env.server";
import { sessionStorage } from "~/shopify.server";
import { DEMO_DEFAULTS } from "./constants";

/**
 * The demo signs in the way Shopify admin does: it mints a session token (HS256 with the app's secret,
 * aud = API key, one minute of life) that `authenticate.admin` verifies exactly as in production.
 * Only the secret differs: it is the public demo secret, and these helpers refuse to run outside demo mode.
 */
function assertDemoMode(): void {
  if (!env.demoMode) throw new Error("Demo helpers are only available with DEMO_MODE=1");
}

export const demoShop = DEMO_DEFAULTS.shop;
export const demoHost = Buffer.from(`admin.shopify.com/store/${demoShop.replace(".myshopify.com", "")}`).toString(
  "base64url",
);

/** Stores the demo shop's offline session, as an install would. */
export async function ensureDemoShopSession(): Promise<void> {
  assertDemoMode();
  const id = `offline_${demoShop}`;
  const existing = await sessionStorage.loadSession(id);
  if (existing?.isActive(env.scopes)) return;
  const session = new Session({ id, shop: demoShop, state: "demo", isOnline: false });
  session.accessToken = DEMO_DEFAULTS.offlineAccessToken;
  session.scope = env.scopes.join(",");
  await sessionStorage.storeSession(session);
}

export async function mintDemoSessionToken(): Promise<{ token: string; expiresAt: number }> {
  assertDemoMode();
  const now = Math.floor(Date.now() / 1000);
  const expiresAt = now + 60;
  const token = await new SignJWT({
    iss: `https://${demoShop}/admin`,
    dest: `https://${demoShop}`,
    aud: shopifyConfig().apiKey,
    sub: DEMO_DEFAULTS.staffUserId,
    sid: randomUUID(),
    jti: randomUUID(),
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(shopifyConfig().apiSecret));
  return { token, expiresAt };
}
