/**
 * Which price applies to a call: an operator's override when one covers the model and the date,
 * otherwise the catalog's period in force on that date.
 */
import { WEB_SEARCH_USD_PER_1000_SEARCHES } from "./catalog-data";
import { catalogPeriodAt, effectiveFromMillis, normalizeModelName, resolveModel } from "./catalog";
import { scaledIntegerFromDecimal } from "~/lib/money";
import { picosPerToken } from "./rates";
import type { CatalogModel, PriceOverride, PricePeriod, TokenPrices } from "./types";

export interface AppliedPrice {
  /** The catalog's canonical id, or the override's own model name for a model the catalog lacks. */
  model: string;
  period: PricePeriod;
  webSearchUsdPer1000Searches: string;
  source: "catalog" | "override";
}

/**
 * Every problem with an override, in words an operator can act on; empty when it is usable.
 * Meant for whoever stores overrides, so a bad rate is refused when it is entered.
 */
export function describeOverrideProblems(override: PriceOverride): string[] {
  const problems: string[] = [];
  if (normalizeModelName(override.model) === "") problems.push("model is empty");
  if (Number.isNaN(effectiveFromMillis(override.effectiveFrom))) {
    problems.push(
      `effectiveFrom ${JSON.stringify(override.effectiveFrom)} is not a date (YYYY-MM-DD or ISO with zone)`,
    );
  }
  problems.push(...describePriceProblems(override.prices, "prices"));
  if (override.longContext) {
    const { aboveInputTokens, prices } = override.longContext;
    if (!Number.isSafeInteger(aboveInputTokens) || aboveInputTokens < 0) {
      problems.push("longContext.aboveInputTokens must be a whole number of tokens");
    }
    problems.push(...describePriceProblems(prices, "longContext.prices"));
  }
  if (override.webSearchPer1000SearchesUsd !== undefined) {
    problems.push(...describeAmountProblem(override.webSearchPer1000SearchesUsd, "webSearchPer1000SearchesUsd"));
  }
  return problems;
}

const PRICE_COLUMNS: readonly (keyof TokenPrices)[] = ["input", "cacheWrite5m", "cacheWrite1h", "cacheRead", "output"];

function describePriceProblems(prices: TokenPrices, path: string): string[] {
  return PRICE_COLUMNS.flatMap((column) => {
    const value: unknown = prices[column];
    if (typeof value !== "string") return [`${path}.${column} is missing`];
    try {
      picosPerToken(value);
      return [];
    } catch (error) {
      return [`${path}.${column}: ${(error as Error).message}`];
    }
  });
}

function describeAmountProblem(usd: string, path: string): string[] {
  try {
    return scaledIntegerFromDecimal(usd, 9) < 0n ? [`${path} cannot be negative`] : [];
  } catch (error) {
    return [`${path}: ${(error as Error).message}`];
  }
}

function overrideCovers(override: PriceOverride, model: string, catalogModel: CatalogModel | undefined): boolean {
  if (normalizeModelName(override.model) === normalizeModelName(model)) return true;
  return catalogModel !== undefined && resolveModel(override.model) === catalogModel;
}

/**
 * The price for `model` at `at`, or null when nothing prices it. A malformed override for the model
 * also gives null: a negotiated rate that cannot be read must not quietly fall back to list price.
 */
export function findAppliedPrice(
  model: string,
  at: Date,
  overrides: readonly PriceOverride[] = [],
): AppliedPrice | null {
  const catalogModel = resolveModel(model);
  const candidates = overrides.filter((override) => overrideCovers(override, model, catalogModel));
  if (candidates.some((override) => describeOverrideProblems(override).length > 0)) return null;

  const atMillis = at.getTime();
  let chosen: PriceOverride | undefined;
  for (const override of candidates) {
    const starts = effectiveFromMillis(override.effectiveFrom);
    // Later effectiveFrom wins; on a tie the override listed last wins.
    if (starts <= atMillis && (!chosen || starts >= effectiveFromMillis(chosen.effectiveFrom))) {
      chosen = override;
    }
  }
  if (chosen) {
    return {
      model: catalogModel?.id ?? chosen.model,
      period: chosen,
      webSearchUsdPer1000Searches: chosen.webSearchPer1000SearchesUsd ?? WEB_SEARCH_USD_PER_1000_SEARCHES,
      source: "override",
    };
  }

  const period = catalogModel && catalogPeriodAt(catalogModel.pricePeriods, at);
  if (!catalogModel || !period) return null;
  return {
    model: catalogModel.id,
    period,
    webSearchUsdPer1000Searches: WEB_SEARCH_USD_PER_1000_SEARCHES,
    source: "catalog",
  };
}
