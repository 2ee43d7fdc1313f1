import { randomUUID } from "node:crypto";
import type { SeoJob, SeoJobItem } from "@prisma/client";
import prisma from "~/db.server";
import { resolveModel } from "~/lib/pricing";
import { assertWithinBudget } from "~/lib/budget/index.server";
import type { RunEstimate } from "./cost-estimate.server";
import { resourceIdOf, SEO_TASKS, type SeoItemInput, type SeoJobKind } from "./tasks";
import { storableText } from "~/lib/text";

/**
 * SEO runs as stored records: creating a run with its items, reading it back for one shop only, and the merchant's
 * controls (pause, resume, cancel, queue suggestions for applying). The job runner does the work; this module
 * only changes state, always scoped by shop, so one shop can never see or touch another's runs.
 */

/** "draft": planned and estimated, waiting for the merchant to confirm the cost; the runner only works on "running". */
export type SeoJobStatus = "draft" | "running" | "paused" | "cancelled" | "completed" | "stopped";
export type SeoJobOrigin = "bulk" | "single";

export class SeoJobNotFoundError extends Error {
  override name = "SeoJobNotFoundError";
  constructor() {
    super("No such SEO run for this store");
  }
}

export class SeoJobStateError extends Error {
  override name = "SeoJobStateError";
}

export interface NewSeoJob {
  shop: string;
  kind: SeoJobKind;
  origin: SeoJobOrigin;
  model: string;
  /** The staff member who started it (their calls are recorded under this id), or "automation". */
  startedBy: string;
  autoApply?: boolean;
  items: readonly SeoItemInput[];
  estimate?: Pick<RunEstimate, "totalPicos" | "lowPicos" | "highPicos" | "explanation"> | null;
  /** Bulk runs start as drafts (the estimate is shown first); a product's own button runs at once. */
  status?: "draft" | "running";
}

export async function createSeoJob(job: NewSeoJob): Promise<SeoJob> {
  if (job.items.length === 0) throw new SeoJobStateError("There is nothing to do for the chosen products.");
  if (job.autoApply && job.kind === "audit") throw new SeoJobStateError("An audit has nothing to apply.");
  const id = randomUUID();
  const task = SEO_TASKS[job.kind];
  return prisma.$transaction(async (tx) => {
    const created = await tx.seoJob.create({
      data: {
        id,
        shop: job.shop,
        kind: job.kind,
        origin: job.origin,
        status: job.status ?? "running",
        model: job.model,
        startedBy: job.startedBy,
        autoApply: job.autoApply ?? false,
        totalItems: job.items.length,
        totalProducts: new Set(job.items.map((item) => item.product.id)).size,
        estimatePicos: job.estimate?.totalPicos ?? null,
        estimateBasis: job.estimate?.explanation ?? null,
        estimateLowPicos: job.estimate?.lowPicos ?? null,
        estimateHighPicos: job.estimate?.highPicos ?? null,
      },
    });
    await tx.seoJobItem.createMany({
      data: job.items.map((input, position) => ({
        jobId: id,
        shop: job.shop,
        position,
        productId: input.product.id,
        productTitle: storableText(input.product.title, 255),
        resourceType: task.resourceType,
        resourceId: resourceIdOf(input),
        input: JSON.stringify(input),
      })),
    });
    return created;
  });
}

/** The shop's run, or SeoJobNotFoundError (also for another shop's run: it does not exist for this one). */
export async function findJob(shop: string, jobId: string): Promise<SeoJob> {
  const job = await prisma.seoJob.findFirst({ where: { id: jobId, shop } });
  if (!job) throw new SeoJobNotFoundError();
  return job;
}

export interface JobCounts {
  pending: number;
  running: number;
  done: number;
  failed: number;
  applyQueued: number;
  applied: number;
  applyFailed: number;
}

export async function jobCounts(jobId: string): Promise<JobCounts> {
  const [byStatus, byApply] = await Promise.all([
    prisma.seoJobItem.groupBy({ by: ["status"], where: { jobId }, _count: { _all: true } }),
    prisma.seoJobItem.groupBy({
      by: ["applyStatus"],
      where: { jobId, applyStatus: { not: null } },
      _count: { _all: true },
    }),
  ]);
  const status = (name: string) => byStatus.find((row) => row.status === name)?._count._all ?? 0;
  const apply = (name: string) => byApply.find((row) => row.applyStatus === name)?._count._all ?? 0;
  return {
    pending: status("pending"),
    running: status("running"),
    done: status("done"),
    failed: status("failed"),
    applyQueued: apply("queued"),
    applied: apply("applied"),
    applyFailed: apply("failed"),
  };
}

/** What the run's calls cost so far, from the usage records the tracker wrote for them. */
export async function jobSpend(
  shop: string,
  jobId: string,
): Promise<{ costPicos: bigint; calls: number; unpricedCalls: number }> {
  const items = await prisma.seoJobItem.findMany({
    where: { jobId, shop, requestId: { not: null } },
    select: { requestId: true },
  });
  const requestIds = items.map((item) => item.requestId!);
  if (requestIds.length === 0) return { costPicos: 0n, calls: 0, unpricedCalls: 0 };
  const [priced, unpriced] = await Promise.all([
    prisma.aPIUsageLog.aggregate({
      where: { shop, requestId: { in: requestIds } },
      _sum: { totalCostPicos: true },
      _count: { _all: true },
    }),
    prisma.aPIUsageLog.count({ where: { shop, requestId: { in: requestIds }, totalCostPicos: null } }),
  ]);
  return { costPicos: priced._sum.totalCostPicos ?? 0n, calls: priced._count._all, unpricedCalls: unpriced };
}

