import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import Anthropic from "@anthropic-ai/sdk";
import prisma from "~/db.server";
import { createAdminClient, lastReconciliation, reconcileWithAnthropic } from "~/lib/reconcile/index.server";
import {
  createBatchWithTracking,
  createMessageWithTracking,
  getUsageRecorder,
  recordEndedBatches,
  trackAPIUsage,
} from "~/lib/usage/index.server";
import { defaultCostOf, type ServedUsage } from "../../demo/claude-api";
import { createTestAnthropicClient, startClaudeTestServer, type ClaudeTestServer } from "../support/claude-test-server";
import { projectRoot } from "../support/paths";
import { callParams, createShop } from "../support/usage-fixtures";

const SHOP = "reconcile-shop.myshopify.com";
const HAIKU = "claude-haiku-4-5-20251001";
const OPUS = "claude-opus-5-5";
const DAY = "2026-11-20";
const tracking = { shop: SHOP, userId: "7001", endpoint: "fix_meta" };
const ask = (model: string, text = "Write a meta title for a wool scarf.") => ({
  model,
  max_tokens: 200,
  messages: [{ role: "user" as const, content: text }],
});

/** What Anthropic bills, per test: the catalog's price unless a test plants another. */
let billed: (served: ServedUsage) => bigint | null = defaultCostOf;

let server: ClaudeTestServer;
let anthropic: Anthropic;
let admin: Anthropic;

beforeAll(async () => {
  server = await startClaudeTestServer({ costOf: (served) => billed(served) });
  anthropic = createTestAnthropicClient(server.baseURL);
  admin = createAdminClient({ adminKey: "sk-ant-admin01-test", baseURL: server.baseURL });
});
afterAll(() => server.close());

beforeEach(async () => {
  // The app and the local Claude server share this process's clock: calls happen at noon UTC on DAY.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(`${DAY}T12:00:00Z`));
  billed = defaultCostOf;
  await getUsageRecorder().drain();
  await prisma.aPIUsageLog.deleteMany();
  await prisma.reconciliation.deleteMany();
  await createShop(SHOP, "Asia/Kolkata"); // a shop's local day is not the report's day: reconciliation uses UTC
  server.state.reset();
});
afterEach(() => vi.useRealTimers());

async function reconcile(fromDay = DAY, toDay = DAY, tolerancePicos = 0n) {
  await getUsageRecorder().drain();
  return reconcileWithAnthropic(prisma, admin, { fromDay, toDay, tolerancePicos });
}

