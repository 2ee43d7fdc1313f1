import { randomUUID } from "node:crypto";
import Anthropic from "@anthropic-ai/sdk";
import type { SeoJob, SeoJobItem } from "@prisma/client";
import prisma from "~/db.server";
import { ClaudeNotConfiguredError, getAnthropicClient } from "~/lib/usage/index.server";
import { BudgetExceededError } from "~/lib/budget/index.server";
import type { AdminGraphqlClient, GraphqlRetryOptions } from "./admin-graphql.server";
import { applyFix, approvedOf } from "./apply.server";
import { runSeoTask, SeoTaskAnswerError, type CallUsage } from "./claude-task.server";
import { cancelJob, pauseJob, type ApprovedFix } from "./jobs.server";
import type { SeoItemInput } from "./tasks";
import { storableText } from "~/lib/text";

/** Error text kept on a run's item (what Claude or Shopify said): cut, never mid-character. */
const MAX_ERROR_TEXT = 2_000;

/**
 * The job runner: works through `running` SEO jobs in the server process, a few items at a time, and survives
 * restarts because all of its state is in the database.
 *
 * - A job is worked on by one runner at a time: the runner holds a lease on it (owner + expiry), renewed by a
 *   heartbeat while it works. A runner that dies stops renewing; once the lease expires, any runner (the next
 *   process, at its start or on its periodic sweep) claims the job and carries on.
 * - Items move pending → running → done/failed. Done and failed items are never redone. Items a dead runner left
 *   `running` were interrupted mid-call and are done again (at most `concurrency` calls per interruption).
 * - Between batches the runner re-reads the job, so pause and cancel take effect before the next Claude call;
 *   `cancelSeoJob`/`pauseSeoJob` also wait for the calls already in flight, so nothing is recorded after they return.
 * - The monthly hard cap (BudgetExceededError, raised before anything is sent) stops the job with the tracker's
 *   message; the item goes back to pending so a resume after raising the budget picks it up.
 * - Claude calls are recorded under the job's `startedBy`: the staff member who started the run (so "by staff
 *   member" shows who spent what), or "automation" for runs no person started.
 * - After generating, suggestions marked for applying are written to Shopify one at a time (throttling handled in
 *   adminGraphql); with `autoApply` each suggestion is written as soon as it is generated.
 */

export interface SeoJobRunnerOptions {
  /** The Admin API client for a shop when no request is around (default: the shop's offline session). */
  adminFor?: (shop: string) => Promise<AdminGraphqlClient>;
  anthropic?: () => Anthropic;
  /** Claude calls in flight per job (default 2). */
  concurrency?: number;
  /** How long a claim on a job holds without a heartbeat (default 60 s). */
  leaseMs?: number;
  ownerId?: string;
  graphqlRetry?: GraphqlRetryOptions;
}

type ItemOutcome = { kind: "continue" } | { kind: "stop"; reason: "budget" | "error"; message: string };

async function defaultAdminFor(shop: string): Promise<AdminGraphqlClient> {
  const { unauthenticated } = await import("~/shopify.server");
  return (await unauthenticated.admin(shop)).admin;
}

function usageData(usage: CallUsage) {
  return {
    requestId: usage.requestId,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheReadTokens: usage.cacheReadTokens,
    cacheWriteTokens: usage.cacheWriteTokens,
  };
}

function claudeErrorMessage(error: unknown): string {
  if (error instanceof Anthropic.APIError) {
    const status = error.status ? ` (HTTP ${error.status})` : "";
    return `Claude could not answer${status}: ${error.apiMessage ?? error.message}`;
  }
  return `Claude could not answer: ${error instanceof Error ? error.message : String(error)}`;
}

export class SeoJobRunner {
  readonly ownerId: string;
  readonly #adminFor: (shop: string) => Promise<AdminGraphqlClient>;
  readonly #anthropic: () => Anthropic;
  readonly #concurrency: number;
  readonly #leaseMs: number;
  readonly #graphqlRetry?: GraphqlRetryOptions;
  readonly #loops = new Map<string, Promise<void>>();
  readonly #again = new Set<string>();
  #stopping = false;
  #sweep: NodeJS.Timeout | undefined;

  constructor(options: SeoJobRunnerOptions = {}) {
    this.ownerId = options.ownerId ?? `runner-${randomUUID()}`;
    this.#adminFor = options.adminFor ?? defaultAdminFor;
    this.#anthropic = options.anthropic ?? getAnthropicClient;
    this.#concurrency = Math.max(1, options.concurrency ?? 2);
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#graphqlRetry = options.graphqlRetry;
  }

