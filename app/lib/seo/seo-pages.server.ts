import { env } from "~/env.server";
import { getBudgetSettings, monthToDateSpendPicos } from "~/lib/budget/index.server";
import { timeZoneOf } from "~/lib/analytics/index.server";
import { plural } from "~/lib/format";
import { addDays, localDayOf, monthOf } from "~/lib/time";
import type { AdminGraphqlClient } from "./admin-graphql.server";
import { toWire, type Wire } from "~/lib/wire";
import { validationMessages } from "~/lib/validation";
import { applyFix, approvedAltSchema, approvedMetaSchema, type ApplyOutcome } from "./apply.server";
import { cachedCatalog } from "./catalog-cache.server";
import { readProduct } from "./catalog.server";
import { estimateRun } from "./cost-estimate.server";
import { getSeoJobRunner } from "./job-runner.server";
import {
  createSeoJob,
  findItem,
  findJob,
  jobCounts,
  jobItems,
  jobSpend,
  latestItemsForProduct,
  listJobs,
  modelNameOf,
  SeoJobStateError,
} from "./jobs.server";
import { planItems } from "./plan";
import { catalogContextOf, checkCatalogSeo, checkProductSeo, needsMetaFix, summarizeCatalogSeo } from "./seo-rules";
import { getSeoSettings, seoModelChoices } from "./settings.server";
import { SEO_TASKS, type SeoJobKind } from "./tasks";
import { itemView, jobView, productRow, type ItemView, type JobView } from "./views";
import type { SeoProduct } from "./product";

/**
 * What the SEO routes load and do, composed from the SEO modules, so the routes stay thin: authenticate, validate,
 * call one of these, return.
 */

export async function loadJobViews(shop: string, jobs: Awaited<ReturnType<typeof listJobs>>): Promise<JobView[]> {
  const timeZone = await timeZoneOf({ shop });
  return Promise.all(
    jobs.map(async (job) => {
      const [counts, spend] = await Promise.all([jobCounts(job.id), jobSpend(shop, job.id)]);
      return jobView(job, counts, spend, timeZone);
    }),
  );
}

/** The SEO page: the catalog scored by the rules, recent bulk runs, and the model settings. */
export async function loadSeoOverview(shop: string, admin: AdminGraphqlClient) {
  const [{ products, truncated }, jobs, settings] = await Promise.all([
    cachedCatalog(shop, admin),
    listJobs(shop, { origin: "bulk", take: 8 }),
    getSeoSettings(shop),
  ]);
  const checks = checkCatalogSeo(products);
  const summary = summarizeCatalogSeo(checks);
  const withIssues = (kind: SeoJobKind) => productsInScope(kind, "needing", products, []).length;
  return {
    products: products.map((product, index) => productRow(product, checks[index]!)),
    truncated,
    summary,
    /** How many products (and images) each bulk run would cover, for the run form's choices. */
    scopeCounts: {
      all: products.length,
      audit: withIssues("audit"),
      meta: withIssues("meta"),
      alt_text: withIssues("alt_text"),
      imagesMissingAlt: summary.imagesMissingAlt,
    },
    jobs: await loadJobViews(shop, jobs),
    settings,
    modelChoices: seoModelChoices(),
  };
}

/**
 * Where the store's SEO stands, for Home: the catalog's score and gaps, the run that would close most of them (the
 * merchant's next step), and the latest run.
 */
export async function loadSeoStatus(shop: string, admin: AdminGraphqlClient) {
  const [{ products }, jobs] = await Promise.all([cachedCatalog(shop, admin), listJobs(shop, { take: 1 })]);
  const summary = summarizeCatalogSeo(checkCatalogSeo(products));
  const needing = {
    meta: productsInScope("meta", "needing", products, []).length,
    alt_text: summary.imagesMissingAlt,
  };
  const next: { kind: SeoJobKind; label: string; count: number } | null =
    needing.meta > 0
      ? {
          kind: "meta",
          label: `Write meta titles and descriptions for ${plural(needing.meta, "product")}`,
          count: needing.meta,
        }
      : needing.alt_text > 0
        ? {
            kind: "alt_text",
            label: `Write alt text for ${plural(needing.alt_text, "image")}`,
            count: needing.alt_text,
          }
        : summary.productsWithIssues > 0
          ? {
              kind: "audit",
              label: `Audit ${plural(summary.productsWithIssues, "product")} with gaps`,
              count: summary.productsWithIssues,
            }
          : null;
  const latest = jobs[0] ? (await loadJobViews(shop, jobs))[0]! : null;
  return {
    summary: {
      products: summary.products,
      productsWithIssues: summary.productsWithIssues,
      averageScore: summary.averageScore,
      imagesMissingAlt: summary.imagesMissingAlt,
      productsMissingMeta: needing.meta,
    },
    next,
    latestRun: latest
      ? { id: latest.id, kindLabel: latest.kindLabel, status: latest.status, createdAtLocal: latest.createdAtLocal }
      : null,
  };
}
export type SeoStatus = Awaited<ReturnType<typeof loadSeoStatus>>;

