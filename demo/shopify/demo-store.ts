import { HttpResponse } from "msw";
import { demoCatalogFixtures, type FixtureProduct } from "./catalog-fixtures";
import type { GraphqlResolver } from "./admin-graphql-edge";

/**
 * The demo store behind the demo shop's Admin API (demo/shopify/demo-shop-api.ts): the catalog in memory, answering the SEO pages' GraphQL
 * operations the way Shopify's Admin API 2026-10 does (same shapes, cursors, userErrors), and really changing
 * when a fix is applied, so the next read shows it. A restart brings the catalog back to its fixtures.
 * Tests use it too, as a realistic store at the network edge.
 */

const MAX_PAGE = 250;
/** Shopify's own field limits the demo enforces, so refused writes look like Shopify's. */
const SEO_TITLE_LIMIT = 255;
const SEO_DESCRIPTION_LIMIT = 320;
const ALT_LIMIT = 512;

interface UserError {
  field: string[] | null;
  message: string;
  code?: string | null;
}

function cursorOf(index: number): string {
  return Buffer.from(`demo-cursor:${index}`).toString("base64");
}

function indexOfCursor(cursor: unknown): number {
  if (typeof cursor !== "string" || !cursor) return -1;
  const match = /^demo-cursor:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  return match ? Number(match[1]) : -1;
}

function productNode(product: FixtureProduct) {
  return {
    id: product.id,
    title: product.title,
    handle: product.handle,
    descriptionHtml: product.descriptionHtml,
    productType: product.productType,
    vendor: product.vendor,
    seo: { ...product.seo },
    media: {
      nodes: product.images.map((image) => ({
        id: image.id,
        mediaContentType: "IMAGE",
        alt: image.alt,
        image: { url: image.url },
      })),
    },
  };
}

/** A GraphQL error answer with Shopify's shape (HTTP 200, `errors`, no usable data). */
function graphqlError(message: string, code: string) {
  return HttpResponse.json({ errors: [{ message, extensions: { code } }] });
}

export class DemoStore {
  readonly products: FixtureProduct[];

  constructor(products: FixtureProduct[] = demoCatalogFixtures()) {
    this.products = products;
  }

  product(id: string): FixtureProduct | undefined {
    return this.products.find((product) => product.id === id);
  }

  image(id: string) {
    for (const product of this.products) {
      const image = product.images.find((candidate) => candidate.id === id);
      if (image) return { product, image };
    }
    return undefined;
  }

  /** The operations the SEO work sends, by GraphQL operation name. */
  resolvers(): Record<string, GraphqlResolver> {
    return {
      SeoCatalogProducts: (variables) => this.#catalogPage(variables),
      SeoProductsById: (variables) => this.#productsById(variables),
      SeoProductUpdate: (variables) => this.#productUpdate(variables),
      SeoImageAltUpdate: (variables) => this.#imageAltUpdate(variables),
    };
  }

  #sorted(): FixtureProduct[] {
    return [...this.products].sort((a, b) => a.title.localeCompare(b.title));
  }

  #catalogPage(variables: Record<string, unknown>) {
    const first = Number(variables.first);
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
      return graphqlError(`Variable $first must be between 1 and ${MAX_PAGE}`, "BAD_REQUEST");
    }
    const sorted = this.#sorted();
    const start = variables.after ? indexOfCursor(variables.after) + 1 : 0;
    if (start < 0) return graphqlError("Invalid cursor", "BAD_REQUEST");
    const page = sorted.slice(start, start + first);
    const end = start + page.length - 1;
    return {
      products: {
        nodes: page.map(productNode),
        pageInfo: { hasNextPage: end < sorted.length - 1, endCursor: page.length ? cursorOf(end) : null },
      },
    };
  }

  #productsById(variables: Record<string, unknown>) {
    const ids = Array.isArray(variables.ids) ? (variables.ids as unknown[]) : [];
    return {
      nodes: ids.map((id) => {
        const product = typeof id === "string" ? this.product(id) : undefined;
        return product ? productNode(product) : null;
      }),
    };
  }

  #productUpdate(variables: Record<string, unknown>) {
    const input = (variables.product ?? {}) as {
      id?: string;
      seo?: { title?: string | null; description?: string | null };
    };
    const product = input.id ? this.product(input.id) : undefined;
    const userErrors: UserError[] = [];
    if (!product) userErrors.push({ field: ["id"], message: "Product does not exist" });
    const title = input.seo?.title;
    const description = input.seo?.description;
    if (typeof title === "string" && title.length > SEO_TITLE_LIMIT) {
      userErrors.push({
        field: ["seo", "title"],
        message: `SEO title is too long (maximum is ${SEO_TITLE_LIMIT} characters)`,
      });
    }
    if (typeof description === "string" && description.length > SEO_DESCRIPTION_LIMIT) {
      userErrors.push({
        field: ["seo", "description"],
        message: `SEO description is too long (maximum is ${SEO_DESCRIPTION_LIMIT} characters)`,
      });
    }
    if (!product || userErrors.length > 0) return { productUpdate: { product: null, userErrors } };
    if (title !== undefined) product.seo.title = title || null;
    if (description !== undefined) product.seo.description = description || null;
    return { productUpdate: { product: { id: product.id, seo: { ...product.seo } }, userErrors: [] } };
  }

  #imageAltUpdate(variables: Record<string, unknown>) {
    const files = Array.isArray(variables.files) ? (variables.files as Array<{ id?: string; alt?: string }>) : [];
    const userErrors: UserError[] = [];
    files.forEach((file, index) => {
      if (!file.id || !this.image(file.id)) {
        userErrors.push({
          field: ["files", String(index), "id"],
          message: `File id ${file.id ?? ""} does not exist.`,
          code: "FILE_DOES_NOT_EXIST",
        });
      } else if (typeof file.alt === "string" && file.alt.length > ALT_LIMIT) {
        userErrors.push({
          field: ["files", String(index), "alt"],
          message: `The alt value exceeds the maximum limit of ${ALT_LIMIT} characters.`,
          code: "ALT_VALUE_LIMIT_EXCEEDED",
        });
      }
    });
    // Shopify validates the whole batch before changing anything.
    if (userErrors.length > 0) return { fileUpdate: { files: null, userErrors } };
    const updated = files.map((file) => {
      const found = this.image(file.id!)!;
      if (typeof file.alt === "string") found.image.alt = file.alt;
      return { id: found.image.id, alt: found.image.alt };
    });
    return { fileUpdate: { files: updated, userErrors: [] } };
  }
}
