/** The pricing catalog: every Claude model's dated prices, and the exact cost of a call from its reported usage. */
export { priceCall, cacheSavingsPicos, promptTokens } from "./cost";
export type { TokenUsage, PriceOptions, CallCost } from "./cost";
export { resolveModel, listCatalogModels } from "./catalog";
export { describeOverrideProblems } from "./price-lookup";
export { WEB_SEARCH_USD_PER_1000_SEARCHES } from "./catalog-data";
export type {
  CatalogModel,
  CatalogPricePeriod,
  LongContextTier,
  ModelFamily,
  ModelStatus,
  PriceOverride,
  PricePeriod,
  SourceReference,
  TokenPrices,
  UsdPerMillionTokens,
} from "./types";
