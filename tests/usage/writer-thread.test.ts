import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import prisma from "~/db.server";
import { pendingCallFrom, UsageRecorder, writeUsageBatch, WriterThreadStore } from "~/lib/usage/index.server";
import { getUsageTotals } from "~/lib/analytics/index.server";
import { tmpDir } from "../support/paths";
import { callParams, createShop } from "../support/usage-fixtures";

/**
 * The usage writer's own thread (decision 0020; the recorder uses it on either database): what
 * it writes is stored once, drain waits for it, and a thread that dies holding a batch loses nothing and doubles
 * nothing.
 */
const SHOP = "writer-thread-shop.myshopify.com";
const DAY = { from: "2026-11-28", to: "2026-11-28" };
const at = new Date("2026-11-28T10:00:00Z");
// Each Sonnet 4.5 call: 1,000 input ($0.003) + 500 output ($0.0075) = 10,500,000,000 pico-dollars.
const CALL_PICOS = 10_500_000_000n;

const running: UsageRecorder[] = [];

function recorderWithThread(options: { batchSize?: number } = {}) {
  const journalDir = mkdtempSync(path.join(tmpDir, "writer-thread-"));
  const store = new WriterThreadStore({ journalDir });
  // Retries come quickly: a killed thread is replaced by the next try.
  const recorder = new UsageRecorder({ db: prisma, journalDir, store, firstRetryMs: 10, maxRetryMs: 50, ...options });
  running.push(recorder);
  recorder.start();
  return { recorder, store, journalDir };
}

function journalLines(dir: string): number {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".jsonl"))
    .reduce((lines, name) => lines + readFileSync(path.join(dir, name), "utf8").split("\n").filter(Boolean).length, 0);
}

const call = (id: string) => pendingCallFrom(callParams(SHOP, { id, requestId: `req_${id}`, timestamp: at }));

/** Every one of `count` calls is stored once, in the raw rows and the rollups, and the journal holds none of them. */
async function expectStoredOnce(count: number, journalDir: string) {
  expect(await prisma.aPIUsageLog.count({ where: { shop: SHOP } })).toBe(count);
  const totals = await getUsageTotals({ shop: SHOP }, DAY);
  expect(totals.calls).toBe(count);
  expect(totals.costPicos).toBe(BigInt(count) * CALL_PICOS);
  expect(journalLines(journalDir)).toBe(0);
}

beforeEach(async () => {
  await prisma.aPIUsageLog.deleteMany({ where: { shop: SHOP } });
  await prisma.usageRollupDaily.deleteMany({ where: { shop: SHOP } });
  await prisma.usageDailyTotal.deleteMany({ where: { shop: SHOP } });
  await createShop(SHOP, "UTC");
});

afterEach(async () => {
  vi.restoreAllMocks();
  for (const recorder of running.splice(0)) await recorder.stop();
});

describe("the usage writer thread", () => {
  test("drain waits until the thread has stored every call, each once, with its rollups", async () => {
    const { recorder, store, journalDir } = recorderWithThread();
    for (let i = 0; i < 300; i++) {
      recorder.record(call(`thread-${i}`));
      // A caller that retries: the same id twice counts once.
      if (i % 10 === 0) recorder.record(call(`thread-${i}`));
    }
    await recorder.drain();

    expect(store.worker).not.toBeNull();
    await expectStoredOnce(300, journalDir);
  });

  test("a thread killed while it holds a batch, again and again, loses nothing and counts nothing twice", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(console, "info").mockImplementation(() => {});
    const calls = Array.from({ length: 400 }, (_, i) => call(`killed-${i}`));
    // Some were committed by a thread that died before it could say so: they must not be counted again.
    await writeUsageBatch(prisma, calls.slice(0, 20));
    const { recorder, store, journalDir } = recorderWithThread({ batchSize: 50 });
    for (const pending of calls) recorder.record(pending);
    const drained = recorder.drain();

    for (let kill = 0; kill < 3; kill++) {
      // A thread exists only once a batch was handed to it; it is killed wherever it is in writing that batch.
      await expect.poll(() => store.worker, { timeout: 20_000 }).not.toBeNull();
      await store.worker!.terminate();
    }
    await drained;

    // The first kill took a batch down with it: the recorder kept it and a new thread wrote it.
    expect(recorder.failedWrites).toBeGreaterThanOrEqual(1);
    await expectStoredOnce(400, journalDir);
  });

  test("stopping the recorder ends its thread; started again, it writes with a new one", async () => {
    const { recorder, store } = recorderWithThread();
    recorder.record(call("before-stop"));
    await recorder.drain();
    const first = store.worker!;
    const exited = new Promise<number>((resolve) => first.once("exit", resolve));

    await recorder.stop();
    expect(store.worker).toBeNull();
    await exited;

    recorder.start();
    recorder.record(call("after-restart"));
    await recorder.drain();
    expect(store.worker).not.toBe(first);
    expect(await prisma.aPIUsageLog.count({ where: { shop: SHOP } })).toBe(2);
  });
});
