import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_DEFAULTS } from "../../demo/constants";
import { demoHost, mintDemoSessionToken } from "../../demo/sign-in/session-token";
import {
  DEMO_APP_BRIDGE_PATH,
  DEMO_CLAUDE_BASE_PATH,
  DEMO_LAUNCH_PATH,
  DEMO_SESSION_TOKEN_PATH,
} from "../../demo/sign-in/paths";
import { BROWSER_USER_AGENT, startAppServer, type AppServer } from "../support/app-server";

/**
 * The same build `npm run demo` serves, started as a real deployment (`remix-serve`, the app's own credentials).
 * DEMO_MODE=1 is set too: the build has no demo in it, so no variable can turn one on.
 */
const APP_API_KEY = "production-test-api-key";
const APP_API_SECRET = "production-test-api-secret";
const DEMO_SHOP = DEMO_DEFAULTS.shop;

let server: AppServer;

beforeAll(async () => {
  server = await startAppServer({
    demoMode: false,
    env: { SHOPIFY_API_KEY: APP_API_KEY, SHOPIFY_API_SECRET: APP_API_SECRET, DEMO_MODE: "1" },
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
  return (await mintDemoSessionToken({ apiKey: audience })).token;
}

async function demoShopRows(): Promise<{ sessions: unknown[]; shops: unknown[] }> {
  return {
    sessions: await server.query(`SELECT "id" FROM "Session" WHERE "shop" = ?`, [DEMO_SHOP]),
    shops: await server.query(`SELECT "shop" FROM "Shop" WHERE "shop" = ?`, [DEMO_SHOP]),
  };
}

describe("the production build, even with DEMO_MODE=1", () => {
  test.each([DEMO_LAUNCH_PATH, DEMO_SESSION_TOKEN_PATH, DEMO_APP_BRIDGE_PATH])("%s answers 404", async (path) => {
    const response = await get(path, { Accept: "*/*" });
    const body = await response.text();
    expect(response.status, server.outputTail()).toBe(404);
    expect(body).not.toContain("window.shopify");
    expect(body).not.toMatch(/"token"\s*:/);
  });

  test("no Claude-compatible endpoint is served", async () => {
    const response = await fetch(`${server.url}${DEMO_CLAUDE_BASE_PATH}/v1/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "x-api-key": DEMO_DEFAULTS.claudeApiKey },
      body: JSON.stringify({ model: "claude-haiku-4-5", max_tokens: 16, messages: [{ role: "user", content: "Hi" }] }),
    });
    expect(response.status, server.outputTail()).not.toBe(200);
    expect(await response.text()).not.toContain('"type":"message"');
  });

  test("/ shows the install landing page instead of redirecting to the demo", async () => {
    const response = await get("/");
    expect(response.status, server.outputTail()).toBe(200);
    expect(response.headers.get("location")).toBeNull();
    const html = await response.text();
    expect(html).toContain('action="/auth/login"');
    expect(html).not.toContain(DEMO_LAUNCH_PATH);
  });

  test("the session-token bounce page is Shopify's, not a way into the demo", async () => {
    const params = new URLSearchParams({ shop: DEMO_SHOP, host: demoHost, "shopify-reload": "/app" });
    const response = await get(`/auth/session-token?${params.toString()}`);
    const body = await response.text();
    expect(response.status, server.outputTail()).toBe(200);
    expect(response.headers.get("location")).toBeNull();
    // App Bridge from Shopify's CDN renews the token there; APP_BRIDGE_URL is not set in a real deployment.
    expect(body).toContain("https://cdn.shopify.com/shopifycloud/app-bridge.js");
    expect(body).not.toContain(DEMO_LAUNCH_PATH);
    expect(body).not.toContain(DEMO_APP_BRIDGE_PATH);
  });

  test.each([
    ["the app's API key", APP_API_KEY],
    ["the demo's API key", DEMO_DEFAULTS.apiKey],
  ])("/app rejects a demo-secret session token for the demo shop (audience: %s)", async (_audience, audience) => {
    const params = new URLSearchParams({
      embedded: "1",
      shop: DEMO_SHOP,
      host: demoHost,
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
    expect(await server.query(`SELECT "id" FROM "Session"`)).toEqual([]);
  });
});
