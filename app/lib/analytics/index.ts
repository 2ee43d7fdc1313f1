/**
 * Analytics, the browser-safe side: what the pages receive from the analytics loaders (types), the breakdowns the
 * AI usage page shows, and how a figure moved between periods. The queries are behind `index.server.ts`.
 */
export { BREAKDOWN_DIMENSIONS, type BreakdownDimension } from "./breakdown-dimensions";
export type { AnalyticsOverview, BreakdownRowJson, DayFiguresJson, TrendPointJson } from "./overview.server";
export { type Change } from "./period-change";
export type { EndpointHealth } from "./usage-analytics.server";
export { type UsageScope } from "./usage-scope";
export type { UsageTotals } from "./usage-totals";
