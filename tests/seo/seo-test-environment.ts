import { afterAll, beforeAll, beforeEach } from "vitest";
import prisma from "~/db.server";
import { getUsageRecorder } from "~/lib/usage/index.server";
import { unauthenticated } from "~/shopify.server";
import { type AdminGraphqlClient, forgetCatalog } from "~/lib/seo/index.server";
import { seoDemoResponder } from "../../demo/claude-api";
import { DemoStore } from "../../demo/shopify/demo-store";
import { startClaudeTestServer, type ClaudeTestServer } from "../support/claude-test-server";
import { installShop } from "../support/shopify-auth";
import { createSeoShopifyMock, fixtureCatalog } from "../support/shopify-fixtures/seo-store";
import { createShop } from "../support/usage-fixtures";

/**
 * What every SEO test runs against: Shopify's Admin API at the network edge (msw, answered by a store of
 * `catalogSize` fixture products), Claude as the local Claude-compatible server reached through the real SDK
 * (answering with the demo's SEO responder unless a test scripts it), and a clean database with the shop installed.
 */
export interface SeoTestEnvironment {
  shop: string;
  shopify: ReturnType<typeof createSeoShopifyMock>;
  claude: ClaudeTestServer;
  store: DemoStore;
  admin: AdminGraphqlClient;
}

export function setUpSeoTestEnvironment(shop: string, catalogSize: number): SeoTestEnvironment {
  const shopify = createSeoShopifyMock();
  const environment = { shop, shopify } as SeoTestEnvironment;

  beforeAll(async () => {
    // Only the local Claude server may be reached without an answer here.
    shopify.server.listen({
      onUnhandledRequest: (request, print) => {
        if (new URL(request.url).hostname !== "127.0.0.1") print.error();
      },
    });
    environment.claude = await startClaudeTestServer({ responder: seoDemoResponder });
    // The client factory reads these at call time.
    process.env.ANTHROPIC_BASE_URL = environment.claude.baseURL;
    process.env.ANTHROPIC_API_KEY = "test-key";
  });

  afterAll(async () => {
    shopify.server.close();
    await environment.claude?.close();
  });

  beforeEach(async () => {
    // Calls of the test before are written first, so none lands in this test's rows.
    await getUsageRecorder().drain();
    await prisma.seoJobItem.deleteMany();
    await prisma.seoJob.deleteMany();
    await prisma.seoSettings.deleteMany();
    await prisma.aPIUsageLog.deleteMany();
    await prisma.usageRollupDaily.deleteMany();
    await prisma.usageDailyTotal.deleteMany();
    await prisma.latencyHistogramDaily.deleteMany();
    await createShop(shop, "UTC");
    await installShop(shop);
    environment.store = new DemoStore(fixtureCatalog(catalogSize));
    shopify.serve(environment.store);
    forgetCatalog(shop);
    environment.claude.state.reset();
    environment.claude.state.responder = seoDemoResponder;
    environment.admin = (await unauthenticated.admin(shop)).admin;
  });

  return environment;
}

/** A scripted usage report: exactly these token counts, no cache writes. */
export function usage(input: number, output: number, cacheRead = 0) {
  return {
    input_tokens: input,
    output_tokens: output,
    cache_read_input_tokens: cacheRead,
    cache_creation_input_tokens: 0,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
  };
}
