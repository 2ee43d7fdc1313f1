import type { PrismaClient } from "@prisma/client";
import { backoffDelay } from "~/lib/retry";
import { UsageJournal } from "./usage-journal.server";
import type { PendingCall } from "./pending-call";
import { priceOf } from "./usage-writer.server";
import { storeInThisThread, type BatchStore, type StoreResult } from "./batch-store.server";

export interface UsageRecorderOptions {
  db: PrismaClient;
  journalDir: string;
  /** Where batches are written (default: in this thread, through `db`). */
  store?: BatchStore;
  batchSize?: number;
  firstRetryMs?: number;
  /**
   * How long a lone call waits for others to share its transaction (default 100 ms). Each transaction costs a fixed
   * few statements: at 100 calls a second one per call would spend the web process's thread on commits.
   */
  flushDelayMs?: number;
  maxRetryMs?: number;
}

/**
 * Takes tracked calls off the hot path: `record` journals the call to disk and queues it (microseconds);
 * a background flush writes queued calls in batches. When the database cannot take them, the calls stay
 * queued and journaled, the outage is logged once, and the flush retries with backoff until it succeeds.
 * When the database is up but refuses a batch, the batch is split until the calls it refuses are found; those are
 * set aside (kept, counted, retriable) and the rest are written, so one bad record never stops recording.
 * The SEO call that produced a record is never failed or slowed by any of this.
 */
export class UsageRecorder {
  private readonly journal: UsageJournal;
  private readonly queue: PendingCall[] = [];
  private flushing = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private started = false;
  private journalFailures = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly batchSize: number;
  private readonly firstRetryMs: number;
  private readonly maxRetryMs: number;
  private readonly flushDelayMs: number;
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly store: BatchStore;
  private refusedWrites = 0;

  constructor(private readonly options: UsageRecorderOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.firstRetryMs = options.firstRetryMs ?? 100;
    this.maxRetryMs = options.maxRetryMs ?? 5_000;
    this.flushDelayMs = options.flushDelayMs ?? 100;
    this.journal = new UsageJournal(options.journalDir);
    this.store = options.store ?? storeInThisThread(options.db, options.journalDir);
  }

  /**
   * Starts writing (background work, started by app/background.server.ts): takes over the records that dead
   * processes left in the journal folder, then writes queued calls as they come. Until then calls are journaled
   * and queued only.
   */
  start(): void {
    if (this.started) return;
    // Refuse to run without a usable journal: calls would be acknowledged and then lost on the first restart.
    this.journal.assertWritable();
    this.started = true;
    const recovered = this.journal.recoverOrphans();
    if (recovered.length > 0) {
      console.info(`usage tracker: writing ${recovered.length} call record(s) kept from an earlier run`);
      this.queue.push(...recovered);
    }
    this.scheduleFlush();
  }

  /**
   * Durably accepts a call: on disk before this returns, in the database shortly after. If the journal cannot be
   * written now (a full disk), the call is still queued for the database and the loss of durability is logged.
   */
  record(call: PendingCall): void {
    try {
      this.journal.append(call);
    } catch (error) {
      this.journalFailures += 1;
      if (this.journalFailures === 1 || this.journalFailures % 1_000 === 0) {
        console.error(
          `usage tracker: the journal cannot be written (${(error as Error).message}); ` +
            `${this.journalFailures} call(s) held in memory only until the database has them`,
        );
      }
    }
    this.queue.push(call);
    this.scheduleFlush();
  }

  /** Calls that could not be journaled since start (kept in memory only). */
  get unjournaledCount(): number {
    return this.journalFailures;
  }

  /**
   * What the shop's calls accepted but not yet in the database cost, at catalog prices (for the budget cap), leaving
   * out the calls in `reserved` (their budget reservation counts them).
   */
  unwrittenSpendPicos(shop: string, reserved: ReadonlySet<string> = new Set()): bigint {
    let picos = 0n;
    for (const call of this.queue) {
      if (call.shop === shop && !reserved.has(call.id)) picos += priceOf(call, []).cost?.totalPicos ?? 0n;
    }
    return picos;
  }

  /** Batches the database could not take since this recorder was made (each is kept and retried). */
  get failedWrites(): number {
    return this.refusedWrites;
  }

  /** Calls accepted but not yet in the database. */
  get pendingCount(): number {
    return this.queue.length;
  }

  /** Resolves once every call accepted so far is in the database (waits through an outage). */
  drain(): Promise<void> {
    if (this.queue.length === 0 && !this.flushing) return Promise.resolve();
    if (!this.started) return Promise.reject(new Error("usage recorder is not started: nothing would write its calls"));
    const waiting = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    // Someone waits: write now rather than after the coalescing delay.
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
      setImmediate(() => void this.flush());
    }
    return waiting;
  }

  /**
   * Stops writing and retrying, and ends the writer thread (after the batch it is writing); unwritten calls stay in
   * the journal for the next process.
   */
  stop(): Promise<void> {
    this.started = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.flushTimer) {
      // A flush was only scheduled, not running: nothing is in flight.
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
      this.flushing = false;
    }
    this.journal.close();
    return this.store.close();
  }

  private scheduleFlush(): void {
    if (!this.started || this.flushing || this.retryTimer) return;
    this.flushing = true;
    // Calls recorded within the delay share one transaction; a full batch (or a waiting drain) goes at once.
    if (this.queue.length >= this.batchSize || this.idleWaiters.length > 0 || this.flushDelayMs === 0) {
      setImmediate(() => void this.flush());
      return;
    }
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.flush();
    }, this.flushDelayMs);
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0 && this.started) {
      const batch = this.queue.slice(0, this.batchSize);
      let result: StoreResult;
      try {
        result = await this.store.store(batch);
      } catch (error) {
        result = { stored: false, reason: error instanceof Error ? error.message : String(error) };
      }
      if (!result.stored) {
        this.onWriteFailure(result.reason, batch.length);
        return;
      }
      this.queue.splice(0, batch.length);
      if (this.failures > 0) {
        console.info(`usage tracker: database is back; writing ${this.queue.length + batch.length} kept record(s)`);
        this.failures = 0;
      }
      // Calls that came during the write gather for the delay too (unless a full batch or a drain waits): written at
      // once, each write would carry the few calls of the one before, and under steady traffic the writer would take
      // a whole core that the web process needs.
      if (
        this.queue.length > 0 &&
        this.queue.length < this.batchSize &&
        this.idleWaiters.length === 0 &&
        this.started
      ) {
        if (this.flushDelayMs > 0) {
          this.flushTimer = setTimeout(() => {
            this.flushTimer = null;
            void this.flush();
          }, this.flushDelayMs);
          return;
        }
      }
    }
    this.flushing = false;
    if (this.queue.length === 0) {
      this.journal.clear();
      const waiters = this.idleWaiters.splice(0);
      for (const resolve of waiters) resolve();
    }
  }

  private onWriteFailure(reason: string, batchLength: number): void {
    this.refusedWrites += 1;
    if (this.failures === 0) {
      console.error(
        `usage tracker: could not write ${batchLength} call record(s) (${reason.split("\n")[0]}); ` +
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
