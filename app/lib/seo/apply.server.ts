import type { SeoJobItem } from "@prisma/client";
import { z } from "zod";
import prisma from "~/db.server";
import {
  ShopifyApiError,
  ShopifyUserErrorsError,
  type AdminGraphqlClient,
  type GraphqlRetryOptions,
} from "./admin-graphql.server";
import { forgetCatalog } from "./catalog-cache.server";
import type { ApprovedFix } from "./jobs.server";
import { SHOPIFY_ALT_TEXT_LIMIT, SHOPIFY_SEO_DESCRIPTION_LIMIT, SHOPIFY_SEO_TITLE_LIMIT } from "./seo-rules";
import { writeImageAltText, writeProductMetaTags } from "./shopify-writes.server";
import { storableText } from "~/lib/text";

/**
 * Writing one approved suggestion to Shopify and recording the outcome on its item. The item says "applied" only
 * once Shopify has returned the new value; Shopify's userErrors (and exhausted throttling retries) are kept on the
 * item as the reason it failed, and the merchant sees them. Meta title and description go in one mutation, so
 * they are applied together or not at all.
 */

const oneLine = (max: number, name: string) =>
  z
    .string()
    .transform((text) => text.replace(/\s+/g, " ").trim())
    .pipe(z.string().min(1, `${name} is empty`).max(max, `${name} is longer than Shopify's ${max}-character limit`));

export const approvedMetaSchema = z.object({
  metaTitle: oneLine(SHOPIFY_SEO_TITLE_LIMIT, "The meta title"),
  metaDescription: oneLine(SHOPIFY_SEO_DESCRIPTION_LIMIT, "The meta description"),
});
export const approvedAltSchema = z.object({ altText: oneLine(SHOPIFY_ALT_TEXT_LIMIT, "The alt text") });

export type ApplyOutcome = { ok: true; written: ApprovedFix } | { ok: false; error: string };

/** Writes `approved` for `item` and records the result; never throws for Shopify's refusals. */
export async function applyFix(
  admin: AdminGraphqlClient,
  item: Pick<SeoJobItem, "id" | "shop" | "productId" | "resourceType" | "resourceId">,
  approved: ApprovedFix,
  retry?: GraphqlRetryOptions,
): Promise<ApplyOutcome> {
  try {
    let written: ApprovedFix;
    if ("altText" in approved) {
      if (item.resourceType !== "image") throw new Error("Alt text can only be applied to an image");
      written = { altText: await writeImageAltText(admin, item.resourceId, approved.altText, retry) };
    } else {
      written = await writeProductMetaTags(admin, item.productId, approved, retry);
    }
    forgetCatalog(item.shop);
    await prisma.seoJobItem.update({
      where: { id: item.id },
      data: { applyStatus: "applied", applied: JSON.stringify(written), applyError: null, appliedAt: new Date() },
    });
    return { ok: true, written };
  } catch (error) {
    if (!(error instanceof ShopifyUserErrorsError || error instanceof ShopifyApiError)) throw error;
    await prisma.seoJobItem.update({
      where: { id: item.id },
      data: {
        applyStatus: "failed",
        applied: JSON.stringify(approved),
        applyError: storableText(error.message, 2_000),
      },
    });
    return { ok: false, error: error.message };
  }
}

/** The approved values stored on a queued item. */
export function approvedOf(item: Pick<SeoJobItem, "applied">): ApprovedFix {
  const value = JSON.parse(item.applied ?? "{}") as unknown;
  const alt = approvedAltSchema.safeParse(value);
  if (alt.success) return alt.data;
  return approvedMetaSchema.parse(value);
}
