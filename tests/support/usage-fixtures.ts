import prisma from "~/db.server";
import type { TrackUsageParams } from "~/lib/usage/index.server";

/** A shop's settings row, as its first load would create it. */
export async function createShop(
  shop: string,
  ianaTimezone = "UTC",
  extra: { monthlyBudgetPicos?: bigint | null; budgetHardCap?: boolean } = {},
) {
  return prisma.shop.upsert({
    where: { shop },
    create: { shop, name: shop.split(".")[0]!, ianaTimezone, currencyCode: "USD", ...extra },
    update: { ianaTimezone, ...extra },
  });
}

/** A successful call's tracking parameters with sensible defaults. */
export function callParams(shop: string, overrides: Partial<TrackUsageParams> = {}): TrackUsageParams {
  return {
    shop,
    userId: "42",
    model: "claude-sonnet-4-5-20250929",
    endpoint: "fix_meta",
    inputTokens: 1_000,
    outputTokens: 500,
    resourceType: "product",
    resourceId: "gid://shopify/Product/1",
    latencyMs: 1_200,
    ...overrides,
  };
}
