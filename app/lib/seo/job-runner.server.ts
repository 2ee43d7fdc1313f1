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
 * The job runner: works through `running` SEO jobs, a few items at a time, and survives restarts because all of its
 * state is in the database. Any number of runners (one per worker process, docs/decisions/0018) share a run.
 *
 * - Runners share a job item by item: a runner claims an item (owner + expiry, renewed by a heartbeat while it
 *   works) with a conditional update, so each item is worked on by one runner at a time, however many run. A runner
 *   that dies stops renewing; once an item's claim runs out, any runner (on its periodic sweep) claims it again.
 * - Items move pending → running → done/failed. Done and failed items are never redone. An item a dead runner left
 *   `running` was interrupted mid-call and is done again (at most `concurrency` calls per runner that dies).
 * - Before each batch the runner reads the job, and after claiming it reads it again, so pause and cancel take
 *   effect before the next Claude call; `cancelSeoJob`/`pauseSeoJob` wait until no item is being worked on by any
 *   live runner, so nothing is recorded after they return.
 * - The monthly hard cap (BudgetExceededError, raised before anything is sent) stops the job with the tracker's
 *   message; the item goes back to pending so a resume after raising the budget picks it up.
 * - Claude calls are recorded under the job's `startedBy`: the staff member who started the run (so "by staff
 *   member" shows who spent what), or "automation" for runs no person started.
 * - Suggestions marked for applying are written to Shopify one at a time per runner, each claimed like an item is
 *   (throttling handled in adminGraphql); with `autoApply` the runner that generated a suggestion writes it at once.
 * - The runner that finds nothing left to do or in progress marks the job completed.
 */

export interface SeoJobRunnerOptions {
  /** The Admin API client for a shop when no request is around (default: the shop's offline session). */
  adminFor?: (shop: string) => Promise<AdminGraphqlClient>;
  anthropic?: () => Anthropic;
  /** Claude calls in flight per job (default 2). */
  concurrency?: number;
  /** How long a claim on an item holds without a heartbeat (default 60 s). */
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

