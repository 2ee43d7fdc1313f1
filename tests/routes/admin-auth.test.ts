import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { http, HttpResponse } from "msw";
import prisma from "~/db.server";
import { loader as appLayoutLoader } from "~/routes/app";
import { loader as welcomeLoader } from "~/routes/app._index";
import { adminRequest, installShop, responseOf, TEST_API_SECRET } from "../support/shopify-auth";
import { createAdminApiMock } from "../support/shopify-admin-api";

const SHOP = "alpine-gear.myshopify.com";
const adminApi = createAdminApiMock({
  ShopSettings: () => ({ shop: { name: "Alpine Gear", ianaTimezone: "Asia/Kolkata", currencyCode: "INR" } }),
});

beforeAll(() => adminApi.server.listen({ onUnhandledRequest: "error" }));
afterEach(() => adminApi.server.resetHandlers());
afterAll(() => adminApi.server.close());

beforeEach(async () => {
  adminApi.calls.length = 0;
  await prisma.shop.deleteMany();
  await prisma.session.deleteMany();
  await installShop(SHOP);
});

const args = (request: Request) => ({ request, params: {}, context: {} });

/** Home's figures (its SEO status, read from Shopify after them, is awaited so nothing is left running). */
async function homeData(request: Request): Promise<Record<string, unknown>> {
  const result = (await welcomeLoader(args(request))) as unknown as {
    data: Record<string, unknown> & { seo: Promise<unknown> };
  };
  await result.data.seo.catch(() => null);
  const { seo: _seo, ...figures } = result.data;
  return figures;
}

describe("authenticate.admin on the /app routes", () => {
  test("an install signs in by token exchange, and afterAuth creates the shop's settings once", async () => {
    await prisma.session.deleteMany();
    const exchanges: string[] = [];
    adminApi.server.use(
      http.post(`https://${SHOP}/admin/oauth/access_token`, async ({ request }) => {
        const body = (await request.json()) as { requested_token_type: string };
        exchanges.push(body.requested_token_type);
        return HttpResponse.json({
          access_token: "shpat_exchanged",
          scope: "read_products,write_products",
          expires_in: 3600,
          refresh_token: "shprt_exchanged",
          refresh_token_expires_in: 86_400,
        });
      }),
    );
    const first = await responseOf(async () => appLayoutLoader(args(await adminRequest(SHOP, "/app"))));
    expect(first.status).toBe(200);
    // With no APP_BRIDGE_URL, the pages load App Bridge from Shopify's CDN.
    expect(await first.json()).toEqual({
      apiKey: "test-api-key",
      appBridgeUrl: "https://cdn.shopify.com/shopifycloud/app-bridge.js",
    });
    const second = await responseOf(async () => appLayoutLoader(args(await adminRequest(SHOP, "/app"))));
    expect(second.status).toBe(200);

    expect(exchanges).toEqual(["urn:shopify:params:oauth:token-type:offline-access-token"]);
    expect(await prisma.session.findUnique({ where: { id: `offline_${SHOP}` } })).toMatchObject({
      accessToken: "shpat_exchanged",
    });
    const settings = await prisma.shop.findUniqueOrThrow({ where: { shop: SHOP } });
    expect(settings).toMatchObject({ name: "Alpine Gear", ianaTimezone: "Asia/Kolkata", currencyCode: "INR" });
    expect(adminApi.calls.map((call) => call.operationName)).toEqual(["ShopSettings"]);

    const welcome = await homeData(await adminRequest(SHOP, "/app"));
    expect(welcome).toMatchObject({ shopName: "Alpine Gear", timeZone: "Asia/Kolkata" });
    // Home reads the catalog for its SEO status, and never the shop's settings again.
    expect(adminApi.calls.map((call) => call.operationName)).toEqual(["ShopSettings", "SeoCatalogProducts"]);
  });

  test("when Shopify cannot report the shop's settings, the session is forgotten and the next load tries again", async () => {
    await prisma.session.deleteMany();
    adminApi.server.use(
      http.post(`https://${SHOP}/admin/oauth/access_token`, () =>
        HttpResponse.json({ access_token: "shpat_exchanged", scope: "read_products,write_products" }),
      ),
      http.post(
        `https://${SHOP}/admin/api/:version/graphql.json`,
        () => HttpResponse.json({ errors: [{ message: "Internal error" }] }, { status: 503 }),
        { once: true },
      ),
    );
    const failed = await responseOf(async () => appLayoutLoader(args(await adminRequest(SHOP, "/app"))));
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(await prisma.shop.count()).toBe(0);
    expect(await prisma.session.count({ where: { shop: SHOP } })).toBe(0);

    const retried = await responseOf(async () => appLayoutLoader(args(await adminRequest(SHOP, "/app"))));
    expect(retried.status).toBe(200);
    expect(await prisma.shop.findUniqueOrThrow({ where: { shop: SHOP } })).toMatchObject({ name: "Alpine Gear" });
  });

  test("a page load for an installed shop writes nothing: without a settings row it shows the shop's domain in UTC", async () => {
    expect(await homeData(await adminRequest(SHOP, "/app"))).toMatchObject({
      shopName: "alpine-gear",
      timeZone: "UTC",
    });
    expect(await prisma.shop.count()).toBe(0);
    expect(adminApi.calls.filter((call) => call.operationName === "ShopSettings")).toHaveLength(0);
  });

  const rejected: Array<[string, () => Promise<Request>]> = [
    ["an expired token", () => adminRequest(SHOP, "/app", { expiresInSeconds: -60 })],
    ["a token signed with another secret", () => adminRequest(SHOP, "/app", { secret: `${TEST_API_SECRET}-other` })],
    ["a token minted for another app", () => adminRequest(SHOP, "/app", { audience: "another-app-key" })],
    [
      "a request with no token",
      async () => new Request("https://app.test.example/app", { headers: { Accept: "application/json" } }),
    ],
  ];

  test.each(rejected)("%s is rejected and touches no data", async (_name, makeRequest) => {
    const sessionsBefore = await prisma.session.findMany({ orderBy: { id: "asc" } });
    const response = await responseOf(async () => appLayoutLoader(args(await makeRequest())));

    expect(response.status).not.toBe(200);
    expect([302, 401]).toContain(response.status);
    expect(await prisma.shop.count()).toBe(0);
    expect(adminApi.calls).toHaveLength(0);
    expect(await prisma.session.findMany({ orderBy: { id: "asc" } })).toEqual(sessionsBefore);
  });

  test("a valid token for a shop that never installed the app gets no page", async () => {
    // Shopify refuses the token exchange for a shop where the app is not installed.
    adminApi.server.use(
      http.post("https://stranger.myshopify.com/admin/oauth/access_token", () =>
        HttpResponse.json({ error: "invalid_subject_token" }, { status: 400 }),
      ),
    );
    const response = await responseOf(async () =>
      appLayoutLoader(args(await adminRequest("stranger.myshopify.com", "/app"))),
    );
    expect(response.status).not.toBe(200);
    expect(await prisma.shop.count()).toBe(0);
  });
});
