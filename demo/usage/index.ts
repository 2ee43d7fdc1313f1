/**
 * Made-up usage for everything that is not production: the demo shop's history (`seedDemoShop`), the benchmark's
 * million calls and the tests' fixtures (`seedSyntheticUsage`, `generateSyntheticUsage`). It writes through the
 * usage tracker's own writer, so rollups come out exactly as real calls make them.
 */
export { DEMO_HISTORY_CALLS, DEMO_HISTORY_DAYS, seedDemoShop } from "./demo-history";
export { type SeedUsageOptions, seedSyntheticUsage } from "./seed-usage";
export { generateSyntheticUsage, type SyntheticUsageOptions } from "./synthetic-usage";
