/**
 * SEO work on Claude: the catalog read from Shopify, audits and meta/alt-text fixes as leased jobs, cost estimates,
 * model settings, and writing approved fixes back to Shopify.
 */
export * from "./index";
export { applyItemCommand } from "./apply-item-command";
export { type AdminGraphqlClient, ShopifyApiError, ShopifyUserErrorsError, adminGraphql } from "./admin-graphql.server";
export { forgetCatalog } from "./catalog-cache.server";
export { readCatalog, readProducts } from "./catalog.server";
export { DEFAULT_CALL_TOKENS, estimateRun } from "./cost-estimate.server";
export { SeoJobRunner, cancelSeoJob, startSeoJobRunner, getSeoJobRunner, pauseSeoJob } from "./job-runner.server";
export {
  SeoJobNotFoundError,
  SeoJobStateError,
  createSeoJob,
  discardDraft,
  jobItems,
  jobSpend,
  listJobs,
  queueApply,
  resumeJob,
  startDraft,
} from "./jobs.server";
export {
  DEFAULT_AUDIT_MODEL,
  DEFAULT_FIX_MODEL,
  InvalidSeoSettingsError,
  getSeoSettings,
  seoModelChoices,
  switchSeoModel,
  updateSeoSettings,
} from "./settings.server";
export { writeImageAltText, writeProductMetaTags } from "./shopify-writes.server";
export { modelSettingFor } from "./tasks";
export {
  applySuggestionNow,
  loadJobPage,
  loadJobViews,
  loadProductPage,
  loadSeoOverview,
  loadSeoStatus,
  prepareBulkRun,
  runProductTask,
  wakeRunner,
} from "./seo-pages.server";
export { type ResourceName, allResourceNames, resourceNamesOf } from "./resource-names.server";
