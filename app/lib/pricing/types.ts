/**
 * A price as Anthropic lists it: US dollars per million tokens, written as a decimal string
 * ("0.30", "18.75") so that converting it to integer money never passes through floating point.
 * At most 5 decimal places, which keeps even a Batch API half-price a whole number of pico-dollars.
 */
export type UsdPerMillionTokens = string;

/** The five token prices every model row on Anthropic's pricing page has. */
export interface TokenPrices {
  input: UsdPerMillionTokens;
  cacheWrite5m: UsdPerMillionTokens;
  cacheWrite1h: UsdPerMillionTokens;
  cacheRead: UsdPerMillionTokens;
  output: UsdPerMillionTokens;
}

/**
 * A second set of prices for requests whose prompt (input + cache writes + cache reads) is larger
 * than `aboveInputTokens`; when it applies, every token of that request uses these prices.
 */
export interface LongContextTier {
  aboveInputTokens: number;
  prices: TokenPrices;
}

export interface SourceReference {
  url: string;
  /** When the stored copy was read, YYYY-MM-DD. */
  readOn: string;
  /** Which version of the page the stored copy is (pages are not dated; their lineup dates them). */
  copyShows: string;
  /** Why a figure is not straight off an official page, when it is not. */
  note?: string;
}

/**
 * Prices in force from `effectiveFrom` (YYYY-MM-DD, 00:00 UTC, or a full ISO timestamp)
 * until the next period of the same model starts.
 */
export interface PricePeriod {
  effectiveFrom: string;
  prices: TokenPrices;
  longContext?: LongContextTier;
}

export interface CatalogPricePeriod extends PricePeriod {
  source: SourceReference;
}

export type ModelFamily = "fable" | "mythos" | "opus" | "sonnet" | "haiku";

/** Lifecycle as Anthropic labels it; informational only, retired models still price old calls. */
export type ModelStatus = "current" | "legacy" | "retired";

/**
 * Fast mode (`speed: "fast"`) for one model, as Anthropic's pages describe it. No official price for fast mode
 * was found in any stored copy of Anthropic's pages (see catalog-data.ts), so a call the API reports as fast is
 * priced as unknown on every model: never at the standard rate, never from a third party's figure.
 */
export type FastModeListing =
  | { offered: false }
  | {
      offered: true;
      /** What the official pages say about this model's fast mode (availability, deprecation). */
      note: string;
      source: SourceReference;
    };

/**
 * US-only inference (`inference_geo: "us"`): the multiplier on every token price of the model, as a decimal
 * string. "1.1" for the models Anthropic bills at 1.1x, "1" for the models it bills at the standard rate.
 */
export interface UsOnlyInferenceListing {
  multiplier: "1" | "1.1";
  source: SourceReference;
}

export interface CatalogModel {
  /** The canonical id: the dated snapshot id where one exists, else the dateless id. */
  id: string;
  aliases: readonly string[];
  displayName: string;
  family: ModelFamily;
  status: ModelStatus;
  lifecycleNote?: string;
  /**
   * Oldest first; each period's effectiveFrom is later than the one before. Empty for a model Anthropic lists
   * without a published price: its calls are recorded and shown with an unknown cost (see `unpricedNote`).
   */
  pricePeriods: readonly CatalogPricePeriod[];
  /** Why a model has no price period, with the pages that were searched. */
  unpricedNote?: string;
  fastMode: FastModeListing;
  usOnlyInference: UsOnlyInferenceListing;
}

/**
 * An operator's negotiated price for one model, matched by id or alias. It has the shape of a
 * catalog price period and wins over the catalog for calls made on or after `effectiveFrom`.
 */
export interface PriceOverride extends PricePeriod {
  model: string;
  /** Defaults to the catalog's web-search price. */
  webSearchPer1000SearchesUsd?: string;
}
