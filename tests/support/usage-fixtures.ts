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

/** An unlisted model the tests record calls for, and the price an operator later gives it (Sonnet 3.5's list price). */
export const UNLISTED_MODEL = "claude-3-5-sonnet-20250107";

/** The operator adds UNLISTED_MODEL's (negotiated) price, effective before any test's call. */
export function priceUnlistedModel() {
  return prisma.priceOverride.create({
    data: {
      model: UNLISTED_MODEL,
      effectiveFrom: new Date("2026-01-01T00:00:00Z"),
      inputPerMTok: "3",
      outputPerMTok: "15",
      cacheWrite5mPerMTok: "3.75",
      cacheWrite1hPerMTok: "6",
      cacheReadPerMTok: "0.30",
    },
  });
}
