import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { loader as appLayoutLoader } from "~/routes/app";
import { unauthenticated } from "~/shopify.server";
import { DEMO_DEFAULTS } from "../../demo/constants";
import { startDemoShopApi } from "../../demo/shopify/demo-shop-api";
import { ACCESS_TOKEN_LIFETIME_SECONDS, REFRESH_TOKEN_LIFETIME_SECONDS } from "../../demo/shopify/token-exchange";
import { demoHost, mintDemoSessionToken } from "../../demo/sign-in/session-token";
import { responseOf, TEST_API_KEY, TEST_API_SECRET } from "../support/shopify-auth";

/**
 * The demo signs in the way a real install does: the app's own `authenticate.admin` verifies the demo's session
 * token and trades it, at the demo shop's token endpoint (msw, at the network edge), for an expiring offline token
 * it stores itself; `unauthenticated.admin` renews that token with the refresh token. No session row is written by
 * hand. (The demo server gives the app the demo's credentials; here the test app's own are used on both sides.)
 */
const SHOP = DEMO_DEFAULTS.shop;
const SCOPES = "read_products,write_products";
const GRAPHQL_URL = `https://${SHOP}/admin/api/2026-10/graphql.json`;
const TOKEN_URL = `https://${SHOP}/admin/oauth/access_token`;
let demoShop: ReturnType<typeof startDemoShopApi>;

beforeAll(() => {
  demoShop = startDemoShopApi({ apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, scopes: SCOPES });
});
afterAll(() => demoShop.close());
beforeEach(async () => {
  await prisma.session.deleteMany();
  await prisma.shop.deleteMany();
});

async function sessionToken(secret = TEST_API_SECRET): Promise<string> {
  return (await mintDemoSessionToken({ apiKey: TEST_API_KEY, apiSecret: secret })).token;
}

/** A document load of /app as the demo's launch makes it. */
async function launchRequest(token: string): Promise<Request> {
  const params = new URLSearchParams({ embedded: "1", shop: SHOP, host: demoHost, id_token: token });
  return new Request(`https://app.test.example/app?${params.toString()}`);
}

function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

const secondsFromNow = (date: Date | null | undefined) => Math.round(((date?.getTime() ?? 0) - Date.now()) / 1000);

describe("the demo shop's sign-in", () => {
  test("a first launch trades the session token for an expiring offline token, stored by authenticate.admin", async () => {
    const response = await responseOf(async () =>
      appLayoutLoader({ request: await launchRequest(await sessionToken()), params: {}, context: {} }),
    );
    expect(response.status).toBe(200);

    const session = await prisma.session.findUniqueOrThrow({ where: { id: `offline_${SHOP}` } });
    expect(session).toMatchObject({ shop: SHOP, isOnline: false, scope: SCOPES });
    expect(session.accessToken).toMatch(/^shpat_demo_/);
    expect(session.refreshToken).toMatch(/^shprt_demo_/);
    expect(secondsFromNow(session.expires)).toBeGreaterThan(ACCESS_TOKEN_LIFETIME_SECONDS - 60);
    expect(secondsFromNow(session.expires)).toBeLessThanOrEqual(ACCESS_TOKEN_LIFETIME_SECONDS);
    expect(secondsFromNow(session.refreshTokenExpires)).toBeGreaterThan(REFRESH_TOKEN_LIFETIME_SECONDS - 60);

    // With that token the app read the shop's settings from the demo shop's Admin API.
    const settings = await prisma.shop.findUniqueOrThrow({ where: { shop: SHOP } });
    expect(settings).toMatchObject({ name: DEMO_DEFAULTS.shopName, ianaTimezone: DEMO_DEFAULTS.timeZone });
  });

  test("an expired access token is renewed with the refresh token, and the new one works", async () => {
    await appLayoutLoader({ request: await launchRequest(await sessionToken()), params: {}, context: {} });
    const first = await prisma.session.findUniqueOrThrow({ where: { id: `offline_${SHOP}` } });
    await prisma.session.update({ where: { id: first.id }, data: { expires: new Date(Date.now() - 1_000) } });

    const { admin } = await unauthenticated.admin(SHOP);
    const renewed = await prisma.session.findUniqueOrThrow({ where: { id: first.id } });
    expect(renewed.accessToken).toMatch(/^shpat_demo_/);
    expect(renewed.accessToken).not.toBe(first.accessToken);
    expect(renewed.refreshToken).not.toBe(first.refreshToken);
    expect(secondsFromNow(renewed.expires)).toBeGreaterThan(ACCESS_TOKEN_LIFETIME_SECONDS - 60);

    const answer = await admin.graphql("query ShopSettings { shop { name ianaTimezone currencyCode } }");
    expect(await answer.json()).toMatchObject({ data: { shop: { name: DEMO_DEFAULTS.shopName } } });
  });

  test("a session token signed with another secret gets no page and no session", async () => {
    const response = await responseOf(async () =>
      appLayoutLoader({ request: await launchRequest(await sessionToken("another-secret")), params: {}, context: {} }),
    );
    expect(response.status).not.toBe(200);
    expect(await prisma.session.count()).toBe(0);
    expect(await prisma.shop.count()).toBe(0);
  });
});

describe("the demo shop's token endpoint and Admin API, as Shopify answers", () => {
  const exchange = async (overrides: Record<string, unknown>) =>
    postJson(TOKEN_URL, {
      client_id: TEST_API_KEY,
      client_secret: TEST_API_SECRET,
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: await sessionToken(),
      subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
      expiring: "1",
      ...overrides,
    });

  test("refuses a wrong client secret, a forged session token and an unknown refresh token", async () => {
    const wrongClient = await exchange({ client_secret: "not-the-secret" });
    expect(wrongClient.status).toBe(401);
    expect(await wrongClient.json()).toMatchObject({ error: "invalid_client" });

    const forged = await exchange({ subject_token: await sessionToken("another-secret") });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ error: "invalid_subject_token" });

    const refresh = await postJson(TOKEN_URL, {
      client_id: TEST_API_KEY,
      client_secret: TEST_API_SECRET,
      grant_type: "refresh_token",
      refresh_token: "shprt_demo_9999999999_000000000000000000000000_00000000000000000000000000000000",
    });
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toMatchObject({ error: "invalid_grant" });
  });

  test("a non-expiring token is issued when the app does not ask for expiring ones", async () => {
    const answer = await exchange({ expiring: "0" });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["access_token", "scope"]);
  });

  test("the Admin API answers only the access tokens the endpoint issued", async () => {
    const query = { query: "query ShopSettings { shop { name } }" };
    const issued = (await (await exchange({})).json()) as { access_token: string };
    const ok = await postJson(GRAPHQL_URL, query, { "X-Shopify-Access-Token": issued.access_token });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      data: { shop: { name: DEMO_DEFAULTS.shopName, ianaTimezone: DEMO_DEFAULTS.timeZone, currencyCode: "USD" } },
    });

    const tampered = issued.access_token.replace(/.$/, (last) => (last === "0" ? "1" : "0"));
    for (const token of [tampered, "shpat_someone_else", ""]) {
      const refused = await postJson(GRAPHQL_URL, query, { "X-Shopify-Access-Token": token });
      expect(refused.status, token).toBe(401);
    }
  });
});
