import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { unauthenticated } from "~/shopify.server";
import {
  adminGraphql,
  ShopifyApiError,
  ShopifyUserErrorsError,
  type AdminGraphqlClient,
  readCatalog,
  readProducts,
  writeImageAltText,
  writeProductMetaTags,
} from "~/lib/seo/index.server";
import { DemoStore } from "../../demo/shopify/demo-store";
import { installShop } from "../support/shopify-auth";
import {
  createSeoShopifyMock,
  fileUpdateUserErrors,
  fixtureCatalog,
  http429First,
  productUpdateUserErrors,
  throttledBody,
  throttledFirst,
} from "../support/shopify-fixtures/seo-store";

/**
 * The SEO code's Admin GraphQL calls through the app's real Shopify client (unauthenticated.admin with the shop's
 * offline session), answered at the network edge: pagination, throttling, HTTP 429 and userErrors.
 */
const SHOP = "cedar-outfitters.myshopify.com";
let store: DemoStore;
const adminApi = createSeoShopifyMock();
const waits: number[] = [];
const retry = { sleep: async (ms: number) => void waits.push(ms) };

beforeAll(() => adminApi.server.listen({ onUnhandledRequest: "error" }));
afterAll(() => adminApi.server.close());

let admin: AdminGraphqlClient;
beforeEach(async () => {
  await installShop(SHOP);
  store = new DemoStore(fixtureCatalog(120));
  adminApi.serve(store);
  waits.length = 0;
  admin = (await unauthenticated.admin(SHOP)).admin;
});

const answer = adminApi.override;

describe("reading the catalog", () => {
  test("pages through every product with cursors, 50 at a time, in API version 2026-10", async () => {
    const { products, truncated } = await readCatalog(admin, 1_000, retry);
    expect(products).toHaveLength(120);
    expect(truncated).toBe(false);
    const pages = adminApi.calls.filter((call) => call.operationName === "SeoCatalogProducts");
    expect(pages.map((call) => call.variables.first)).toEqual([50, 50, 50]);
    expect(pages[0]!.variables.after).toBeNull();
    expect(pages[1]!.variables.after).toEqual(expect.any(String));
    expect(products[0]).toMatchObject({
      id: "gid://shopify/Product/7000000001",
      title: "Test Product 001",
      seoTitle: "Test Product 001 – Lightweight Tent for Backpacking Trips",
      images: [
        {
          id: "gid://shopify/MediaImage/6000000011",
          alt: "Test Product 001, front view",
          url: expect.stringContaining("product-1-1.jpg"),
        },
        { id: "gid://shopify/MediaImage/6000000012", alt: "" },
      ],
      imageCount: 2,
    });
  });

  test("stops at the limit and says the catalog was cut short", async () => {
    const { products, truncated } = await readCatalog(admin, 60, retry);
    expect(products).toHaveLength(60);
    expect(truncated).toBe(true);
  });

  test("reads chosen products by id and leaves out ones that no longer exist", async () => {
    const products = await readProducts(admin, ["gid://shopify/Product/7000000002", "gid://shopify/Product/1"], retry);
    expect(products.map((product) => product.id)).toEqual(["gid://shopify/Product/7000000002"]);
  });
});