export async function listJobs(
  shop: string,
  options: { origin?: SeoJobOrigin; take?: number } = {},
): Promise<SeoJob[]> {
  return prisma.seoJob.findMany({
    where: { shop, ...(options.origin ? { origin: options.origin } : {}) },
    orderBy: { createdAt: "desc" },
    take: options.take ?? 10,
  });
}

export async function jobItems(
  shop: string,
  jobId: string,
  page?: { skip: number; take: number },
): Promise<SeoJobItem[]> {
  return prisma.seoJobItem.findMany({ where: { jobId, shop }, orderBy: { position: "asc" }, ...(page ?? {}) });
}

export async function findItem(shop: string, itemId: number): Promise<SeoJobItem & { job: SeoJob }> {
  const item = await prisma.seoJobItem.findFirst({ where: { id: itemId, shop }, include: { job: true } });
  if (!item) throw new SeoJobNotFoundError();
  return item;
}

/** The latest finished answers of a kind for one product (the product page shows them). */
export async function latestItemsForProduct(shop: string, productId: string, kind: SeoJobKind, take = 20) {
  return prisma.seoJobItem.findMany({
    where: { shop, productId, job: { kind }, status: { in: ["done", "failed"] } },
    orderBy: { id: "desc" },
    take,
  });
}

async function transition(
  shop: string,
  jobId: string,
  from: readonly SeoJobStatus[],
  to: SeoJobStatus,
  extra: Partial<SeoJob> = {},
) {
  const job = await findJob(shop, jobId);
  if (!from.includes(job.status as SeoJobStatus)) {
    const verb = to === "running" ? (job.status === "draft" ? "started" : "resumed") : to;
    throw new SeoJobStateError(`A ${job.status} run cannot be ${verb}.`);
  }
  await prisma.seoJob.updateMany({ where: { id: jobId, shop, status: job.status }, data: { status: to, ...extra } });
  return prisma.seoJob.findUniqueOrThrow({ where: { id: jobId } });
}

/**
 * The merchant confirmed the estimate: the draft becomes a running job (optionally applying as it goes). Refused with
 * BudgetExceededError, and left a draft, while the shop's hard cap is reached: the run could not make a single call.
 */
export async function startDraft(shop: string, jobId: string, options: { autoApply: boolean }) {
  const job = await findJob(shop, jobId);
  if (options.autoApply && job.kind === "audit") throw new SeoJobStateError("An audit has nothing to apply.");
  if (job.status === "draft") await assertWithinBudget(shop);
  return transition(shop, jobId, ["draft"], "running", { autoApply: options.autoApply });
}

/** Throws a draft away (nothing was sent for it). */
export async function discardDraft(shop: string, jobId: string): Promise<void> {
  const job = await findJob(shop, jobId);
  if (job.status !== "draft") throw new SeoJobStateError("Only a run that has not started can be discarded.");
  await prisma.$transaction([
    prisma.seoJobItem.deleteMany({ where: { jobId, shop } }),
    prisma.seoJob.deleteMany({ where: { id: jobId, shop, status: "draft" } }),
  ]);
}

export function pauseJob(shop: string, jobId: string) {
  return transition(shop, jobId, ["running"], "paused");
}

/** Resumes a paused or stopped run; refused with BudgetExceededError while the hard cap is reached. */
export async function resumeJob(shop: string, jobId: string) {
  await findJob(shop, jobId);
  await assertWithinBudget(shop);
  return transition(shop, jobId, ["paused", "stopped"], "running", { stopReason: null, message: null });
}

export function cancelJob(shop: string, jobId: string) {
  return transition(shop, jobId, ["running", "paused", "stopped"], "cancelled", {
    finishedAt: new Date(),
    message: "Cancelled: no further Claude calls or Shopify changes are made for this run.",
  });
}

/** A suggestion as the merchant approved it, possibly edited: what gets written to Shopify. */
export type ApprovedFix = { metaTitle: string; metaDescription: string } | { altText: string };

/**
 * Queues generated suggestions for writing to Shopify (the merchant's explicit confirmation of a bulk apply).
 * Only finished, not yet applied items are queued; the run goes back to running so the runner applies them.
 */
export async function queueApply(shop: string, jobId: string, itemIds: readonly number[] | "all"): Promise<number> {
  const job = await findJob(shop, jobId);
  if (job.kind === "audit") throw new SeoJobStateError("An audit has nothing to apply.");
  if (job.status === "cancelled") throw new SeoJobStateError("A cancelled run cannot apply suggestions.");
  const items = await prisma.seoJobItem.findMany({
    where: {
      jobId,
      shop,
      status: "done",
      OR: [{ applyStatus: null }, { applyStatus: "failed" }],
      ...(itemIds === "all" ? {} : { id: { in: [...itemIds] } }),
    },
    select: { id: true, result: true, applied: true },
  });
  for (const item of items) {
    await prisma.seoJobItem.update({
      where: { id: item.id },
      data: {
        applyStatus: "queued",
        applyError: null,
        applied: item.applied ?? approvedFromResult(job.kind as SeoJobKind, item.result),
      },
    });
  }
  if (items.length > 0 && job.status !== "running") {
    await prisma.seoJob.update({
      where: { id: jobId },
      data: { status: "running", finishedAt: null, stopReason: null },
    });
  }
  return items.length;
}

function approvedFromResult(kind: SeoJobKind, result: string | null): string {
  const answer = JSON.parse(result ?? "{}") as Record<string, string>;
  const approved: ApprovedFix =
    kind === "alt_text"
      ? { altText: answer.altText ?? "" }
      : { metaTitle: answer.metaTitle ?? "", metaDescription: answer.metaDescription ?? "" };
  return JSON.stringify(approved);
}

export function modelNameOf(model: string): string {
  return resolveModel(model)?.displayName ?? model;
}
