import { appendFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@prisma/client";
import { storableText } from "~/lib/text";
import type { PendingCall } from "./pending-call";
import { writeUsageBatch } from "./usage-writer.server";

/**
 * Calls the database refuses one by one (while it takes others) are set aside instead of blocking every shop's
 * recording behind them: kept whole in `UsageSetAside`, counted, listed and retried by the operator command. If even
 * that table cannot take one, it is appended to `set-aside.jsonl` in the journal folder and logged: never dropped.
 */
const MAX_ERROR_TEXT = 1_000;

export async function setAside(db: PrismaClient, call: PendingCall, error: unknown, journalDir: string): Promise<void> {
  const reason = storableText(error instanceof Error ? error.message : String(error), MAX_ERROR_TEXT);
  const now = new Date();
  try {
    await db.usageSetAside.upsert({
      where: { callId: call.id },
      create: {
        callId: call.id,
        shop: call.shop,
        payload: JSON.stringify(call),
        error: reason,
        firstFailedAt: now,
        lastFailedAt: now,
      },
      update: { error: reason, lastFailedAt: now, attempts: { increment: 1 } },
    });
  } catch (storeError) {
    appendFileSync(path.join(journalDir, "set-aside.jsonl"), `${JSON.stringify({ call, error: reason })}\n`);
    console.error(`usage tracker: call ${call.id} kept in ${journalDir}/set-aside.jsonl`, storeError);
  }
  console.error(`usage tracker: call ${call.id} of ${call.shop} set aside, the database refused it: ${reason}`);
}

export interface SetAsideSummary {
  calls: number;
  byShop: Array<{ shop: string; calls: number }>;
  recent: Array<{ callId: string; shop: string; error: string; attempts: number; lastFailedAt: Date }>;
}

export async function summarizeSetAside(db: PrismaClient, limit = 20): Promise<SetAsideSummary> {
  const [calls, byShop, recent] = await Promise.all([
    db.usageSetAside.count(),
    db.usageSetAside.groupBy({ by: ["shop"], _count: { callId: true }, orderBy: { shop: "asc" }, take: 100 }),
    db.usageSetAside.findMany({
      orderBy: { lastFailedAt: "desc" },
      take: limit,
      select: { callId: true, shop: true, error: true, attempts: true, lastFailedAt: true },
    }),
  ]);
  return { calls, byShop: byShop.map((row) => ({ shop: row.shop, calls: row._count.callId })), recent };
}

/**
 * Tries the set-aside calls again (after a fix), a page at a time: each one written is removed from the set-aside
 * table in the same breath; one still refused stays, with its attempts counted.
 */
export async function retrySetAside(db: PrismaClient, options: { limit?: number } = {}) {
  const limit = Math.min(options.limit ?? 1_000, 10_000);
  const rows = await db.usageSetAside.findMany({ orderBy: { firstFailedAt: "asc" }, take: limit });
  let written = 0;
  let stillRefused = 0;
  for (const row of rows) {
    const call = JSON.parse(row.payload) as PendingCall;
    try {
      await writeUsageBatch(db, [call]);
      await db.usageSetAside.delete({ where: { callId: row.callId } });
      written += 1;
    } catch (error) {
      stillRefused += 1;
      await db.usageSetAside.update({
        where: { callId: row.callId },
        data: {
          attempts: { increment: 1 },
          lastFailedAt: new Date(),
          error: storableText(error instanceof Error ? error.message : String(error), MAX_ERROR_TEXT),
        },
      });
    }
  }
  return { tried: rows.length, written, stillRefused };
}