describe("Shopify's rate limits", () => {
  test("a THROTTLED answer waits until the bucket holds the query's cost, then retries", async () => {
    answer({
      SeoCatalogProducts: throttledFirst(2, store.resolvers().SeoCatalogProducts!, throttledBody(552, 120, 100)),
    });
    const { products } = await readCatalog(admin, 50, retry);
    expect(products).toHaveLength(50);
    // (552 − 120) / 100 points per second = 4.32 s, plus 250 ms of slack, twice.
    expect(waits).toEqual([4_570, 4_570]);
    expect(adminApi.calls).toHaveLength(3);
  });

  test("an HTTP 429 backs off exponentially and retries", async () => {
    answer({ SeoCatalogProducts: http429First(2, store.resolvers().SeoCatalogProducts!) });
    const { products } = await readCatalog(admin, 50, retry);
    expect(products).toHaveLength(50);
    expect(waits).toEqual([1_000, 2_000]);
  });

  test("throttling that never ends becomes an error the merchant can read, after the last attempt", async () => {
    answer({ SeoCatalogProducts: throttledFirst(100, store.resolvers().SeoCatalogProducts!) });
    const failure = readCatalog(admin, 50, { ...retry, maxAttempts: 3 });
    await expect(failure).rejects.toThrow(ShopifyApiError);
    await expect(failure).rejects.toThrow(
      "Shopify kept rate-limiting the request (THROTTLED) after 3 attempts; try again in a minute.",
    );
    expect(adminApi.calls).toHaveLength(3);
  });

  test("other GraphQL errors are not retried", async () => {
    const query = `#graphql
      query SeoBroken { shop { name } }`;
    await expect(adminGraphql(admin, query, {}, retry)).rejects.toThrow(
      "Shopify refused the request: No answer for operation SeoBroken",
    );
    expect(adminApi.calls).toHaveLength(1);
    expect(waits).toEqual([]);
  });
});

describe("writing fixes", () => {
  test("productUpdate sets the meta title and description, and the store reads them back", async () => {
    const written = await writeProductMetaTags(
      admin,
      "gid://shopify/Product/7000000002",
      { metaTitle: "New title", metaDescription: "New description" },
      retry,
    );
    expect(written).toEqual({ metaTitle: "New title", metaDescription: "New description" });
    const call = adminApi.calls.find((candidate) => candidate.operationName === "SeoProductUpdate")!;
    expect(call.query).toContain("productUpdate(product: $product)");
    expect(call.variables).toEqual({
      product: { id: "gid://shopify/Product/7000000002", seo: { title: "New title", description: "New description" } },
    });
    expect(store.product("gid://shopify/Product/7000000002")!.seo).toEqual({
      title: "New title",
      description: "New description",
    });
  });

  test("fileUpdate sets one image's alt text on its MediaImage id", async () => {
    const alt = await writeImageAltText(
      admin,
      "gid://shopify/MediaImage/6000000012",
      "Test Product 001, packed",
      retry,
    );
    expect(alt).toBe("Test Product 001, packed");
    const call = adminApi.calls.find((candidate) => candidate.operationName === "SeoImageAltUpdate")!;
    expect(call.query).toContain("fileUpdate(files: $files)");
    expect(call.variables).toEqual({
      files: [{ id: "gid://shopify/MediaImage/6000000012", alt: "Test Product 001, packed" }],
    });
  });

  test("userErrors become a ShopifyUserErrorsError with Shopify's messages and fields, and nothing is changed", async () => {
    answer({ SeoProductUpdate: productUpdateUserErrors(), SeoImageAltUpdate: fileUpdateUserErrors() });
    const before = structuredClone(store.product("gid://shopify/Product/7000000003")!.seo);
    const meta = writeProductMetaTags(
      admin,
      "gid://shopify/Product/7000000003",
      { metaTitle: "x".repeat(80), metaDescription: "d" },
      retry,
    );
    await expect(meta).rejects.toThrow(ShopifyUserErrorsError);
    await expect(meta).rejects.toThrow("seo.title: Seo title is too long (maximum is 70 characters)");
    await expect(writeImageAltText(admin, "gid://shopify/MediaImage/6000000031", "alt", retry)).rejects.toThrow(
      "files.0.id: Non-ready files cannot be updated.",
    );
    expect(store.product("gid://shopify/Product/7000000003")!.seo).toEqual(before);
  });

  test("the demo store refuses unknown products and images the way Shopify does", async () => {
    await expect(
      writeProductMetaTags(admin, "gid://shopify/Product/1", { metaTitle: "t", metaDescription: "d" }, retry),
    ).rejects.toThrow("id: Product does not exist");
    await expect(writeImageAltText(admin, "gid://shopify/MediaImage/1", "alt", retry)).rejects.toThrow(
      "files.0.id: File id gid://shopify/MediaImage/1 does not exist.",
    );
  });
});
