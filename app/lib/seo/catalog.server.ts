import { adminGraphql, type AdminGraphqlClient, type GraphqlRetryOptions } from "./admin-graphql.server";
import type { SeoImage, SeoProduct } from "./product";

/**
 * Reading products for the SEO work from the Admin GraphQL API (2026-10): listing, SEO fields and image media with
 * alt text, paginated with cursors. Images come from `media` (the `images` field is deprecated); only MediaImage
 * nodes are kept, since those are what `fileUpdate` writes alt text to.
 */

/** Products per page. With 10 media each a page costs about 50 × 11 points, well under the 1,000-point query limit. */
const CATALOG_PAGE_SIZE = 50;
export const PRODUCT_MEDIA_PAGE = 10;

const PRODUCT_FIELDS = `#graphql
  fragment SeoProductFields on Product {
    id
    title
    handle
    descriptionHtml
    productType
    vendor
    seo { title description }
    media(first: ${PRODUCT_MEDIA_PAGE}) {
      nodes {
        id
        mediaContentType
        alt
        ... on MediaImage { image { url } }
      }
    }
  }`;

const CATALOG_QUERY = `#graphql
  query SeoCatalogProducts($first: Int!, $after: String) {
    products(first: $first, after: $after, sortKey: TITLE) {
      nodes { ...SeoProductFields }
      pageInfo { hasNextPage endCursor }
    }
  }
  ${PRODUCT_FIELDS}`;

const PRODUCTS_BY_ID_QUERY = `#graphql
  query SeoProductsById($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Product { ...SeoProductFields }
    }
  }
  ${PRODUCT_FIELDS}`;

/** A product node as the Admin API returns it for PRODUCT_FIELDS. */
export interface ProductNode {
  id: string;
  title: string;
  handle: string;
  descriptionHtml: string | null;
  productType: string | null;
  vendor: string | null;
  seo: { title: string | null; description: string | null } | null;
  media: {
    nodes: Array<{ id: string; mediaContentType: string; alt: string | null; image?: { url: string } | null }>;
  } | null;
}

interface CatalogPage {
  products: { nodes: ProductNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

function seoProductFromNode(node: ProductNode): SeoProduct {
  const images: SeoImage[] = (node.media?.nodes ?? [])
    .filter((media) => media.mediaContentType === "IMAGE")
    .map((media) => ({ id: media.id, url: media.image?.url ?? null, alt: media.alt ?? "" }));
  return {
    id: node.id,
    title: node.title,
    handle: node.handle,
    descriptionHtml: node.descriptionHtml ?? "",
    productType: node.productType ?? "",
    vendor: node.vendor ?? "",
    seoTitle: node.seo?.title ?? "",
    seoDescription: node.seo?.description ?? "",
    images,
    imageCount: images.length,
  };
}

export interface CatalogRead {
  products: SeoProduct[];
  /** True when the store has more products than `limit`: the page says it shows the first ones. */
  truncated: boolean;
}

/** The store's products in title order, page by page, up to `limit`. */
export async function readCatalog(
  admin: AdminGraphqlClient,
  limit = 1_000,
  retry?: GraphqlRetryOptions,
): Promise<CatalogRead> {
  const products: SeoProduct[] = [];
  let after: string | null = null;
  // Pages are bounded too: an API answering empty pages that always say "more" cannot keep this loop going.
  for (let pages = 0; pages <= Math.ceil(limit / CATALOG_PAGE_SIZE); pages++) {
    const first = Math.min(CATALOG_PAGE_SIZE, limit - products.length);
    const page: CatalogPage = await adminGraphql<CatalogPage>(admin, CATALOG_QUERY, { first, after }, retry);
    products.push(...page.products.nodes.map(seoProductFromNode));
    const { hasNextPage, endCursor } = page.products.pageInfo;
    if (!hasNextPage || !endCursor) return { products, truncated: false };
    if (products.length >= limit) return { products, truncated: true };
    after = endCursor;
  }
  return { products, truncated: true };
}

/** The given products (unknown or deleted ids are left out), in the order asked. */
export async function readProducts(
  admin: AdminGraphqlClient,
  ids: readonly string[],
  retry?: GraphqlRetryOptions,
): Promise<SeoProduct[]> {
  const products: SeoProduct[] = [];
  for (let start = 0; start < ids.length; start += CATALOG_PAGE_SIZE) {
    const batch = ids.slice(start, start + CATALOG_PAGE_SIZE);
    const data = await adminGraphql<{ nodes: Array<ProductNode | null | Record<string, never>> }>(
      admin,
      PRODUCTS_BY_ID_QUERY,
      { ids: batch },
      retry,
    );
    for (const node of data.nodes) if (node && "id" in node) products.push(seoProductFromNode(node as ProductNode));
  }
  return products;
}

export async function readProduct(admin: AdminGraphqlClient, id: string): Promise<SeoProduct | null> {
  return (await readProducts(admin, [id]))[0] ?? null;
}
