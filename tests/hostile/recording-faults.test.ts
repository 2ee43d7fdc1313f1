import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, test, vi } from "vitest";
import prisma from "~/db.server";
import {
  getUsageRecorder,
  pendingCallFrom,
  retrySetAside,
  summarizeSetAside,
  trackAPIUsage,
  UsageRecorder,
} from "~/lib/usage/index.server";
import { getUsageTotals } from "~/lib/analytics/index.server";
import { tmpDir } from "../support/paths";
import { callParams, createShop } from "../support/usage-fixtures";
import { allowWrites, refuseWrites } from "../support/database-faults";

/**
 * Faults on the recording path: a record the database refuses, a journal folder that cannot be written. Neither may
 * stop other shops' recording, lose a record, or pass silently.
 */
const SHOP = "recording-faults.myshopify.com";
const OTHER = "recording-other.myshopify.com";
const at = new Date(Date.now() - 3_600_000);
const DAY = { from: at.toISOString().slice(0, 10), to: at.toISOString().slice(0, 10) };

/** The database refuses any call whose id starts with "poison" (as it would a value it cannot store). */
async function refusePoison() {
  await refuseWrites({
    name: "refuse_poison",
    table: "APIUsageLog",
    event: "INSERT",
    when: `NEW."id" LIKE 'poison%'`,
    message: "this record cannot be stored",
  });
}

afterEach(async () => {
  vi.restoreAllMocks();
  await allowWrites("refuse_poison", "APIUsageLog");
  await prisma.usageSetAside.deleteMany();
});

describe("a record the database refuses is set aside and never blocks the others", () => {
  test("in a batch of fifty, the one refused call is set aside and the other forty-nine are written", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    await createShop(SHOP);
    await createShop(OTHER);
    await refusePoison();
    const tracked = [];
    for (let i = 0; i < 50; i++) {
      const shop = i % 2 === 0 ? SHOP : OTHER;
      tracked.push(trackAPIUsage(callParams(shop, { id: i === 25 ? "poison-1" : `batch-${i}`, timestamp: at })));
    }
    await Promise.all(tracked);
    await getUsageRecorder().drain();

    expect(await prisma.aPIUsageLog.count({ where: { id: { startsWith: "batch-" } } })).toBe(49);
    expect((await getUsageTotals({ shop: SHOP }, DAY)).calls + (await getUsageTotals({ shop: OTHER }, DAY)).calls).toBe(
      49,
    );
    const summary = await summarizeSetAside(prisma);
    expect(summary.calls).toBe(1);
    expect(summary.recent[0]).toMatchObject({ callId: "poison-1", shop: OTHER, attempts: 1 });
    // Recording goes on for everyone.
    await trackAPIUsage(callParams(OTHER, { id: "after-poison", timestamp: at }));
    await getUsageRecorder().drain();
    expect(await prisma.aPIUsageLog.count({ where: { id: "after-poison" } })).toBe(1);
  });

  test("after a restart the refused call is set aside again, not retried forever; once fixed, a retry writes it once", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(console, "info").mockImplementation(() => {});
    await createShop(SHOP);
    await refusePoison();
    // A journal left by a process that died: one refused call and one good one.
    const journalDir = mkdtempSync(path.join(tmpDir, "poison-"));
    const lines = [
      pendingCallFrom(callParams(SHOP, { id: "poison-2", timestamp: at })),
      pendingCallFrom(callParams(SHOP, { id: "good-after-restart", timestamp: at })),
    ].map((call) => JSON.stringify(call));
    writeFileSync(path.join(journalDir, "usage-999998-1-abcdef12.jsonl"), `${lines.join("\n")}\n`);
    for (const attempt of [1, 2]) {
      const recorder = new UsageRecorder({ db: prisma, journalDir });
      recorder.start();
      await recorder.drain();
      recorder.stop();
      expect((await prisma.usageSetAside.findUniqueOrThrow({ where: { callId: "poison-2" } })).attempts).toBe(attempt);
      // Left again in a journal for the next process, as a crash would leave it.
      writeFileSync(path.join(journalDir, "usage-999998-2-abcdef12.jsonl"), `${lines[0]}\n`);
    }
    expect(await prisma.aPIUsageLog.count({ where: { id: "good-after-restart" } })).toBe(1);

    await allowWrites("refuse_poison", "APIUsageLog");
    expect(await retrySetAside(prisma)).toMatchObject({ written: 1, stillRefused: 0 });
    expect(await retrySetAside(prisma)).toMatchObject({ tried: 0 });
    expect(await prisma.aPIUsageLog.count({ where: { id: "poison-2" } })).toBe(1);
    expect(await prisma.usageSetAside.count()).toBe(0);
  });
});

describe("the journal folder must be usable", () => {
  test("recording refuses to start, with a clear message, when the journal folder cannot be written", () => {
    const file = path.join(mkdtempSync(path.join(tmpDir, "not-a-folder-")), "plain-file");
    writeFileSync(file, "");
    const recorder = new UsageRecorder({ db: prisma, journalDir: path.join(file, "journal") });
    expect(() => recorder.start()).toThrow(/USAGE_JOURNAL_DIR/);
  });

  test("a journal that fails while running keeps the call in memory, writes it, and says so", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await createShop(SHOP);
    const journalDir = mkdtempSync(path.join(tmpDir, "vanishing-"));
    const recorder = new UsageRecorder({ db: prisma, journalDir });
    recorder.start();
    // The folder disappears under the process and a file takes its name.
    rmSync(journalDir, { recursive: true, force: true });
    writeFileSync(journalDir, "");
    recorder.record(pendingCallFrom(callParams(SHOP, { id: "unjournaled", timestamp: at })));
    await recorder.drain();
    recorder.stop();
    expect(recorder.unjournaledCount).toBe(1);
    expect(await prisma.aPIUsageLog.count({ where: { id: "unjournaled" } })).toBe(1);
    expect(errors.mock.calls.some(([message]) => String(message).includes("journal cannot be written"))).toBe(true);
  });
});
