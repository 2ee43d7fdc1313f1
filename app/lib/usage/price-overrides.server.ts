import type { Prisma, PriceOverride as PriceOverrideRow, PrismaClient } from "@prisma/client";
import type { PriceOverride } from "~/lib/pricing";

/**
 * Negotiated prices, kept in the PriceOverride table so an operator can change them without a deploy.
 * A shop's own override for a model wins over an all-shops override for that model, which wins over the catalog.
 */
export type OverridesForShop = (shop: string) => readonly PriceOverride[];

type Db = PrismaClient | Prisma.TransactionClient;

function toPriceOverride(row: PriceOverrideRow): PriceOverride {
  return {
    model: row.model,
    effectiveFrom: row.effectiveFrom.toISOString(),
    prices: {
      input: row.inputPerMTok,
      cacheWrite5m: row.cacheWrite5mPerMTok,
      cacheWrite1h: row.cacheWrite1hPerMTok,
      cacheRead: row.cacheReadPerMTok,
      output: row.outputPerMTok,
    },
  };
}

export async function loadPriceOverrides(db: Db, shops: readonly string[]): Promise<OverridesForShop> {
  const rows = await db.priceOverride.findMany({
    where: { OR: [{ shop: null }, { shop: { in: [...shops] } }] },
    orderBy: { effectiveFrom: "asc" },
  });
  const global = rows.filter((row) => row.shop === null);
  return (shop) => {
    const own = rows.filter((row) => row.shop === shop);
    const ownModels = new Set(own.map((row) => row.model));
    return [...global.filter((row) => !ownModels.has(row.model)), ...own].map(toPriceOverride);
  };
}