  /** Starts every running job with work no live runner holds (after a restart, or when another process died). */
  async resumeInterruptedJobs(): Promise<string[]> {
    if (this.#stopping) return [];
    const jobs = await prisma.seoJob.findMany({
      where: {
        status: "running",
        OR: [{ items: { some: claimableWork(new Date()) } }, { items: { none: unfinished } }],
      },
      select: { id: true },
      orderBy: { createdAt: "asc" },
      take: SWEEP_JOBS,
    });
    const started = jobs.filter((job) => !this.#loops.has(job.id));
    for (const job of started) void this.start(job.id);
    return started.map((job) => job.id);
  }

  /** Looks for work without a live runner every `intervalMs` (a process that died mid-run is taken over by others). */
  startSweeping(intervalMs = 60_000): void {
    if (this.#sweep) return;
    this.#sweep = setInterval(() => {
      this.resumeInterruptedJobs().catch((error: unknown) => console.error("seo job runner: sweep failed", error));
    }, intervalMs);
    this.#sweep.unref();
  }

  /** Stops taking new items, waits for the calls in flight, and leaves nothing claimed, so other runners go on at once. */
  async shutdown(): Promise<void> {
    this.#stopping = true;
    if (this.#sweep) clearInterval(this.#sweep);
    this.#sweep = undefined;
    await Promise.all([...this.#loops.values()]);
  }

  #leaseUntil(): Date {
    return new Date(Date.now() + this.#leaseMs);
  }

  /**
   * Claims up to `concurrency` items to generate, each with its own conditional update (another runner may take any
   * of them first). `found` tells a lost race (try again) from a job with nothing left to claim.
   */
  async #claimBatch(jobId: string): Promise<{ found: number; claimed: SeoJobItem[] }> {
    const now = new Date();
    const candidates = await prisma.seoJobItem.findMany({
      where: { jobId, ...claimableGeneration(now) },
      orderBy: { position: "asc" },
      take: this.#concurrency,
    });
    const claimed: SeoJobItem[] = [];
    for (const item of candidates) {
      const won = await prisma.seoJobItem.updateMany({
        where: { id: item.id, ...claimableGeneration(now) },
        data: {
          status: "running",
          attempts: { increment: 1 },
          leaseOwner: this.ownerId,
          leaseExpiresAt: this.#leaseUntil(),
        },
      });
      if (won.count === 1) claimed.push(item);
    }
    return { found: candidates.length, claimed };
  }

  /** Claims the next suggestion queued for applying, if another runner has not. */
  async #claimApply(jobId: string): Promise<SeoJobItem | "lost" | null> {
    const now = new Date();
    const queued = await prisma.seoJobItem.findFirst({
      where: { jobId, ...claimableApply(now) },
      orderBy: { position: "asc" },
    });
    if (!queued) return null;
    const won = await prisma.seoJobItem.updateMany({
      where: { id: queued.id, ...claimableApply(now) },
      data: { leaseOwner: this.ownerId, leaseExpiresAt: this.#leaseUntil() },
    });
    return won.count === 1 ? queued : "lost";
  }

  /** Gives claimed items back untouched (the job stopped between the claim and the call). */
  async #unclaim(items: SeoJobItem[]): Promise<void> {
    await prisma.seoJobItem.updateMany({
      where: { id: { in: items.map((item) => item.id) }, leaseOwner: this.ownerId, status: "running" },
      data: { status: "pending", attempts: { decrement: 1 }, leaseOwner: null, leaseExpiresAt: null },
    });
  }

  async #renew(jobId: string): Promise<void> {
    await prisma.seoJobItem.updateMany({
      where: { jobId, leaseOwner: this.ownerId },
      data: { leaseExpiresAt: this.#leaseUntil() },
    });
  }

  async #jobIfRunning(jobId: string): Promise<SeoJob | null> {
    const job = await prisma.seoJob.findUnique({ where: { id: jobId } });
    return job?.status === "running" ? job : null;
  }

  async #work(jobId: string): Promise<void> {
    const heartbeat = setInterval(
      () => {
        this.#renew(jobId).catch(() => undefined);
      },
      Math.max(50, Math.floor(this.#leaseMs / 3)),
    );
    heartbeat.unref();
    try {
      while (!this.#stopping) {
        if (!(await this.#jobIfRunning(jobId))) return;
        const batch = await this.#claimBatch(jobId);
        if (batch.claimed.length > 0) {
          // Read again after claiming: a pause or cancel that committed before the claim is seen here, and one after
          // it waits for these items (cancelSeoJob), so no call is sent for a job that is no longer running.
          const job = await this.#jobIfRunning(jobId);
          if (!job) {
            await this.#unclaim(batch.claimed);
            return;
          }
          await this.#generateBatch(job, batch.claimed);
          continue;
        }
        if (batch.found > 0) continue;
        const queued = await this.#claimApply(jobId);
        if (queued === "lost") continue;
        if (queued) {
          const job = await this.#jobIfRunning(jobId);
          if (job) await this.#applyClaimed(job, queued);
          else await this.#release(queued);
          continue;
        }
        // Nothing left to claim. The job is done once no runner is working on any of it either.
        await prisma.seoJob.updateMany({
          where: { id: jobId, status: "running", items: { none: unfinished } },
          data: { status: "completed", finishedAt: new Date() },
        });
        return;
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  async #release(item: SeoJobItem): Promise<void> {
    await prisma.seoJobItem.updateMany({
      where: { id: item.id, leaseOwner: this.ownerId },
      data: { leaseOwner: null, leaseExpiresAt: null },
    });
  }

  /** Runs the claimed items together; stops the job when an item says so. */
  async #generateBatch(job: SeoJob, batch: SeoJobItem[]): Promise<void> {
    const outcomes = await Promise.all(batch.map((item) => this.#generate(job, item)));
    const stop = outcomes.find((outcome) => outcome.kind === "stop");
    if (stop?.kind === "stop") {
      await prisma.seoJob.updateMany({
        where: { id: job.id, status: "running" },
        data: { status: "stopped", stopReason: stop.reason, message: stop.message },
      });
    }
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
      const autoApply = job.autoApply && job.kind !== "audit";
      // Conditional on still holding the item: a runner that stalled past its claim does not overwrite the answer of
      // the runner that took the item over. With autoApply it keeps the claim until the suggestion is written.
      const saved = await prisma.seoJobItem.updateMany({
        where: { id: item.id, leaseOwner: this.ownerId },
        data: {
          status: "done",
          result: JSON.stringify(answer),
          error: null,
          errorKind: null,
          finishedAt: new Date(),
          ...usageData(usage),
          ...(autoApply
            ? { applyStatus: "queued", applied: JSON.stringify(approvedFromAnswer(job.kind, answer)) }
            : { leaseOwner: null, leaseExpiresAt: null }),
        },
      });
      if (autoApply && saved.count === 1) {
        await this.#applyClaimed(job, await prisma.seoJobItem.findUniqueOrThrow({ where: { id: item.id } }));
      }
      return { kind: "continue" };
    } catch (error) {
      return this.#recordFailure(item, error);
    }
  }

  async #recordFailure(item: SeoJobItem, error: unknown): Promise<ItemOutcome> {
    const held = { id: item.id, leaseOwner: this.ownerId };
    const released = { leaseOwner: null, leaseExpiresAt: null };
    if (error instanceof BudgetExceededError || error instanceof ClaudeNotConfiguredError) {
      // Nothing was sent: the item is still to do once the budget (or configuration) allows.
      await prisma.seoJobItem.updateMany({
        where: held,
        data: { status: "pending", attempts: { decrement: 1 }, ...released },
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
    await prisma.seoJobItem.updateMany({
      where: held,
      data: { status: "failed", finishedAt: new Date(), ...failure, ...released },
    });
    return { kind: "continue" };
  }

  /** Writes a suggestion this runner holds the claim on to Shopify, then lets go of the item. */
  async #applyClaimed(job: SeoJob, item: SeoJobItem): Promise<void> {
    try {
      const admin = await this.#adminFor(job.shop);
      await applyFix(admin, item, approvedOf(item), this.#graphqlRetry);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await prisma.seoJobItem.update({
        where: { id: item.id },
        data: { applyStatus: "failed", applyError: storableText(message, MAX_ERROR_TEXT) },
      });
    } finally {
      await this.#release(item);
    }
  }
}

/** Items no runner is working on: not finished, or finished with a suggestion waiting to be written. */
const unfinished = { OR: [{ status: { in: ["pending", "running"] } }, { applyStatus: "queued" }] };

/** Items to generate: pending, or left `running` by a runner whose claim ran out (it died mid-call). */
function claimableGeneration(now: Date) {
  return {
    OR: [{ status: "pending" }, { status: "running", OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }] }],
  };
}

/** Generated items queued for applying that no live runner holds. */
function claimableApply(now: Date) {
  return {
    status: "done",
    applyStatus: "queued",
    OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }],
  };
}

function claimableWork(now: Date) {
  return { OR: [claimableGeneration(now), claimableApply(now)] };
}

function approvedFromAnswer(kind: string, answer: unknown): ApprovedFix {
  const values = answer as Record<string, string>;
  return kind === "alt_text"
    ? { altText: values.altText ?? "" }
    : { metaTitle: values.metaTitle ?? "", metaDescription: values.metaDescription ?? "" };
}

/** Running jobs a sweep looks at, oldest first (bounds one sweep's work however many shops run jobs). */
const SWEEP_JOBS = 500;

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
const SETTLE_POLL_MS = 100;

/**
 * Waits until no runner works on the job: this process's runner first, then any other process's, seen as items
 * under a live claim. Bounded: a runner that died holds its items until their claim runs out, and the merchant
 * should not wait for that.
 */
async function settledWithin(runner: SeoJobRunner, jobId: string): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    runner.settled(jobId),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, SETTLE_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
  while (Date.now() < deadline) {
    const held = await prisma.seoJobItem.count({ where: { jobId, leaseExpiresAt: { gt: new Date() } } });
    if (held === 0) return;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
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
