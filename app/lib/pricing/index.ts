export { priceCall, cacheSavingsPicos, promptTokens } from "./cost";
export type { TokenUsage, PriceOptions, CallCost } from "./cost";
export { resolveModel, listCatalogModels } from "./catalog";
export { describeOverrideProblems } from "./price-lookup";
export { formatUsd, picosFromUsd, PICOS_PER_USD } from "./money";
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
