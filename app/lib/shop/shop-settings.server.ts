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

/**
 * The shop's settings record, created on the shop's first load from what Shopify reports.
 * Later loads read the row only: Shopify is asked again only through the shop/update webhook.
 */
export async function getOrCreateShopSettings(shop: string, admin: AdminGraphqlClient): Promise<Shop> {
  const existing = await prisma.shop.findUnique({ where: { shop } });
  if (existing) return existing;
  // Remix runs a page's loaders in parallel: on a first load they share one fetch from Shopify.
  const pending = firstLoads.get(shop) ?? createFromShopify(shop, admin).finally(() => firstLoads.delete(shop));
  firstLoads.set(shop, pending);
  return pending;
}

const firstLoads = new Map<string, Promise<Shop>>();

async function createFromShopify(shop: string, admin: AdminGraphqlClient): Promise<Shop> {
  const response = await admin.graphql(SHOP_QUERY);
  const body = (await response.json()) as ShopQueryResult;
  const reported = body.data?.shop;
  if (!reported) throw new Error(`Shopify did not return the shop's settings for ${shop}`);

  const fields = { name: reported.name, ianaTimezone: reported.ianaTimezone, currencyCode: reported.currencyCode };
  return prisma.shop.upsert({ where: { shop }, create: { shop, ...fields }, update: fields });
}

export async function findShopSettings(shop: string): Promise<Shop | null> {
  return prisma.shop.findUnique({ where: { shop } });
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
