/** SEO, the browser-safe side: the SEO rules and limits, task kinds, and what the SEO pages receive (types). */
export type { AuditAnswer } from "./answers";
export { planItems } from "./plan";
export { productGid } from "./product";
export { ALT_TEXT_TOOL, AUDIT_TOOL, FINDING_TEXT_MAX, META_TOOL } from "./prompts";
export type { RunPageData, SeoStatus, loadJobPage, loadProductPage, loadSeoOverview } from "./seo-pages.server";
export {
  ALT_TEXT_MAX,
  type CatalogSeoSummary,
  META_DESCRIPTION_MAX,
  META_TITLE_MAX,
  SHOPIFY_ALT_TEXT_LIMIT,
  SHOPIFY_SEO_DESCRIPTION_LIMIT,
  SHOPIFY_SEO_TITLE_LIMIT,
  type SeoIssueCode,
} from "./seo-rules";
export type { ModelChoice, SeoSettingsValues } from "./settings.server";
export { SEO_JOB_KINDS, type SeoJobKind } from "./job-kinds";
export type { ItemView, JobView, ProductRow } from "./views";
export type { ResourceName } from "./resource-names.server";
