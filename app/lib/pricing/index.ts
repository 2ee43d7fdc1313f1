/** The pricing catalog: every Claude model's dated prices, and the exact cost of a call from its reported usage. */
export { priceCall, cacheSavingsPicos } from "./cost";
export type { TokenUsage, PriceOptions, CallCost } from "./cost";
export { resolveModel, listCatalogModels } from "./catalog";
export { describeOverrideProblems } from "./price-lookup";
export type {
  CatalogModel,
  CatalogPricePeriod,
  FastModeListing,
  UsOnlyInferenceListing,
  LongContextTier,
  ModelFamily,
  ModelStatus,
  PriceOverride,
  PricePeriod,
  SourceReference,
  TokenPrices,
  UsdPerMillionTokens,
} from "./types";
export { costBoundPicos, type CallCeiling } from "./cost-bound";
