import type { Shop } from "@prisma/client";
import prisma from "~/db.server";
import { isValidTimeZone } from "~/lib/time";
import { isStorableText, storableText } from "~/lib/text";

/** The part of the Admin GraphQL client this module needs; `admin` from `authenticate.admin` fits. */
export interface AdminGraphqlClient {
  graphql(query: string, options?: { variables?: Record<string, unknown> }): Promise<Response>;
}

const SHOP_QUERY = `#graphql
  query ShopSettings {
    shop { name ianaTimezone currencyCode }
  }`;

interface ShopQueryResult {
  data?: { shop?: { name: string; ianaTimezone: string; currencyCode: string } };
  errors?: unknown;
}

/** What the pages need to know about the shop; defaults stand in until Shopify has told the app. */
export type ShopSettings = Pick<Shop, "shop" | "name" | "ianaTimezone" | "currencyCode">;

/**
 * Creates or refreshes the shop's row from what Shopify reports. Runs once per authentication (the `afterAuth`
 * hook, after a token exchange); the shop/update webhook keeps it current in between. Pages only read the row.
 */
export async function refreshShopFromShopify(shop: string, admin: AdminGraphqlClient): Promise<Shop> {
  const response = await admin.graphql(SHOP_QUERY);
  const body = (await response.json()) as ShopQueryResult;
  const reported = body.data?.shop;
  if (!reported) throw new Error(`Shopify did not return the shop's settings for ${shop}`);
  const fields = {
    name: storableText(reported.name, 255),
    ianaTimezone: isValidTimeZone(reported.ianaTimezone) ? reported.ianaTimezone : "UTC",
    currencyCode: reported.currencyCode,
  };
  // A new authentication is a (re)install: the shop's work may run again, and a redacted shop starts afresh.
  const [row] = await prisma.$transaction([
    prisma.shop.upsert({
      where: { shop },
      create: { shop, ...fields },
      update: { ...fields, uninstalledAt: null },
    }),
    prisma.redactedShop.deleteMany({ where: { shop } }),
  ]);
  return row;
}

/**
 * The shop's settings for a page (reads only). A shop whose row is missing (its first authentication could not
 * reach Shopify) is shown under its domain in UTC rather than failing the page.
 */
export async function getShopSettings(shop: string): Promise<ShopSettings> {
  const row = await prisma.shop.findUnique({
    where: { shop },
    select: { shop: true, name: true, ianaTimezone: true, currencyCode: true },
  });
  return row ?? { shop, name: shop.replace(/\.myshopify\.com$/, ""), ianaTimezone: "UTC", currencyCode: "USD" };
}

/** The REST-shaped payload of the shop/update webhook; only the fields kept here. */
export interface ShopUpdatePayload {
  name?: unknown;
  iana_timezone?: unknown;
  currency?: unknown;
  updated_at?: unknown;
}

export type ShopUpdateOutcome = "applied" | "stale" | "unknown-shop" | "nothing-to-apply";

/**
 * Refreshes a known shop's settings from shop/update (a shop that never opened the app is not created here).
 * Only valid values are taken (a time zone Shopify would not send, an over-long name are ignored), and a delivery
 * older than the one last applied changes nothing: the comparison is in the update's own condition, so two
 * deliveries racing each other cannot apply out of order.
 */
export async function updateShopSettingsFromWebhook(
  shop: string,
  payload: ShopUpdatePayload,
): Promise<ShopUpdateOutcome> {
  const data: Partial<Pick<Shop, "name" | "ianaTimezone" | "currencyCode" | "shopifyUpdatedAt">> = {};
  if (typeof payload.name === "string" && payload.name.trim() && isStorableText(payload.name, 255))
    data.name = payload.name;
  if (typeof payload.iana_timezone === "string" && isValidTimeZone(payload.iana_timezone)) {
    data.ianaTimezone = payload.iana_timezone;
  }
  if (typeof payload.currency === "string" && /^[A-Z]{3}$/.test(payload.currency)) data.currencyCode = payload.currency;
  if (Object.keys(data).length === 0) return "nothing-to-apply";
  const updatedAt = typeof payload.updated_at === "string" ? new Date(payload.updated_at) : null;
  const ordered = updatedAt !== null && !Number.isNaN(updatedAt.getTime());
  if (ordered) data.shopifyUpdatedAt = updatedAt;
  const result = await prisma.shop.updateMany({
    where: ordered ? { shop, OR: [{ shopifyUpdatedAt: null }, { shopifyUpdatedAt: { lt: updatedAt } }] } : { shop },
    data,
  });
  if (result.count === 1) return "applied";
  return (await prisma.shop.count({ where: { shop } })) === 0 ? "unknown-shop" : "stale";
}
