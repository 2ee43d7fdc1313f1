import type { AdminGraphqlClient } from "./admin-graphql.server";
import { readCatalog, type CatalogRead } from "./catalog.server";

/**
 * The catalog read behind the SEO pages, kept for a minute per shop: going from the list to a product and back
 * should not page through the whole catalog three times. Writing a fix forgets the shop's copy, so the next page
 * shows what Shopify now has.
 */
const CATALOG_PAGE_LIMIT = 1_000;
const TTL_MS = 60_000;

const reads = new Map<string, { expires: number; read: Promise<CatalogRead> }>();

export function cachedCatalog(shop: string, admin: AdminGraphqlClient, now = Date.now()): Promise<CatalogRead> {
  const cached = reads.get(shop);
  if (cached && cached.expires > now) return cached.read;
  const read = readCatalog(admin, CATALOG_PAGE_LIMIT);
  reads.set(shop, { expires: now + TTL_MS, read });
  // A failed read is not kept: the next page load asks Shopify again.
  read.catch(() => reads.delete(shop));
  return read;
}

export function forgetCatalog(shop: string): void {
  reads.delete(shop);
}
