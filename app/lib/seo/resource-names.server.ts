import prisma from "~/db.server";
import type { AdminGraphqlClient } from "./admin-graphql.server";
import { cachedCatalog } from "./catalog-cache.server";

/**
 * What a call was about, by name: the product's title (for an image, the title of the product it shows), so pages
 * say "AirCell Insulated Sleeping Pad", not `gid://shopify/Product/8100000001`. First from the app's own records
 * (every SEO call is made for a run item, which keeps the product's title and id), then, for ids those do not know,
 * from the shop's catalog as read from Shopify (kept a minute). A resource found nowhere (deleted since) is left out.
 */
export interface ResourceName {
  /** The product's title. */
  title: string;
  /** The product's GID (for an image, its product's), which links to the product in Shopify admin. */
  productId: string;
  /** "image" when the call was about one of the product's images. */
  kind: "product" | "image";
}

const MAX_LOOKUP = 1_000;

async function fromRunItems(shop: string, ids: string[]): Promise<Map<string, ResourceName>> {
  const items = await prisma.seoJobItem.findMany({
    where: { shop, resourceId: { in: ids } },
    select: { resourceId: true, resourceType: true, productId: true, productTitle: true },
    orderBy: { id: "desc" },
  });
  const names = new Map<string, ResourceName>();
  for (const item of items) {
    if (names.has(item.resourceId)) continue; // the newest item's title
    const kind = item.resourceType === "image" ? "image" : "product";
    names.set(item.resourceId, { title: item.productTitle, productId: item.productId, kind });
  }
  return names;
}

async function fromCatalog(
  shop: string,
  admin: AdminGraphqlClient,
  wanted: (id: string) => boolean,
  names: Map<string, ResourceName>,
): Promise<void> {
  try {
    const { products } = await cachedCatalog(shop, admin);
    for (const product of products) {
      if (wanted(product.id)) names.set(product.id, { title: product.title, productId: product.id, kind: "product" });
      for (const image of product.images) {
        if (wanted(image.id)) names.set(image.id, { title: product.title, productId: product.id, kind: "image" });
      }
    }
  } catch {
    // Shopify could not be asked: the page shows these resources without a name rather than failing.
  }
}

/** Names of the given resource ids (GIDs), from the app's records and, with `admin`, the shop's catalog. */
export async function resourceNamesOf(
  shop: string,
  resourceIds: ReadonlyArray<string | null>,
  admin?: AdminGraphqlClient,
): Promise<Record<string, ResourceName>> {
  const ids = [...new Set(resourceIds.filter((id): id is string => Boolean(id)))].slice(0, MAX_LOOKUP);
  if (ids.length === 0) return {};
  const names = await fromRunItems(shop, ids);
  const missing = new Set(ids.filter((id) => !names.has(id)));
  if (admin && missing.size > 0) await fromCatalog(shop, admin, (id) => missing.has(id), names);
  return Object.fromEntries(names);
}

/** Every resource name the app's records hold for the shop (the CSV export's lookup), updated from the catalog with `admin`. */
export async function allResourceNames(shop: string, admin?: AdminGraphqlClient): Promise<Map<string, ResourceName>> {
  const items = await prisma.seoJobItem.findMany({
    where: { shop },
    select: { resourceId: true, resourceType: true, productId: true, productTitle: true },
    orderBy: { id: "asc" },
  });
  const names = new Map<string, ResourceName>();
  // Later items overwrite earlier ones: the newest title the app saw.
  for (const item of items) {
    const kind = item.resourceType === "image" ? "image" : "product";
    names.set(item.resourceId, { title: item.productTitle, productId: item.productId, kind });
  }
  // The catalog, when Shopify can be asked, has today's titles.
  if (admin) await fromCatalog(shop, admin, () => true, names);
  return names;
}