export type RunScope = "all" | "needing" | "selected";

function productsInScope(
  kind: SeoJobKind,
  scope: RunScope,
  products: readonly SeoProduct[],
  selected: readonly string[],
) {
  if (scope === "selected") {
    const wanted = new Set(selected);
    return products.filter((product) => wanted.has(product.id));
  }
  if (scope === "all") return [...products];
  const context = catalogContextOf(products);
  return products.filter((product) => {
    const check = checkProductSeo(product, context);
    if (kind === "meta") return needsMetaFix(check);
    if (kind === "alt_text") return check.imagesMissingAlt > 0;
    return check.issues.length > 0;
  });
}

/**
 * Plans a bulk run and estimates it, as a draft the merchant confirms on the run's page. Nothing is sent to Claude
 * before that confirmation.
 */
export async function prepareBulkRun(
  shop: string,
  admin: AdminGraphqlClient,
  request: { kind: SeoJobKind; scope: RunScope; productIds: readonly string[]; startedBy: string },
) {
  const { products } = await cachedCatalog(shop, admin);
  const chosen = productsInScope(request.kind, request.scope, products, request.productIds);
  // Duplicate checks look at the whole catalog, not only the chosen products.
  const items = planItems(request.kind, chosen, { context: catalogContextOf(products) });
  if (items.length === 0) {
    throw new SeoJobStateError(
      request.kind === "alt_text"
        ? "None of the chosen products has an image without alt text."
        : "No products were chosen.",
    );
  }
  const settings = await getSeoSettings(shop);
  const model = settings[SEO_TASKS[request.kind].modelSetting];
  const estimate = await estimateRun(shop, { kind: request.kind, model, products: chosen.length, items });
  return createSeoJob({
    shop,
    kind: request.kind,
    origin: "bulk",
    status: "draft",
    model,
    startedBy: request.startedBy,
    items,
    estimate,
  });
}

interface BudgetContextData {
  monthlyBudgetPicos: bigint | null;
  remainingPicos: bigint | null;
  hardCap: boolean;
  /** The estimate is more than what is left of this month's budget. */
  estimateExceedsRemaining: boolean;
  /** The hard cap is reached: no Claude call can be made until `resetsOn` or a higher budget. */
  capReached: boolean;
  /** The first day of next month in the shop's zone (when the month's spend starts over). */
  resetsOn: string | null;
}
export type BudgetContext = Wire<BudgetContextData>;

async function budgetContext(shop: string, estimatePicos: bigint | null): Promise<BudgetContext> {
  const settings = await getBudgetSettings(shop);
  if (settings.monthlyBudgetPicos === null) {
    return toWire<BudgetContextData>({
      monthlyBudgetPicos: null,
      remainingPicos: null,
      hardCap: false,
      estimateExceedsRemaining: false,
      capReached: false,
      resetsOn: null,
    });
  }
  const spent = await monthToDateSpendPicos(shop, settings.timeZone);
  const remaining = settings.monthlyBudgetPicos > spent ? settings.monthlyBudgetPicos - spent : 0n;
  const today = localDayOf(new Date(), settings.timeZone);
  return toWire<BudgetContextData>({
    monthlyBudgetPicos: settings.monthlyBudgetPicos,
    remainingPicos: remaining,
    hardCap: settings.hardCap,
    estimateExceedsRemaining: estimatePicos !== null && estimatePicos > remaining,
    capReached: settings.hardCap && remaining === 0n,
    resetsOn: addDays(monthOf(today).to, 1),
  });
}

/** Items per page of a run's results (a big run is reviewed a page at a time; "Apply all" covers every page). */
const RUN_PAGE_SIZE = 50;

