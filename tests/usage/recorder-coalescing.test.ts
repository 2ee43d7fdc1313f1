import { afterEach, describe, expect, test, vi } from "vitest";
import { mkdtempSync } from "node:fs";
import path from "node:path";
import prisma from "~/db.server";
import { pendingCallFrom, UsageRecorder, type BatchStore, type PendingCall } from "~/lib/usage/index.server";
import { tmpDir } from "../support/paths";
import { callParams } from "../support/usage-fixtures";

/**
 * The recorder writes calls in the background, gathering those that come within its delay into one batch. Calls that
 * come while a batch is being written wait for the delay too: written at once, each write would carry the few calls
 * of the one before, and under steady traffic the writer would never rest.
 */
const SHOP = "coalescing-shop.myshopify.com";
const call = (id: string) => pendingCallFrom(callParams(SHOP, { id }));

/** A store whose writes end only when the test says so, and which remembers each batch's call ids. */
function heldStore() {
  const batches: string[][] = [];
  const pending: Array<() => void> = [];
  const store: BatchStore = {
    store(batch: readonly PendingCall[]) {
      batches.push(batch.map((entry) => entry.id));
      return new Promise((resolve) => pending.push(() => resolve({ stored: true })));
    },
    close: async () => {},
  };
  return { store, batches, finishWrite: () => pending.shift()!() };
}

/** A recorder that gathers calls for 100 ms (on the test's clock) and writes them to a held store. */
function startedRecorder() {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  const { store, batches, finishWrite } = heldStore();
  const recorder = new UsageRecorder({
    db: prisma,
    journalDir: mkdtempSync(path.join(tmpDir, "coalescing-")),
    flushDelayMs: 100,
    store,
  });
  recorder.start();
  return { recorder, batches, finishWrite };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the usage recorder's batches", () => {
  test("calls that come while a batch is written go together after the delay, not one write after another", async () => {
    const { recorder, batches, finishWrite } = startedRecorder();
    recorder.record(call("a"));
    vi.advanceTimersByTime(99);
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(1);
    await settle();
    expect(batches).toEqual([["a"]]);

    // While "a" is being written, two more calls come.
    recorder.record(call("b"));
    recorder.record(call("c"));
    finishWrite();
    await settle();
    expect(batches).toEqual([["a"]]);
    expect(recorder.pendingCount).toBe(2);

    vi.advanceTimersByTime(99);
    await settle();
    expect(batches).toEqual([["a"]]);
    vi.advanceTimersByTime(1);
    await settle();
    expect(batches).toEqual([["a"], ["b", "c"]]);
    finishWrite();
    await settle();
    expect(recorder.pendingCount).toBe(0);
    await recorder.stop();
  });

  test("a drain does not wait for the delay", async () => {
    const { recorder, batches, finishWrite } = startedRecorder();
    recorder.record(call("a"));
    vi.advanceTimersByTime(100);
    await settle();
    recorder.record(call("b"));
    finishWrite();
    await settle();
    expect(batches).toEqual([["a"]]);

    // Someone waits for every call to be stored: "b" goes now, not after the delay.
    const drained = recorder.drain();
    await vi.waitUntil(() => batches.length === 2, { interval: 1, timeout: 1_000 });
    expect(batches).toEqual([["a"], ["b"]]);
    finishWrite();
    await drained;
    expect(recorder.pendingCount).toBe(0);
    await recorder.stop();
  });
});
