import type { PrismaClient } from "@prisma/client";
import { backoffDelay } from "~/lib/retry";
import { UsageJournal } from "./usage-journal.server";
import type { PendingCall } from "./pending-call";
import { writeUsageBatch } from "./usage-writer.server";

export interface UsageRecorderOptions {
  db: PrismaClient;
  journalDir: string;
  batchSize?: number;
  firstRetryMs?: number;
  maxRetryMs?: number;
}

/**
 * Takes tracked calls off the hot path: `record` journals the call to disk and queues it (microseconds);
 * a background flush writes queued calls in batches. When the database cannot take them, the calls stay
 * queued and journaled, the outage is logged once, and the flush retries with backoff until it succeeds.
 * The SEO call that produced a record is never failed or slowed by any of this.
 */
export class UsageRecorder {
  private readonly journal: UsageJournal;
  private readonly queue: PendingCall[] = [];
  private flushing = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private started = false;
  private idleWaiters: Array<() => void> = [];
  private readonly batchSize: number;
  private readonly firstRetryMs: number;
  private readonly maxRetryMs: number;

  constructor(private readonly options: UsageRecorderOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.firstRetryMs = options.firstRetryMs ?? 100;
    this.maxRetryMs = options.maxRetryMs ?? 5_000;
    this.journal = new UsageJournal(options.journalDir);
  }

  /**
   * Starts writing (background work, started by app/background.server.ts): takes over the records that dead
   * processes left in the journal folder, then writes queued calls as they come. Until then calls are journaled
   * and queued only.
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    const recovered = this.journal.recoverOrphans();
    if (recovered.length > 0) {
      console.info(`usage tracker: writing ${recovered.length} call record(s) kept from an earlier run`);
      this.queue.push(...recovered);
    }
    this.scheduleFlush();
  }

  /** Durably accepts a call: on disk before this returns, in the database shortly after. */
  record(call: PendingCall): void {
    this.journal.append(call);
    this.queue.push(call);
    this.scheduleFlush();
  }

  /** Calls accepted but not yet in the database. */
  get pendingCount(): number {
    return this.queue.length;
  }

  /** Resolves once every call accepted so far is in the database (waits through an outage). */
  drain(): Promise<void> {
    if (this.queue.length === 0 && !this.flushing) return Promise.resolve();
    if (!this.started) return Promise.reject(new Error("usage recorder is not started: nothing would write its calls"));
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops writing and retrying; unwritten calls stay in the journal for the next process. */
  stop(): void {
    this.started = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private scheduleFlush(): void {
    if (!this.started || this.flushing || this.retryTimer) return;
    this.flushing = true;
    // setImmediate lets calls recorded in the same tick share one transaction.
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0 && this.started) {
      const batch = this.queue.slice(0, this.batchSize);
      try {
        await writeUsageBatch(this.options.db, batch);
      } catch (error) {
        this.onWriteFailure(error, batch.length);
        return;
      }
      this.queue.splice(0, batch.length);
      if (this.failures > 0) {
        console.info(`usage tracker: database is back; writing ${this.queue.length + batch.length} kept record(s)`);
        this.failures = 0;
      }
    }
    this.flushing = false;
    if (this.queue.length === 0) {
      this.journal.clear();
      const waiters = this.idleWaiters.splice(0);
      for (const resolve of waiters) resolve();
    }
  }

  private onWriteFailure(error: unknown, batchLength: number): void {
    if (this.failures === 0) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(
        `usage tracker: could not write ${batchLength} call record(s) (${message.split("\n")[0]}); ` +
          `they are kept on disk and in memory and will be written when the database is back`,
      );
    }
    this.failures += 1;
    this.flushing = false;
    if (!this.started) return;
    const delay = backoffDelay(this.failures, { firstMs: this.firstRetryMs, maxMs: this.maxRetryMs });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.scheduleFlush();
    }, delay);
    this.retryTimer.unref();
  }
}
