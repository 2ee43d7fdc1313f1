/**
 * Analytics: every figure on the merchant's pages, read from the daily rollups for one shop (or all shops, for the
 * operator) and a range of the shop's local days, and the AI usage page's data (`loadAnalyticsOverview`).
 */
export * from "./index";
export { loadAnalyticsOverview } from "./overview.server";
export {
  type BreakdownRow,
  type CacheEfficiency,
  type DailyUsagePoint,
  type PartialDayRange,
  type RollupFilter,
  comparePeriods,
  getCacheEfficiency,
  getCurrentMonthUsage,
  getDailyUsageTrends,
  getLatencyAndErrorsByEndpoint,
  getUsageByEndpoint,
  getUsageByModel,
  getUsageByResourceType,
  getUsageByShop,
  getUsageByUser,
  getUsageTotals,
  hasHourlyDetail,
  predictNextMonthUsage,
  timeZoneOf,
  todayOf,
} from "./usage-analytics.server";
