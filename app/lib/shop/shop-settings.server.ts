import type { Shop } from "@prisma/client";
import prisma from "~/db.server";

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
  const fields = { name: reported.name, ianaTimezone: reported.ianaTimezone, currencyCode: reported.currencyCode };
  return prisma.shop.upsert({ where: { shop }, create: { shop, ...fields }, update: fields });
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
  name?: string;
  iana_timezone?: string;
  currency?: string;
}

/** Refreshes a known shop's settings; a shop that never opened the app is not created here. */
export async function updateShopSettingsFromWebhook(shop: string, payload: ShopUpdatePayload): Promise<void> {
  const data: Partial<Pick<Shop, "name" | "ianaTimezone" | "currencyCode">> = {};
  if (payload.name) data.name = payload.name;
  if (payload.iana_timezone) data.ianaTimezone = payload.iana_timezone;
  if (payload.currency) data.currencyCode = payload.currency;
  if (Object.keys(data).length === 0) return;
  await prisma.shop.updateMany({ where: { shop }, data });
}
