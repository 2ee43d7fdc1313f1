import prisma from "./db.server";
import { env } from "./env.server";
import {
  getAnthropicClient,
  getUsageRecorder,
  startBatchPolling,
  startRetentionSchedule,
} from "~/lib/usage/index.server";
import { startSeoJobRunner } from "~/lib/seo/index.server";
import { pruneWebhookDeliveries } from "~/lib/shop/index.server";
import { pruneExpiredReservations, startBudgetAlertDelivery } from "~/lib/budget/index.server";

/**
 * The process's background work, started once by the server entry (app/entry.server.tsx) and stopped on shutdown:
 * - the usage writer: records kept by dead processes are taken over, and calls are written (with retries through a
 *   database outage) as they are tracked;
 * - the SEO job runner: interrupted runs resume and abandoned ones are swept up;
 * - retention: raw call records older than USAGE_RETENTION_DAYS are pruned daily, and webhook ids older than 30 days;
 * - message batches: every minute, the results of tracked batches that ended are recorded (once, at batch prices);
 * - budget alerts: 80/90/100 % warnings are emailed and posted to the shop's webhook (each delivery leased, so sent
 *   once however many processes run this).
 * Nothing here starts as a side effect of importing a module or of handling a request.
 */
export interface BackgroundWorkOptions {
  usageWriter?: boolean;
  seoJobs?: boolean;
  /** How often the SEO runner looks for runs nobody works on (a worker looks often: web processes hand runs to it). */
  seoSweepMs?: number;
  retention?: boolean;
  batches?: boolean;
  budgetAlerts?: boolean;
}

let stopRunning: (() => Promise<void>) | null = null;

/** Which process role runs what: a web process writes only the calls it tracked itself (its journal is its own). */
export function backgroundWorkFor(role: "all" | "web" | "worker"): BackgroundWorkOptions {
  if (role === "web") return { seoJobs: false, retention: false, batches: false, budgetAlerts: false };
  if (role === "worker") return { seoSweepMs: 2_000 };
  return {};
}

export function startBackgroundWork(options: BackgroundWorkOptions = {}): void {
  if (stopRunning) return;
  const { usageWriter = true, seoJobs = true, retention = true, batches = true, budgetAlerts = true } = options;
  const stops: Array<() => void | Promise<void>> = [];
  if (usageWriter) {
    const recorder = getUsageRecorder();
    recorder.start();
    stops.push(() => recorder.stop());
  }
  if (seoJobs) stops.push(startSeoJobRunner(options.seoSweepMs));
  if (retention) {
    stops.push(startRetentionSchedule(prisma, env.usageRetentionDays));
    const webhookIds = setInterval(() => {
      pruneWebhookDeliveries().catch((error: unknown) => console.error("webhook ids: the daily prune failed", error));
      pruneExpiredReservations().catch((error: unknown) =>
        console.error("budget reservations: the daily prune of expired ones failed", error),
      );
    }, 86_400_000);
    webhookIds.unref();
    stops.push(() => clearInterval(webhookIds));
  }
  if (batches) stops.push(startBatchPolling({ db: prisma, recorder: getUsageRecorder(), client: getAnthropicClient }));
  if (budgetAlerts) stops.push(startBudgetAlertDelivery());
  stopRunning = async () => {
    // The SEO runner first: its calls in flight still record usage while the writer runs.
    for (const stop of stops.reverse()) await stop();
  };
}

let stopping: Promise<void> | null = null;

/**
 * Stops taking new work, waits for SEO calls in flight, releases job leases; unwritten usage stays journaled. Callers
 * during a stop (SIGTERM's handler and the worker's, say) all wait for the same one.
 */
export function stopBackgroundWork(): Promise<void> {
  if (!stopping) {
    const stop = stopRunning;
    stopRunning = null;
    stopping = (async () => {
      await stop?.();
    })().finally(() => {
      stopping = null;
    });
  }
  return stopping;
}