/** A run's page: its state, spend, one page of its items, and the budget next to its estimate. */
export async function loadJobPage(shop: string, jobId: string, page = 1) {
  const job = await findJob(shop, jobId);
  const pages = Math.max(1, Math.ceil(job.totalItems / RUN_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const [counts, spend, items, timeZone] = await Promise.all([
    jobCounts(job.id),
    jobSpend(shop, job.id),
    jobItems(shop, job.id, { skip: (current - 1) * RUN_PAGE_SIZE, take: RUN_PAGE_SIZE }),
    timeZoneOf({ shop }),
  ]);
  const view = jobView(job, counts, spend, timeZone);
  return {
    job: view,
    items: items.map((item) => itemView(item, view.kind)),
    pagination: { page: current, pages },
    budget: await budgetContext(shop, job.estimateHighPicos ?? job.estimatePicos),
  };
}
/** What the run page receives. */
export type RunPageData = Awaited<ReturnType<typeof loadJobPage>>;

/**
 * Starts working on a run (after the merchant's confirmation, a resume or queued applies): in this process, unless it
 * is a web process of several, whose workers claim the run on their next sweep (within seconds).
 */
export function wakeRunner(jobId: string): void {
  if (env.processRole === "web") return;
  void getSeoJobRunner().start(jobId);
}

/** A product's page: the rule check (with the catalog for duplicates), its images, and Claude's latest answers. */
export async function loadProductPage(shop: string, admin: AdminGraphqlClient, productId: string) {
  const [product, catalog] = await Promise.all([readProduct(admin, productId), cachedCatalog(shop, admin)]);
  if (!product) return null;
  const others = catalog.products.filter((candidate) => candidate.id !== product.id);
  const check = checkProductSeo(product, catalogContextOf([...others, product]));
  const [audits, metas, alts, settings, budget] = await Promise.all([
    latestItemsForProduct(shop, productId, "audit", 1),
    latestItemsForProduct(shop, productId, "meta", 1),
    latestItemsForProduct(shop, productId, "alt_text", 40),
    getSeoSettings(shop),
    budgetContext(shop, null),
  ]);
  // The newest answer per image.
  const latestAlt = new Map<string, ItemView>();
  for (const item of alts)
    if (!latestAlt.has(item.resourceId)) latestAlt.set(item.resourceId, itemView(item, "alt_text"));
  return {
    product: {
      id: product.id,
      title: product.title,
      handle: product.handle,
      seoTitle: product.seoTitle,
      seoDescription: product.seoDescription,
      images: product.images,
    },
    row: productRow(product, check),
    effectiveDescription: check.effectiveDescription,
    audit: audits[0] ? itemView(audits[0], "audit") : null,
    meta: metas[0] ? itemView(metas[0], "meta") : null,
    altSuggestions: Object.fromEntries(latestAlt),
    models: { audit: modelNameOf(settings.auditModel), fix: modelNameOf(settings.fixModel) },
    /** While the hard cap is reached the Claude buttons are off, with the reason. */
    budget: { capReached: budget.capReached, resetsOn: budget.resetsOn },
  };
}

/**
 * A product's own button: one small run, worked on at once while the merchant waits (same code path as bulk runs,
 * so it is tracked, validated and stored the same way).
 */
export async function runProductTask(
  shop: string,
  admin: AdminGraphqlClient,
  request: { productId: string; kind: SeoJobKind; startedBy: string; imageIds?: readonly string[] },
) {
  const product = await readProduct(admin, request.productId);
  if (!product) throw new SeoJobStateError("This product no longer exists in Shopify.");
  const { products } = await cachedCatalog(shop, admin);
  const context = catalogContextOf([...products.filter((other) => other.id !== product.id), product]);
  const items = planItems(request.kind, [product], { context, imageIds: request.imageIds });
  if (items.length === 0) throw new SeoJobStateError("Every image of this product already has alt text.");
  const settings = await getSeoSettings(shop);
  const job = await createSeoJob({
    shop,
    kind: request.kind,
    origin: "single",
    model: settings[SEO_TASKS[request.kind].modelSetting],
    startedBy: request.startedBy,
    items,
  });
  await getSeoJobRunner().start(job.id);
  const [finished, after] = await Promise.all([jobItems(shop, job.id), findJob(shop, job.id)]);
  const views = finished.map((item) => itemView(item, request.kind));
  // A stopped run (the budget cap, say) says why; otherwise the first failed item does.
  const problem =
    after.status === "stopped" ? after.message : (views.find((item) => item.status === "failed")?.error ?? null);
  return { items: views, problem };
}

/** The merchant's click on "Apply" for one suggestion, with their edits; written now with their session. */
export async function applySuggestionNow(
  shop: string,
  admin: AdminGraphqlClient,
  itemId: number,
  values: Record<string, unknown>,
): Promise<ApplyOutcome> {
  const item = await findItem(shop, itemId);
  if (item.status !== "done" || item.job.kind === "audit")
    throw new SeoJobStateError("This answer has nothing to apply.");
  const approved =
    item.job.kind === "alt_text"
      ? approvedAltSchema.safeParse(values, { error: validationMessages })
      : approvedMetaSchema.safeParse(values, { error: validationMessages });
  if (!approved.success) return { ok: false, error: approved.error.issues.map((issue) => issue.message).join("; ") };
  return applyFix(admin, item, approved.data);
}
