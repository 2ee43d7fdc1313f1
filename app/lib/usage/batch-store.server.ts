import type { PrismaClient } from "@prisma/client";
import type { PendingCall } from "./pending-call";
import { setAside } from "./set-aside.server";
import { writeUsageBatch } from "./usage-writer.server";

/**
 * Where the recorder hands a batch of calls: written here, in this thread (a recorder made without a store, as some
 * tests make it), or by the writer thread (the app's recorder on either database: decision 0020). Either way the same
 * `storeBatch` decides what happened to it.
 */
export type StoreResult =
  /** Every call is in the database now, or set aside (refused by a database that takes the others). */
  | { stored: true }
  /** The database takes no writes now: nothing was written, the recorder keeps the batch and retries. */
  | { stored: false; reason: string };

export interface BatchStore {
  /** Rejects only when the batch's fate is unknown (the writer thread died): the recorder keeps it and retries. */
  store(batch: readonly PendingCall[]): Promise<StoreResult>;
  /** Ends what the store runs (the writer thread); a later `store` starts it again. */
  close(): Promise<void>;
}

export function storeInThisThread(db: PrismaClient, journalDir: string): BatchStore {
  return { store: (batch) => storeBatch(db, batch, journalDir), close: async () => {} };
}

/**
 * Writes the batch in one transaction. When that fails and the database takes no writes at all, reports an outage;
 * when it takes writes but refuses this batch, halves the batch until the calls it refuses are found, sets those
 * aside and writes the others, so one bad record never stops recording.
 */
export async function storeBatch(
  db: PrismaClient,
  batch: readonly PendingCall[],
  journalDir: string,
): Promise<StoreResult> {
  try {
    await writeUsageBatch(db, batch);
    return { stored: true };
  } catch (error) {
    // Waiting for another connection's lock timed out: that is an outage, no need to ask again.
    if (isLockTimeout(error) || !(await databaseAcceptsWrites(db))) return { stored: false, reason: messageOf(error) };
  }
  return writeRefusedBatch(db, batch, journalDir);
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}

/** SQLITE_BUSY after the busy timeout (Prisma reports it as P1008, "Operation has timed out"), or PostgreSQL's. */
function isLockTimeout(error: unknown): boolean {
  if ((error as { code?: unknown } | null)?.code === "P1008") return true;
  return /SQLITE_BUSY|database is locked|lock timeout|Operation has timed out/i.test(
    error instanceof Error ? error.message : String(error),
  );
}

/**
 * Whether the database takes a write now: a throwaway row inserted and rolled back. A read is not enough: during a
 * lock held by another process reads still answer while every write waits and fails, which is an outage.
 */
async function databaseAcceptsWrites(db: PrismaClient): Promise<boolean> {
  const rollback = new Error("probe: roll back");
  try {
    await db.$transaction(async (tx) => {
      await tx.usageSetAside.create({
        data: {
          callId: `probe-${process.pid}`,
          shop: "",
          payload: "",
          error: "",
          firstFailedAt: new Date(),
          lastFailedAt: new Date(),
        },
      });
      throw rollback;
    });
    return true;
  } catch (error) {
    return error === rollback;
  }
}

/**
 * Halves the batch until each part is written or is one call the database refuses, which is set aside. A lock that
 * times out meanwhile is an outage, not a refusal: the whole batch is kept (the parts written are skipped next time).
 */
async function writeRefusedBatch(
  db: PrismaClient,
  batch: readonly PendingCall[],
  journalDir: string,
): Promise<StoreResult> {
  const parts: Array<readonly PendingCall[]> = [batch];
  // At most 2n - 1 parts for n calls: the bisection ends.
  for (let part = parts.pop(); part; part = parts.pop()) {
    try {
      await writeUsageBatch(db, part);
    } catch (error) {
      if (isLockTimeout(error)) return { stored: false, reason: messageOf(error) };
      if (part.length === 1) {
        await setAside(db, part[0]!, error, journalDir);
        continue;
      }
      const middle = Math.ceil(part.length / 2);
      parts.push(part.slice(middle), part.slice(0, middle));
    }
  }
  return { stored: true };
}
