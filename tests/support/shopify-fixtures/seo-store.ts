import { HttpResponse } from "msw";
import { setupServer } from "msw/node";
import type { FixtureProduct } from "../../../demo/shopify/catalog-fixtures";
import { adminGraphqlHandler, type GraphqlCall, type GraphqlResolver } from "../../../demo/shopify/admin-graphql-edge";
import type { DemoStore } from "../../../demo/shopify/demo-store";
import type { SeoProduct } from "~/lib/seo/product";

/**
 * Shopify Admin API answers for the SEO tests, shaped as Shopify sends them (2026-10): a catalog of products with
 * the usual SEO gaps, the THROTTLED error with its cost extension, an HTTP 429, and mutation userErrors.
 * The catalog is served by the demo store (demo/shopify/demo-store.ts), which answers with Shopify's shapes.
 */

const GAPS = ["none", "no-meta", "long-title", "duplicate", "thin", "no-alt"] as const;

/** `count` products with ids from gid://shopify/Product/7000000001, one SEO gap each in turn. */
export function fixtureCatalog(count: number): FixtureProduct[] {
  return Array.from({ length: count }, (_, index) => {
    const number = index + 1;
    const gap = GAPS[index % GAPS.length]!;
    const title = `Test Product ${String(number).padStart(3, "0")}`;
    const description =
      gap === "thin"
        ? "<p>A short description.</p>"
        : `<p>${title} is a sturdy piece of outdoor gear. ${"It is light, packs small and lasts for years of trips in all weather. ".repeat(5)}</p>`;
    return {
      id: `gid://shopify/Product/${7_000_000_000 + number}`,
      title,
      handle: `test-product-${number}`,
      descriptionHtml: description,
      productType: "Tents",
      vendor: "Test Vendor",
      seo: {
        title:
          gap === "no-meta"
            ? null
            : gap === "long-title"
              ? `${title} – an extremely long meta title that goes well past sixty characters`
              : gap === "duplicate"
                ? "Outdoor Gear | Test Vendor Shared Title For Several Products"
                : `${title} – Lightweight Tent for Backpacking Trips`,
        description:
          gap === "no-meta"
            ? null
            : `${title}: a sturdy, light tent that packs small and keeps you dry on long backpacking trips in every season.`,
      },
      images: [
        {
          id: `gid://shopify/MediaImage/${6_000_000_000 + number * 10 + 1}`,
          url: `https://cdn.shopify.com/s/files/1/test/files/product-${number}-1.jpg`,
          alt: gap === "no-alt" ? "" : `${title}, front view`,
        },
        {
          id: `gid://shopify/MediaImage/${6_000_000_000 + number * 10 + 2}`,
          url: `https://cdn.shopify.com/s/files/1/test/files/product-${number}-2.jpg`,
          alt: "",
        },
      ],
    };
  });
}

/** Shopify's answer when the leaky bucket is empty: HTTP 200, a THROTTLED error and the bucket's state. */
export function throttledBody(requestedQueryCost = 552, currentlyAvailable = 500, restoreRate = 100) {
  return {
    errors: [
      {
        message: "Throttled",
        extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
      },
    ],
    extensions: {
      cost: {
        requestedQueryCost,
        actualQueryCost: null,
        throttleStatus: { maximumAvailable: 2000.0, currentlyAvailable, restoreRate },
      },
    },
  };
}

/** Answers THROTTLED the first `times` calls, then as `resolver` does. */
export function throttledFirst(times: number, resolver: GraphqlResolver, body = throttledBody()): GraphqlResolver {
  let remaining = times;
  return (variables, shop) => (remaining-- > 0 ? HttpResponse.json(body) : resolver(variables, shop));
}

/** Answers HTTP 429 (the REST-style rate limit some gateways return) the first `times` calls. */
export function http429First(times: number, resolver: GraphqlResolver): GraphqlResolver {
  let remaining = times;
  return (variables, shop) =>
    remaining-- > 0
      ? HttpResponse.json(
          {
            errors: "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.",
          },
          { status: 429, headers: { "Retry-After": "1.0" } },
        )
      : resolver(variables, shop);
}

/** productUpdate refusing the change, as Shopify reports a validation failure. */
export function productUpdateUserErrors(message = "Seo title is too long (maximum is 70 characters)") {
  return () => ({ productUpdate: { product: null, userErrors: [{ field: ["seo", "title"], message }] } });
}

/** fileUpdate refusing a file that is still processing. */
export function fileUpdateUserErrors(message = "Non-ready files cannot be updated.") {
  return () => ({
    fileUpdate: { files: null, userErrors: [{ field: ["files", "0", "id"], message, code: "NON_READY_STATE" }] },
  });
}

/**
 * Shopify's Admin GraphQL for any *.myshopify.com shop at the network edge, answered by a store (and any
 * overrides), which a test can swap between tests. Every request is recorded in `calls`.
 */
export function createSeoShopifyMock() {
  const resolvers = new Map<string, GraphqlResolver>();
  const calls: GraphqlCall[] = [];
  const server = setupServer(adminGraphqlHandler("*.myshopify.com", resolvers, { onCall: (call) => calls.push(call) }));
  return {
    server,
    calls,
    /** Answers from `store`, with `overrides` winning per operation name; forgets earlier calls. */
    serve(store: DemoStore, overrides: Record<string, GraphqlResolver> = {}) {
      resolvers.clear();
      for (const [name, resolver] of Object.entries({ ...store.resolvers(), ...overrides }))
        resolvers.set(name, resolver);
      calls.length = 0;
    },
    override(overrides: Record<string, GraphqlResolver>) {
      for (const [name, resolver] of Object.entries(overrides)) resolvers.set(name, resolver);
    },
  };
}

/** The fixture catalog as the SEO work reads it from Shopify (what `readCatalog` returns for it). */
export function fixtureSeoCatalog(count: number): SeoProduct[] {
  return fixtureCatalog(count).map((product) => ({
    id: product.id,
    title: product.title,
    handle: product.handle,
    descriptionHtml: product.descriptionHtml,
    productType: product.productType,
    vendor: product.vendor,
    seoTitle: product.seo.title ?? "",
    seoDescription: product.seo.description ?? "",
    images: product.images.map(({ id, url, alt }) => ({ id, url, alt })),
    imageCount: product.images.length,
  }));
}
