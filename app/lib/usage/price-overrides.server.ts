import type { Prisma, PriceOverride as PriceOverrideRow, PrismaClient } from "@prisma/client";
import { describeOverrideProblems, type PriceOverride } from "~/lib/pricing";

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

export class InvalidPriceOverrideError extends Error {
  override name = "InvalidPriceOverrideError";
}

export interface PriceOverrideInput {
  model: string;
  /** null = every shop. */
  shop: string | null;
  effectiveFrom: Date;
  prices: { input: string; output: string; cacheWrite5m: string; cacheWrite1h: string; cacheRead: string };
}

/** Stores a negotiated price after checking it the way the pricing module reads it; bad input stores nothing. */
export async function addPriceOverride(db: PrismaClient, input: PriceOverrideInput): Promise<PriceOverrideRow> {
  const problems = describeOverrideProblems({
    model: input.model,
    effectiveFrom: input.effectiveFrom.toISOString(),
    prices: input.prices,
  });
  if (Number.isNaN(input.effectiveFrom.getTime())) problems.push("effectiveFrom is not a date");
  if (problems.length > 0) throw new InvalidPriceOverrideError(`Price override refused: ${problems.join("; ")}`);
  return db.priceOverride.create({
    data: {
      model: input.model,
      shop: input.shop,
      effectiveFrom: input.effectiveFrom,
      inputPerMTok: input.prices.input,
      outputPerMTok: input.prices.output,
      cacheWrite5mPerMTok: input.prices.cacheWrite5m,
      cacheWrite1hPerMTok: input.prices.cacheWrite1h,
      cacheReadPerMTok: input.prices.cacheRead,
    },
  });
}
