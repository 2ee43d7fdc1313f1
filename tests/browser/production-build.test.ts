import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SignJWT } from "jose";
import { DEMO_DEFAULTS } from "~/demo/constants";
import { DEMO_APP_BRIDGE_PATH, DEMO_LAUNCH_PATH, DEMO_SESSION_TOKEN_PATH } from "~/demo/paths";
import { BROWSER_USER_AGENT, startAppServer, type AppServer } from "../support/app-server";

/** The same build `npm run demo` serves, started as a real deployment: no DEMO_MODE, the app's own credentials. */
const APP_API_KEY = "production-test-api-key";
const APP_API_SECRET = "production-test-api-secret";
const DEMO_SHOP = DEMO_DEFAULTS.shop;
const DEMO_HOST = Buffer.from(`admin.shopify.com/store/${DEMO_SHOP.replace(".myshopify.com", "")}`).toString(
  "base64url",
);

let server: AppServer;

beforeAll(async () => {
  server = await startAppServer({
    demoMode: false,
    env: { SHOPIFY_API_KEY: APP_API_KEY, SHOPIFY_API_SECRET: APP_API_SECRET },
  });
});

afterAll(async () => {
  await server?.stop();
});

function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    redirect: "manual",
    headers: { "User-Agent": BROWSER_USER_AGENT, Accept: "text/html", ...headers },
  });
}

/** A session token exactly like the demo's, signed with the public demo secret. */
async function demoSignedToken(audience: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: `https://${DEMO_SHOP}/admin`,
    dest: `https://${DEMO_SHOP}`,
    aud: audience,
    sub: DEMO_DEFAULTS.staffUserId,
    sid: randomUUID(),
    jti: randomUUID(),
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + 60)
    .sign(new TextEncoder().encode(DEMO_DEFAULTS.apiSecret));
}

async function demoShopRows(): Promise<{ sessions: unknown[]; shops: unknown[] }> {
  return {
    sessions: await server.query("SELECT id FROM Session WHERE shop = ?", [DEMO_SHOP]),
    shops: await server.query("SELECT shop FROM Shop WHERE shop = ?", [DEMO_SHOP]),
  };
}

describe("the production build without DEMO_MODE", () => {
  test.each([DEMO_LAUNCH_PATH, DEMO_SESSION_TOKEN_PATH, DEMO_APP_BRIDGE_PATH])("%s answers 404", async (path) => {
    const response = await get(path, { Accept: "*/*" });
    const body = await response.text();
    expect(response.status, server.outputTail()).toBe(404);
    expect(body).not.toContain("window.shopify");
    expect(body).not.toMatch(/"token"\s*:/);
  });

  test("/ shows the install landing page instead of redirecting to the demo", async () => {
    const response = await get("/");
    expect(response.status, server.outputTail()).toBe(200);
    expect(response.headers.get("location")).toBeNull();
    const html = await response.text();
    expect(html).toContain('action="/auth/login"');
    expect(html).not.toContain(DEMO_LAUNCH_PATH);
  });

  test.each([
    ["the app's API key", APP_API_KEY],
    ["the demo's API key", DEMO_DEFAULTS.apiKey],
  ])("/app rejects a demo-secret session token for the demo shop (audience: %s)", async (_audience, audience) => {
    const params = new URLSearchParams({
      embedded: "1",
      shop: DEMO_SHOP,
      host: DEMO_HOST,
      id_token: await demoSignedToken(audience),
    });
    const response = await get(`/app?${params.toString()}`);
    const body = await response.text();
    expect(response.status, server.outputTail()).not.toBe(200);
    // shopify-app-remix sends an invalid document load to the login page.
    expect([302, 401]).toContain(response.status);
    expect(response.headers.get("location") ?? "").not.toMatch(/^\/app\b/);
    expect(body).not.toContain(DEMO_DEFAULTS.shopName);

    // The same token as a bearer token on a data request is refused too.
    const dataResponse = await get("/app?_data=routes%2Fapp._index", {
      Accept: "application/json",
      Authorization: `Bearer ${await demoSignedToken(audience)}`,
    });
    expect(dataResponse.status, server.outputTail()).toBe(401);
    expect(await dataResponse.text()).not.toContain(DEMO_DEFAULTS.shopName);
  });

  test("none of this creates the demo shop's session or settings in the database", async () => {
    await get(DEMO_LAUNCH_PATH);
    await get(DEMO_SESSION_TOKEN_PATH);
    await get("/");
    expect(await demoShopRows()).toEqual({ sessions: [], shops: [] });
    expect(await server.query("SELECT id FROM Session")).toEqual([]);
  });
});
