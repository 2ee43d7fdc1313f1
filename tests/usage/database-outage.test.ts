import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import prisma from "~/db.server";
import { getUsageRecorder, trackAPIUsage, pendingCallFrom, UsageRecorder } from "~/lib/usage/index.server";
import { getUsageTotals } from "~/lib/analytics/index.server";
import { tmpDir } from "../support/paths";
import { callParams, createShop } from "../support/usage-fixtures";
import { startOutage } from "../support/database-faults";

const SHOP = "outage-shop.myshopify.com";
const DAY = { from: "2026-11-27", to: "2026-11-27" };
const at = new Date("2026-11-27T09:00:00Z");
// Each Sonnet 4.5 call below: 1,000 input ($0.003) + 500 output ($0.0075) = 10,500,000,000 pico-dollars.
const CALL_PICOS = 10_500_000_000n;

function journalLines(dir: string): number {
  return readdirSync(dir).reduce(
    (lines, name) => lines + readFileSync(path.join(dir, name), "utf8").split("\n").filter(Boolean).length,
    0,
  );
}

beforeEach(async () => {
  await prisma.aPIUsageLog.deleteMany();
  await prisma.usageRollupDaily.deleteMany();
  await prisma.usageDailyTotal.deleteMany();
  await prisma.latencyHistogramDaily.deleteMany();
  await createShop(SHOP, "UTC");
});

afterEach(() => vi.restoreAllMocks());

describe("nothing lost, nothing twice", () => {
  test("a database outage during 1,000 calls loses nothing and double-counts nothing once it returns", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const outage = await startOutage();

    for (let i = 0; i < 1_000; i++) {
      // Some calls are retried by their caller: the same id twice must count once.
      const params = callParams(SHOP, { id: `outage-${i}`, requestId: `req_outage_${i}`, timestamp: at });
      await trackAPIUsage(params);
      if (i % 10 === 0) await trackAPIUsage(params);
    }
    // The recorder tries to write them, is refused, and tries again (with backoff). On SQLite each try waits out the
    // lock's busy timeout (5 s) first, on its own thread.
    await expect.poll(() => getUsageRecorder().failedWrites, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);

    // Kept in memory and on disk while the database is down; the outage is logged once, not per call or per retry.
    expect(getUsageRecorder().pendingCount).toBe(1_100);
    expect(journalLines(process.env.USAGE_JOURNAL_DIR!)).toBe(1_100);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0]![0])).toMatch(/could not write .* kept on disk/);

    await outage.end();
    await getUsageRecorder().drain();

    expect(await prisma.aPIUsageLog.count({ where: { shop: SHOP } })).toBe(1_000);
    const totals = await getUsageTotals({ shop: SHOP }, DAY);
    expect(totals.calls).toBe(1_000);
    expect(totals.costPicos).toBe(1_000n * CALL_PICOS);
    expect(journalLines(process.env.USAGE_JOURNAL_DIR!)).toBe(0);
  }, 60_000);

  test("records kept through an outage are written after a restart, and ones already written are not counted again", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(console, "info").mockImplementation(() => {});
    const journalDir = mkdtempSync(path.join(tmpDir, "restart-"));

    // A first process writes 10 calls, then the database goes down and it takes 200 more before it stops.
    const first = new UsageRecorder({ db: prisma, journalDir });
    first.start();
    const written = Array.from({ length: 10 }, (_, i) =>
      pendingCallFrom(callParams(SHOP, { id: `written-${i}`, timestamp: at })),
    );
    for (const call of written) first.record(call);
    await first.drain();
    const outage = await startOutage();
    for (let i = 0; i < 200; i++) first.record(pendingCallFrom(callParams(SHOP, { id: `kept-${i}`, timestamp: at })));
    // It tries to write them and is refused before it stops.
    await expect.poll(() => first.failedWrites, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await first.stop();

    // It died mid-cleanup: its journal still lists the 10 calls the database already has.
    const journal = readdirSync(journalDir).map((name) => path.join(journalDir, name))[0]!;
    writeFileSync(
      journal,
      written.map((call) => JSON.stringify(call)).join("\n") + "\n" + readFileSync(journal, "utf8"),
    );
    expect(journalLines(journalDir)).toBe(210);

    await outage.end();
    const second = new UsageRecorder({ db: prisma, journalDir });
    second.start();
    await second.drain();

    expect(await prisma.aPIUsageLog.count({ where: { shop: SHOP } })).toBe(210);
    const totals = await getUsageTotals({ shop: SHOP }, DAY);
    expect(totals.calls).toBe(210);
    expect(totals.costPicos).toBe(210n * CALL_PICOS);
    expect(journalLines(journalDir)).toBe(0);
    await second.stop();
  });

  test("a journal line cut short by a crash is skipped, the rest is written", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.spyOn(console, "info").mockImplementation(() => {});
    const journalDir = mkdtempSync(path.join(tmpDir, "torn-"));
    const calls = [1, 2].map((i) =>
      JSON.stringify(pendingCallFrom(callParams(SHOP, { id: `torn-${i}`, timestamp: at }))),
    );
    writeFileSync(
      path.join(journalDir, "usage-999999-1-abcdef12.jsonl"),
      `${calls.join("\n")}\n${calls[0]!.slice(0, 40)}`,
    );

    const recorder = new UsageRecorder({ db: prisma, journalDir });
    recorder.start();
    await recorder.drain();
    expect(await prisma.aPIUsageLog.count({ where: { shop: SHOP } })).toBe(2);
    await recorder.stop();
  });
});