describe("reconciling with Anthropic's usage and cost report, end to end", () => {
  test("calls made through the tracker (plain, streamed, batched) agree with the report, and the run is stored", async () => {
    await createMessageWithTracking(anthropic, ask(HAIKU), tracking);
    await createMessageWithTracking(anthropic, { ...ask(OPUS), inference_geo: "us" }, tracking);
    const stream = await createMessageWithTracking(anthropic, { ...ask(HAIKU), stream: true }, tracking);
    for await (const _event of stream) {
      // read to the end
    }
    await createBatchWithTracking(anthropic, prisma, [{ custom_id: "one", params: ask(HAIKU, "Alt text, please.") }], {
      shop: SHOP,
      endpoint: "alt_text",
    });
    await recordEndedBatches(anthropic, prisma, getUsageRecorder());

    const result = await reconcile();
    expect(result.agreed).toBe(true);
    expect(result.rows.map((row) => [row.model, row.app.calls, row.anthropic.calls])).toEqual([
      [HAIKU, 3n, 3n],
      [OPUS, 1n, 1n],
    ]);
    expect(result.appCostPicos).toBe(result.anthropicCostPicos);
    expect(result.appCostPicos).toBeGreaterThan(0n);
    expect(await lastReconciliation(prisma)).toMatchObject({ fromDay: DAY, toDay: DAY, agreed: true, differences: 0 });
  });

  test("calls made around the tracker are found, with how many and what they cost", async () => {
    await createMessageWithTracking(anthropic, ask(HAIKU), tracking);
    server.state.enqueueResponse({ usage: { input_tokens: 5_000, output_tokens: 50 } });
    await anthropic.messages.create(ask(HAIKU)); // straight through the SDK: never tracked

    const result = await reconcile();
    expect(result.agreed).toBe(false);
    const [row] = result.rows;
    expect(row).toMatchObject({ model: HAIKU, cause: "outside_tracker" });
    const byFigure = Object.fromEntries(row!.differences.map((entry) => [entry.figure, entry.difference]));
    // 5,000 × 1,000,000 + 50 × 5,000,000 picos on Haiku 4.5
    expect(byFigure).toMatchObject({
      calls: 1n,
      uncachedInputTokens: 5_000n,
      outputTokens: 50n,
      costPicos: 5_250_000_000n,
    });
    expect(await lastReconciliation(prisma)).toMatchObject({ agreed: false, differences: 1 });
  });

  test("a model the catalog has no price for shows as a price the catalog lacks", async () => {
    billed = (served) => (served.model === "claude-mythos-5-2" ? 123_000_000n : defaultCostOf(served));
    await createMessageWithTracking(anthropic, ask("claude-mythos-5-2"), tracking);

    const result = await reconcile();
    expect(result.rows[0]).toMatchObject({ model: "claude-mythos-5-2", cause: "unknown_price" });
    expect(result.rows[0]!.differences.map((entry) => entry.figure)).toEqual(["costPicos"]);
  });

  test("Anthropic charging another price than the catalog's shows as a price that differs", async () => {
    billed = (served) => (defaultCostOf(served) ?? 0n) * 2n;
    await createMessageWithTracking(anthropic, ask(HAIKU), tracking);
    expect((await reconcile()).rows[0]).toMatchObject({ cause: "price_differs" });
  });

  test("a cost difference within the stated tolerance agrees", async () => {
    billed = (served) => (defaultCostOf(served) ?? 0n) + 7n;
    await createMessageWithTracking(anthropic, ask(HAIKU), tracking);
    expect((await reconcile(DAY, DAY, 7n)).agreed).toBe(true);
    expect((await reconcile(DAY, DAY, 6n)).agreed).toBe(false);
  });

  test("a call recorded by the app that Anthropic never billed is not in the report", async () => {
    await trackAPIUsage(callParams(SHOP, { model: HAIKU, timestamp: new Date() }));
    expect((await reconcile()).rows[0]).toMatchObject({ cause: "not_in_report" });
  });

  test("a call that ends just after midnight UTC, which Anthropic counts the day before, is a day-boundary difference", async () => {
    await createMessageWithTracking(anthropic, ask(HAIKU), tracking);
    // Anthropic's clock reads the request when it starts (23:59:59); the app timestamps the call when it ends, 2 s later.
    const state = server.state;
    const { responder, recordServed } = state;
    state.responder = (body, context) => {
      vi.setSystemTime(new Date("2026-11-21T00:00:01Z"));
      return responder(body, context);
    };
    state.recordServed = (entry) => recordServed.call(state, { ...entry, at: Date.parse("2026-11-20T23:59:59Z") });
    try {
      await createMessageWithTracking(anthropic, ask(HAIKU), tracking);
    } finally {
      state.responder = responder;
      state.recordServed = recordServed;
    }

    const result = await reconcile("2026-11-20", "2026-11-21");
    expect(result.rows.map((row) => [row.day, row.app.calls, row.anthropic.calls, row.cause])).toEqual([
      ["2026-11-20", 1n, 2n, "day_boundary"],
      ["2026-11-21", 1n, 0n, "day_boundary"],
    ]);
    expect(result.agreed).toBe(true);
  });
});

describe("npm run operator -- reconcile", () => {
  async function operator(...args: string[]) {
    const run = promisify(execFile);
    const env = {
      ...process.env,
      ANTHROPIC_ADMIN_KEY: "sk-ant-admin01-test",
      ANTHROPIC_BASE_URL: server.baseURL,
    };
    const tsx = `${projectRoot}/node_modules/.bin/tsx`;
    return run(tsx, ["--tsconfig", "tsconfig.json", "scripts/operator.ts", ...args], { cwd: projectRoot, env }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
  }

  test("prints where the app and Anthropic differ and exits 1, exits 0 once they agree, and the report shows the last run", async () => {
    await createMessageWithTracking(anthropic, ask(HAIKU), tracking);
    await anthropic.messages.create(ask(HAIKU)); // around the tracker
    await getUsageRecorder().drain();

    const differ = await operator("reconcile", "--from", DAY, "--to", DAY);
    expect(differ.code).toBe(1);
    expect(differ.stdout).toContain(`${DAY}  ${HAIKU}`);
    expect(differ.stdout).toMatch(/calls\s+app\s+1\s+Anthropic\s+2\s+difference \+1/);
    expect(differ.stdout).toContain("likely cause: calls made outside the tracker");
    expect(differ.stdout).toContain("DIFFER: 1 of 1 day-and-model row(s) beyond tolerance");

    const report = await operator("report", "--from", DAY, "--to", DAY);
    expect(report.stdout).toMatch(
      /Last reconciliation with Anthropic: .* for 2026-11-20 to 2026-11-20 \(UTC\): 1 day-and-model row\(s\) differ/,
    );

    // A fresh start on both sides with one tracked call: they agree.
    server.state.reset();
    await prisma.aPIUsageLog.deleteMany();
    await createMessageWithTracking(anthropic, ask(HAIKU), tracking);
    await getUsageRecorder().drain();
    const agree = await operator("reconcile", "--from", DAY, "--to", DAY);
    expect(agree.code).toBe(0);
    expect(agree.stdout).toContain("AGREE: 1 day-and-model row(s) within tolerance");
  });
});
