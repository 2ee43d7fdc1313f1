/**
 * Reconciliation with Anthropic: the app's recorded calls against the Admin API's usage and cost report, per UTC day
 * and model, with the likely cause of each difference (`npm run operator -- reconcile`; docs/decisions/0014).
 */
export * from "./index";
export { appUsageByDayAndModel } from "./app-figures.server";
export {
  anthropicUsageByDayAndModel,
  createAdminClient,
  picosFromCents,
  reportWindows,
} from "./anthropic-report.server";
export { lastReconciliation, reconcileWithAnthropic } from "./reconcile.server";
export type { ReconcileOptions, ReconcileResult } from "./reconcile.server";
