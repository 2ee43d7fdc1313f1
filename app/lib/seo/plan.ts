import { catalogContextOf, checkProductSeo, type CatalogContext } from "./seo-rules";
import type { SeoProduct } from "./product";
import type { SeoItemInput, SeoJobKind } from "./tasks";

/**
 * Which Claude calls a run makes: one per product for audits and meta tags, one per image without alt text for
 * alt text (images that already have alt text are left alone unless named explicitly).
 */
export function planItems(
  kind: SeoJobKind,
  products: readonly SeoProduct[],
  options: { context?: CatalogContext; imageIds?: readonly string[] } = {},
): SeoItemInput[] {
  const context = options.context ?? catalogContextOf(products);
  switch (kind) {
    case "audit":
      return products.map((product) => ({ kind, product, issues: checkProductSeo(product, context).issues }));
    case "meta":
      return products.map((product) => ({ kind, product, titlesInUse: titlesSharedWith(product, products, context) }));
    case "alt_text": {
      const wanted = options.imageIds ? new Set(options.imageIds) : null;
      return products.flatMap((product) =>
        product.images
          .filter((image) => (wanted ? wanted.has(image.id) : !image.alt.trim()))
          .map((image) => ({ kind, product, image })),
      );
    }
  }
}

/** The titles other products show in search results that this product's title currently duplicates. */
function titlesSharedWith(product: SeoProduct, products: readonly SeoProduct[], context: CatalogContext): string[] {
  const own = (product.seoTitle || product.title).trim().replace(/\s+/g, " ").toLowerCase();
  const sharing = new Set(context.duplicateTitles.get(own) ?? []);
  return products
    .filter((other) => other.id !== product.id && sharing.has(other.id))
    .map((other) => other.title)
    .slice(0, 10);
}
