/**
 * A product as the SEO work sees it: what Shopify's Admin API reports about its listing and images, flattened
 * into plain strings (an unset SEO field is ""). Snapshots of this shape are stored on job items, so it stays
 * JSON-friendly.
 */
export interface SeoImage {
  /** The MediaImage GID (`gid://shopify/MediaImage/…`): what `fileUpdate` writes alt text to. */
  id: string;
  url: string | null;
  /** "" when the image has no alt text. */
  alt: string;
}

export interface SeoProduct {
  id: string;
  title: string;
  handle: string;
  descriptionHtml: string;
  productType: string;
  vendor: string;
  /** The meta title set for search engines; "" means Shopify falls back to the product title. */
  seoTitle: string;
  /** The meta description; "" means Shopify falls back to the start of the description. */
  seoDescription: string;
  /** The first images of the product (see PRODUCT_MEDIA_PAGE). */
  images: SeoImage[];
  /** All images of the product, including any beyond `images`. */
  imageCount: number;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** The visible text of a description's HTML, whitespace collapsed. */
export function plainText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&(#\d+|#x[0-9a-f]+|\w+);/gi, (entity, name: string) => {
      if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith("#")) return String.fromCodePoint(parseInt(name.slice(1), 10));
      return ENTITIES[name.toLowerCase()] ?? entity;
    })
    .replace(/\s+/g, " ")
    .trim();
}

export function wordCount(text: string): number {
  const trimmed = text.trim();
  return trimmed ? trimmed.split(/\s+/).length : 0;
}

/** The numeric tail of a Shopify GID (`gid://shopify/Product/123` → "123"), used in URLs. */
export function legacyIdOf(gid: string): string {
  return gid.slice(gid.lastIndexOf("/") + 1);
}

export function productGid(legacyId: string): string {
  return `gid://shopify/Product/${legacyId}`;
}
