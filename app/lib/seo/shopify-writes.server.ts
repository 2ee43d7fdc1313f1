import {
  adminGraphql,
  ShopifyUserErrorsError,
  type AdminGraphqlClient,
  type GraphqlRetryOptions,
  type ShopifyUserError,
} from "./admin-graphql.server";

/**
 * Writing SEO fixes back to the store (Admin GraphQL 2026-10). Meta tags go through `productUpdate` with its `seo`
 * input; image alt text through `fileUpdate` on the MediaImage id, which replaced the deprecated `productUpdateMedia`
 * (it needs the `write_files` scope). A change Shopify refuses comes back as ShopifyUserErrorsError with Shopify's
 * messages; nothing is reported as applied unless Shopify returned the new value.
 */

const PRODUCT_SEO_UPDATE_MUTATION = `#graphql
  mutation SeoProductUpdate($product: ProductUpdateInput!) {
    productUpdate(product: $product) {
      product { id seo { title description } }
      userErrors { field message }
    }
  }`;

const IMAGE_ALT_UPDATE_MUTATION = `#graphql
  mutation SeoImageAltUpdate($files: [FileUpdateInput!]!) {
    fileUpdate(files: $files) {
      files { id alt }
      userErrors { field message code }
    }
  }`;

export interface MetaTags {
  metaTitle: string;
  metaDescription: string;
}

interface ProductUpdateData {
  productUpdate: {
    product: { id: string; seo: { title: string | null; description: string | null } } | null;
    userErrors: ShopifyUserError[];
  } | null;
}

interface FileUpdateData {
  fileUpdate: { files: Array<{ id: string; alt: string | null }> | null; userErrors: ShopifyUserError[] } | null;
}

/** Sets a product's meta title and description; returns what Shopify now has. */
export async function writeProductMetaTags(
  admin: AdminGraphqlClient,
  productId: string,
  tags: MetaTags,
  retry?: GraphqlRetryOptions,
): Promise<MetaTags> {
  const data = await adminGraphql<ProductUpdateData>(
    admin,
    PRODUCT_SEO_UPDATE_MUTATION,
    { product: { id: productId, seo: { title: tags.metaTitle, description: tags.metaDescription } } },
    retry,
  );
  const payload = data.productUpdate;
  if (payload?.userErrors.length) throw new ShopifyUserErrorsError(payload.userErrors);
  if (!payload?.product) throw new ShopifyUserErrorsError([{ message: "Shopify did not return the updated product" }]);
  return { metaTitle: payload.product.seo.title ?? "", metaDescription: payload.product.seo.description ?? "" };
}

/** Sets one image's alt text; returns what Shopify now has. */
export async function writeImageAltText(
  admin: AdminGraphqlClient,
  mediaImageId: string,
  altText: string,
  retry?: GraphqlRetryOptions,
): Promise<string> {
  const data = await adminGraphql<FileUpdateData>(
    admin,
    IMAGE_ALT_UPDATE_MUTATION,
    { files: [{ id: mediaImageId, alt: altText }] },
    retry,
  );
  const payload = data.fileUpdate;
  if (payload?.userErrors.length) throw new ShopifyUserErrorsError(payload.userErrors);
  const file = payload?.files?.find((candidate) => candidate.id === mediaImageId);
  if (!file) throw new ShopifyUserErrorsError([{ message: "Shopify did not return the updated image" }]);
  return file.alt ?? "";
}