  /** Works on the job in the background (no-op while this runner already is). Resolves when it stops working on it. */
  start(jobId: string): Promise<void> {
    const existing = this.#loops.get(jobId);
    if (existing) {
      // The loop may be about to finish; look at the job once more afterwards (e.g. newly queued applies).
      this.#again.add(jobId);
      return existing;
    }
    const loop = this.#work(jobId)
      .catch((error: unknown) => console.error(`seo job runner: job ${jobId} stopped unexpectedly`, error))
      .finally(() => {
        this.#loops.delete(jobId);
        if (this.#again.delete(jobId) && !this.#stopping) void this.start(jobId);
      });
    this.#loops.set(jobId, loop);
    return loop;
  }

  /** Resolves once this runner has no work in flight for the job. */
  async settled(jobId: string): Promise<void> {
    for (let loop = this.#loops.get(jobId); loop; loop = this.#loops.get(jobId)) await loop;
  }

  isWorkingOn(jobId: string): boolean {
    return this.#loops.has(jobId);
  }

  /** Claims and starts every running job nobody holds (after a restart, or when another process died). */
  async resumeInterruptedJobs(): Promise<string[]> {
    if (this.#stopping) return [];
    const jobs = await prisma.seoJob.findMany({
      where: { status: "running", OR: [{ leaseOwner: null }, { leaseExpiresAt: { lt: new Date() } }] },
      select: { id: true },
      orderBy: { createdAt: "asc" },
    });
    const started = jobs.filter((job) => !this.#loops.has(job.id));
    for (const job of started) void this.start(job.id);
    return started.map((job) => job.id);
  }

  /** Looks for abandoned jobs every `intervalMs` (a process that died mid-run is picked up by the others). */
  startSweeping(intervalMs = 60_000): void {
    if (this.#sweep) return;
    this.#sweep = setInterval(() => {
      this.resumeInterruptedJobs().catch((error: unknown) => console.error("seo job runner: sweep failed", error));
    }, intervalMs);
    this.#sweep.unref();
  }

  /** Stops taking new items, waits for the calls in flight and releases the leases so the next process resumes at once. */
  async shutdown(): Promise<void> {
    this.#stopping = true;
    if (this.#sweep) clearInterval(this.#sweep);
    this.#sweep = undefined;
    await Promise.all([...this.#loops.values()]);
  }

  async #claim(jobId: string): Promise<boolean> {
    const now = new Date();
    const claimed = await prisma.seoJob.updateMany({
      where: {
        id: jobId,
        status: "running",
        OR: [{ leaseOwner: null }, { leaseOwner: this.ownerId }, { leaseExpiresAt: { lt: now } }],
      },
      data: { leaseOwner: this.ownerId, leaseExpiresAt: new Date(now.getTime() + this.#leaseMs) },
    });
    if (claimed.count === 0) return false;
    // Only one loop per job runs in this process, so items still `running` were cut off by an earlier owner.
    await prisma.seoJobItem.updateMany({ where: { jobId, status: "running" }, data: { status: "pending" } });
    return true;
  }

  async #renew(jobId: string): Promise<boolean> {
    const renewed = await prisma.seoJob.updateMany({
      where: { id: jobId, leaseOwner: this.ownerId },
      data: { leaseExpiresAt: new Date(Date.now() + this.#leaseMs) },
    });
    return renewed.count > 0;
  }

  async #release(jobId: string): Promise<void> {
    await prisma.seoJob.updateMany({
      where: { id: jobId, leaseOwner: this.ownerId },
      data: { leaseOwner: null, leaseExpiresAt: null },
    });
  }

  async #work(jobId: string): Promise<void> {
    if (this.#stopping || !(await this.#claim(jobId))) return;
    let leaseLost = false;
    const heartbeat = setInterval(
      () => {
        this.#renew(jobId)
          .then((held) => (leaseLost ||= !held))
          .catch(() => undefined);
      },
      Math.max(50, Math.floor(this.#leaseMs / 3)),
    );
    heartbeat.unref();
    try {
      while (!this.#stopping && !leaseLost) {
        const job = await prisma.seoJob.findUnique({ where: { id: jobId } });
        if (!job || job.status !== "running") return;
        if (!(await this.#renew(jobId))) return;
        if (await this.#generateNextBatch(job)) continue;
        const queued = await prisma.seoJobItem.findFirst({
          where: { jobId, applyStatus: "queued" },
          orderBy: { position: "asc" },
        });
        if (queued) {
          await this.#applyQueued(job, queued);
          continue;
        }
        await prisma.seoJob.updateMany({
          where: { id: jobId, status: "running" },
          data: { status: "completed", finishedAt: new Date() },
        });
        return;
      }
    } finally {
      clearInterval(heartbeat);
      await this.#release(jobId);
    }
  }

  /** Runs the next few pending items; false when there were none. Stops the job when an item says so. */
  async #generateNextBatch(job: SeoJob): Promise<boolean> {
    const batch = await prisma.seoJobItem.findMany({
      where: { jobId: job.id, status: "pending" },
      orderBy: { position: "asc" },
      take: this.#concurrency,
    });
    if (batch.length === 0) return false;
    await prisma.seoJobItem.updateMany({
      where: { id: { in: batch.map((item) => item.id) }, status: "pending" },
      data: { status: "running", attempts: { increment: 1 } },
    });
    const outcomes = await Promise.all(batch.map((item) => this.#generate(job, item)));
    const stop = outcomes.find((outcome) => outcome.kind === "stop");
    if (stop?.kind === "stop") {
      await prisma.seoJob.updateMany({
        where: { id: job.id, status: "running" },
        data: { status: "stopped", stopReason: stop.reason, message: stop.message },
      });
    }
    return true;
  }

  async #generate(job: SeoJob, item: SeoJobItem): Promise<ItemOutcome> {
    const input = JSON.parse(item.input) as SeoItemInput;
    try {
      const { answer, usage } = await runSeoTask(input, {
        shop: job.shop,
        userId: job.startedBy,
        model: job.model,
        client: this.#anthropic(),
      });
      await prisma.seoJobItem.update({
        where: { id: item.id },
        data: {
          status: "done",
          result: JSON.stringify(answer),
          error: null,
          errorKind: null,
          finishedAt: new Date(),
          ...usageData(usage),
        },
      });
      if (job.autoApply && job.kind !== "audit") await this.#autoApply(job, item, answer);
      return { kind: "continue" };
    } catch (error) {
      return this.#recordFailure(item, error);
    }
  }

  async #recordFailure(item: SeoJobItem, error: unknown): Promise<ItemOutcome> {
    if (error instanceof BudgetExceededError || error instanceof ClaudeNotConfiguredError) {
      // Nothing was sent: the item is still to do once the budget (or configuration) allows.
      await prisma.seoJobItem.update({
        where: { id: item.id },
        data: { status: "pending", attempts: { decrement: 1 } },
      });
      return {
        kind: "stop",
        reason: error instanceof BudgetExceededError ? "budget" : "error",
        message: error.message,
      };
    }
    const failure =
      error instanceof SeoTaskAnswerError
        ? { errorKind: "parse", error: storableText(error.message, MAX_ERROR_TEXT), ...usageData(error.usage) }
        : { errorKind: "claude", error: storableText(claudeErrorMessage(error), MAX_ERROR_TEXT) };
    if (!(error instanceof SeoTaskAnswerError) && !(error instanceof Anthropic.APIError)) {
      console.error(`seo job runner: item ${item.id} failed`, error);
    }
    await prisma.seoJobItem.update({
      where: { id: item.id },
      data: { status: "failed", finishedAt: new Date(), ...failure },
    });
    return { kind: "continue" };
  }

  async #autoApply(job: SeoJob, item: SeoJobItem, answer: unknown): Promise<void> {
    const values = answer as Record<string, string>;
    const approved: ApprovedFix =
      job.kind === "alt_text"
        ? { altText: values.altText ?? "" }
        : { metaTitle: values.metaTitle ?? "", metaDescription: values.metaDescription ?? "" };
    const queued = await prisma.seoJobItem.update({
      where: { id: item.id },
      data: { applyStatus: "queued", applied: JSON.stringify(approved) },
    });
    await this.#applyQueued(job, queued);
  }

  async #applyQueued(job: SeoJob, item: SeoJobItem): Promise<void> {
    try {
      const admin = await this.#adminFor(job.shop);
      await applyFix(admin, item, approvedOf(item), this.#graphqlRetry);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await prisma.seoJobItem.update({
        where: { id: item.id },
        data: { applyStatus: "failed", applyError: storableText(message, MAX_ERROR_TEXT) },
      });
    }
  }
}

let processRunner: SeoJobRunner | undefined;

/** The server process's runner (actions wake it for the job they started). */
export function getSeoJobRunner(): SeoJobRunner {
  processRunner ??= new SeoJobRunner();
  return processRunner;
}

/**
 * Background work (started by app/background.server.ts, never by a request): resumes jobs a restart or a dead
 * process left behind and keeps sweeping for them. The returned function stops taking work and releases the leases.
 */
export function startSeoJobRunner(sweepMs?: number): () => Promise<void> {
  const runner = getSeoJobRunner();
  runner
    .resumeInterruptedJobs()
    .catch((error: unknown) => console.error("seo job runner: could not resume jobs", error));
  runner.startSweeping(sweepMs);
  return async () => {
    await runner.shutdown();
    if (processRunner === runner) processRunner = undefined;
  };
}

const SETTLE_TIMEOUT_MS = 30_000;

async function settledWithin(runner: SeoJobRunner, jobId: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    runner.settled(jobId),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, SETTLE_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
}

/** Cancels a run and waits for the calls already in flight, so no usage is recorded for it after this returns. */
export async function cancelSeoJob(shop: string, jobId: string, runner: SeoJobRunner = getSeoJobRunner()) {
  const job = await cancelJob(shop, jobId);
  await settledWithin(runner, jobId);
  return job;
}

/** Pauses a run once the calls in flight have finished. */
export async function pauseSeoJob(shop: string, jobId: string, runner: SeoJobRunner = getSeoJobRunner()) {
  const job = await pauseJob(shop, jobId);
  await settledWithin(runner, jobId);
  return job;
}
