import type { SeoJob, SeoJobItem } from "@prisma/client";
import { toWire, type Wire } from "~/lib/wire";
import { describeLocalTime } from "~/lib/time";
import type { AltTextAnswer, AuditAnswer, MetaAnswer } from "./answers";
import { headlineFor } from "./cost-estimate.server";
import { type ApprovedFix, type JobCounts, modelNameOf } from "./jobs.server";
import { legacyIdOf, type SeoProduct } from "./product";
import { textLength, type ProductSeoCheck, type SeoIssueCode, type SeoSeverity } from "./seo-rules";
import { SEO_TASKS, type SeoItemInput, type SeoJobKind } from "./tasks";

/**
 * What the SEO pages receive: plain JSON, money as decimal strings of pico-dollars, every figure already computed
 * here (components only draw).
 */

export interface IssueView {
  code: SeoIssueCode;
  severity: SeoSeverity;
  message: string;
}

export interface ProductRow {
  id: string;
  legacyId: string;
  title: string;
  imageUrl: string | null;
  score: number;
  issues: IssueView[];
  effectiveTitle: string;
  titleLength: number;
  metaDescriptionLength: number;
  imageCount: number;
  imagesMissingAlt: number;
}

export function productRow(product: SeoProduct, check: ProductSeoCheck): ProductRow {
  return {
    id: product.id,
    legacyId: legacyIdOf(product.id),
    title: product.title,
    imageUrl: product.images[0]?.url ?? null,
    score: check.score,
    issues: check.issues.map(({ code, severity, message }) => ({ code, severity, message })),
    effectiveTitle: check.effectiveTitle,
    titleLength: textLength(check.effectiveTitle),
    metaDescriptionLength: textLength(product.seoDescription),
    imageCount: product.imageCount,
    imagesMissingAlt: check.imagesMissingAlt,
  };
}

interface JobViewData {
  id: string;
  kind: SeoJobKind;
  kindLabel: string;
  origin: string;
  status: string;
  stopReason: string | null;
  message: string | null;
  model: string;
  modelName: string;
  startedBy: string;
  autoApply: boolean;
  totalItems: number;
  products: number;
  counts: JobCounts;
  /** Items finished (done or failed) out of all, 0–100. */
  progressPercent: number;
  /** Suggestions generated and not yet applied (or whose applying failed): what "Apply all" writes. */
  readyToApply: number;
  estimate: {
    picos: bigint | null;
    lowPicos: bigint | null;
    highPicos: bigint | null;
    headline: string | null;
    explanation: string | null;
  };
  spend: { picos: bigint; calls: number; unpricedCalls: number };
  createdAt: Date;
  finishedAt: Date | null;
  /** When it was created, in the shop's time zone ("Dec 1, 2026, 07:18"). */
  createdAtLocal: string;
}

/** A run as the SEO pages receive it. */
export type JobView = Wire<JobViewData>;

export function jobView(
  job: SeoJob,
  counts: JobCounts,
  spend: { costPicos: bigint; calls: number; unpricedCalls: number },
  timeZone: string,
): JobView {
  return toWire(jobViewData(job, counts, spend, timeZone));
}

function jobViewData(
  job: SeoJob,
  counts: JobCounts,
  spend: { costPicos: bigint; calls: number; unpricedCalls: number },
  timeZone: string,
): JobViewData {
  const products = job.totalProducts;
  const kind = job.kind as SeoJobKind;
  const finished = counts.done + counts.failed;
  return {
    id: job.id,
    kind,
    kindLabel: SEO_TASKS[kind].label,
    origin: job.origin,
    status: job.status,
    stopReason: job.stopReason,
    message: job.message,
    model: job.model,
    modelName: modelNameOf(job.model),
    startedBy: job.startedBy,
    autoApply: job.autoApply,
    totalItems: job.totalItems,
    products,
    counts,
    progressPercent: job.totalItems === 0 ? 100 : Math.floor((finished / job.totalItems) * 100),
    readyToApply: kind === "audit" ? 0 : counts.done - counts.applied - counts.applyQueued,
    estimate: {
      picos: job.estimatePicos,
      lowPicos: job.estimateLowPicos,
      highPicos: job.estimateHighPicos,
      headline: job.estimateBasis
        ? headlineFor(
            { totalPicos: job.estimatePicos, lowPicos: job.estimateLowPicos, highPicos: job.estimateHighPicos },
            products,
            job.totalItems,
            kind,
          )
        : null,
      explanation: job.estimateBasis,
    },
    spend: { picos: spend.costPicos, calls: spend.calls, unpricedCalls: spend.unpricedCalls },
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    createdAtLocal: describeLocalTime(job.createdAt, timeZone),
  };
}

export interface ItemView {
  id: number;
  position: number;
  productId: string;
  productLegacyId: string;
  productTitle: string;
  resourceType: string;
  resourceId: string;
  imageUrl: string | null;
  /** "image 2 of 3" for alt-text items, else null. */
  imageLabel: string | null;
  status: string;
  errorKind: string | null;
  error: string | null;
  /** What the store had when the run was created. */
  before: { metaTitle: string; metaDescription: string; altText: string };
  audit: AuditAnswer | null;
  suggestion: (MetaAnswer & { kind: "meta" }) | (AltTextAnswer & { kind: "alt_text" }) | null;
  applyStatus: string | null;
  applied: ApprovedFix | null;
  applyError: string | null;
  tokens: { input: number; output: number; cacheRead: number; cacheWrite: number };
}

function parsed<T>(json: string | null): T | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
}

export function itemView(item: SeoJobItem, kind: SeoJobKind): ItemView {
  const input = parsed<SeoItemInput>(item.input);
  const image = input?.kind === "alt_text" ? input.image : null;
  const result = item.status === "done" ? parsed<Record<string, unknown>>(item.result) : null;
  return {
    id: item.id,
    position: item.position,
    productId: item.productId,
    productLegacyId: legacyIdOf(item.productId),
    productTitle: item.productTitle,
    resourceType: item.resourceType,
    resourceId: item.resourceId,
    imageUrl: image?.url ?? input?.product.images[0]?.url ?? null,
    imageLabel:
      input?.kind === "alt_text"
        ? `image ${input.product.images.findIndex((candidate) => candidate.id === input.image.id) + 1} of ${input.product.images.length}`
        : null,
    status: item.status,
    errorKind: item.errorKind,
    error: item.error,
    before: {
      metaTitle: input?.product.seoTitle ?? "",
      metaDescription: input?.product.seoDescription ?? "",
      altText: image?.alt ?? "",
    },
    audit: kind === "audit" ? (result as AuditAnswer | null) : null,
    suggestion:
      result && kind === "meta"
        ? { kind: "meta", ...(result as MetaAnswer) }
        : result && kind === "alt_text"
          ? { kind: "alt_text", ...(result as AltTextAnswer) }
          : null,
    applyStatus: item.applyStatus,
    applied: parsed<ApprovedFix>(item.applied),
    applyError: item.applyError,
    tokens: {
      input: item.inputTokens,
      output: item.outputTokens,
      cacheRead: item.cacheReadTokens,
      cacheWrite: item.cacheWriteTokens,
    },
  };
}
