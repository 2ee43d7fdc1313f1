import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { createInterface } from "node:readline";
import type Anthropic from "@anthropic-ai/sdk";
import prisma from "~/db.server";
import {
  BudgetExceededError,
  RESERVATION_TTL_MS,
  pruneExpiredReservations,
  UnpricedCallRefusedError,
  callCeilingOf,
  callCostBoundPicos,
  committedSpendPicos,
  monthToDateSpendPicos,
  reserveBudget,
  settleReservation,
  updateBudgetSettings,
} from "~/lib/budget/index.server";
import { priceCall } from "~/lib/pricing";
import {
  createMessageWithTracking,
  getUsageRecorder,
  streamMessageWithTracking,
  trackAPIUsage,
} from "~/lib/usage/index.server";
import { nodeBinary } from "../support/app-server";
import { createTestAnthropicClient, startClaudeTestServer, type ClaudeTestServer } from "../support/claude-test-server";
import { projectRoot, tmpDir } from "../support/paths";
import { callParams, createShop } from "../support/usage-fixtures";

const HAIKU = "claude-haiku-4-5-20251001";
const params = {
  model: HAIKU,
  max_tokens: 200,
  messages: [{ role: "user" as const, content: "Write a meta title for trail boots." }],
};
const BOUND = callCostBoundPicos(params)!;
const { promptTokens } = callCeilingOf(params);
/** An answer that costs exactly the bound: every prompt byte a 1-hour cache write, all of max_tokens produced. */
const costingTheBound = {
  input_tokens: 0,
  output_tokens: params.max_tokens,
  cache_creation_input_tokens: promptTokens,
  cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: promptTokens },
  cache_read_input_tokens: 0,
};
/** What callParams' call (Sonnet 4.5, 1,000 in, 500 out) costs. */
const SEED_COST = priceCall("claude-sonnet-4-5-20250929", {
  inputTokens: 1_000,
  outputTokens: 500,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  cacheReadTokens: 0,
  webSearchRequests: 0,
})!.totalPicos;

let server: ClaudeTestServer;
let anthropic: Anthropic;
let shop: string;

beforeAll(async () => {
  server = await startClaudeTestServer();
  anthropic = createTestAnthropicClient(server.baseURL);
});
afterAll(() => server.close());

/** A fresh shop that has spent SEED_COST this month (written), with room under its hard cap for `room` more. */
async function shopWithRoomFor(room: bigint): Promise<void> {
  shop = `cap-${randomUUID().slice(0, 8)}.myshopify.com`;
  await createShop(shop, "UTC");
  await trackAPIUsage(callParams(shop));
  await getUsageRecorder().drain();
  expect(await monthToDateSpendPicos(shop, "UTC")).toBe(SEED_COST);
  await updateBudgetSettings(shop, { monthlyBudgetPicos: SEED_COST + room, hardCap: true });
}

const tracking = () => ({ shop, userId: "7001", endpoint: "fix_meta" });
const reservations = () => prisma.budgetReservation.findMany({ where: { shop } });

beforeEach(() => server.state.reset());

describe("the hard cap holds for concurrent calls (reservations)", () => {
  test("the bound reserved is what the call would cost at most; the answer here costs exactly that", () => {
    // 0 input + promptTokens 1-hour writes at $2/MTok + 200 output at $5/MTok: the bound's own arithmetic.
    expect(BOUND).toBe(BigInt(promptTokens) * 2_000_000n + 200n * 5_000_000n);
  });

  test("20 concurrent calls with room for one more: one is sent, 19 are refused before anything is sent", async () => {
    await shopWithRoomFor(2n * BOUND - 1n);
    server.state.enqueueResponse({ usage: costingTheBound });

    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => createMessageWithTracking(anthropic, params, tracking())),
    );

    const refused = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as unknown] : []));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect(refused).toHaveLength(19);
    for (const error of refused) expect(error).toBeInstanceOf(BudgetExceededError);
    expect(server.state.requests).toHaveLength(1);

    await getUsageRecorder().drain();
    expect(await monthToDateSpendPicos(shop, "UTC")).toBe(SEED_COST + BOUND);
    expect(await prisma.aPIUsageLog.count({ where: { shop } })).toBe(2);
    expect(await reservations()).toEqual([]);
  });

  test("a call is settled to its real cost, and its row replaces its reservation in one write", async () => {
    await shopWithRoomFor(BOUND);
    const now = new Date();
    const [held] = (await reserveBudget(shop, () => [{ id: "call-1", model: HAIKU, boundPicos: BOUND }], { now }))!;
    expect(held).toEqual({ id: "call-1", shop, amountPicos: BOUND });
    // The cap is full: another call is refused while this one is in flight.
    await expect(
      reserveBudget(shop, () => [{ id: "call-2", model: HAIKU, boundPicos: 1n }], { now }),
    ).rejects.toBeInstanceOf(BudgetExceededError);

    await settleReservation("call-1", SEED_COST);
    expect(await reservations()).toMatchObject([{ id: "call-1", amountPicos: SEED_COST, settled: true }]);
    expect(await committedSpendPicos(prisma, shop, "UTC", now)).toBe(2n * SEED_COST);

    await trackAPIUsage({ ...callParams(shop), id: "call-1", timestamp: now });
    await getUsageRecorder().drain();
    expect(await reservations()).toEqual([]);
    expect(await monthToDateSpendPicos(shop, "UTC", now)).toBe(2n * SEED_COST);
    expect(await committedSpendPicos(prisma, shop, "UTC", now)).toBe(2n * SEED_COST);
  });

  test("a tracked call's reservation is gone once its record is written, and the month's spend is its real cost", async () => {
    await shopWithRoomFor(BOUND);
    server.state.enqueueResponse({ usage: { input_tokens: 100, output_tokens: 10 } });
    await createMessageWithTracking(anthropic, params, tracking());
    await getUsageRecorder().drain();
    // Haiku 4.5: 100 × 1,000,000 + 10 × 5,000,000 picos.
    expect(await monthToDateSpendPicos(shop, "UTC")).toBe(SEED_COST + 150_000_000n);
    expect(await reservations()).toEqual([]);
  });

  test("streamed calls (both ways) hold the cap while they stream and leave no reservation once written", async () => {
    // Room for one bound and what both calls cost (less than a bound): one call at a time.
    await shopWithRoomFor(BOUND + 2n * 150_000_000n);
    server.state.enqueueResponse({ usage: { input_tokens: 100, output_tokens: 10 } });
    const stream = await createMessageWithTracking(anthropic, { ...params, stream: true }, tracking());
    // Until the stream is read to its end, its bound is held: nothing else fits.
    await expect(createMessageWithTracking(anthropic, params, tracking())).rejects.toBeInstanceOf(BudgetExceededError);
    for await (const event of stream) void event;
    await getUsageRecorder().drain();
    expect(await reservations()).toEqual([]);

    server.state.enqueueResponse({ usage: { input_tokens: 100, output_tokens: 10 } });
    await (await streamMessageWithTracking(anthropic, params, tracking())).finalMessage();
    await getUsageRecorder().drain();
    expect(await reservations()).toEqual([]);
    expect(server.state.requests).toHaveLength(2);
    expect(await monthToDateSpendPicos(shop, "UTC")).toBe(SEED_COST + 2n * 150_000_000n);
  });

  test("an expired reservation (a process that died mid-call) no longer counts", async () => {
    await shopWithRoomFor(BOUND);
    const now = new Date();
    await reserveBudget(shop, () => [{ id: "lost", model: HAIKU, boundPicos: BOUND }], { now });
    const later = (ms: number) => ({ now: new Date(now.getTime() + ms) });
    const next = (id: string) => () => [{ id, model: HAIKU, boundPicos: BOUND }];

    await expect(reserveBudget(shop, next("too-soon"), later(RESERVATION_TTL_MS - 1))).rejects.toBeInstanceOf(
      BudgetExceededError,
    );
    expect(await reserveBudget(shop, next("after-expiry"), later(RESERVATION_TTL_MS))).toHaveLength(1);

    // The daily prune deletes the expired one and keeps the live one.
    expect(await pruneExpiredReservations(later(RESERVATION_TTL_MS).now)).toBe(1);
    expect((await reservations()).map((reservation) => reservation.id)).toEqual(["after-expiry"]);
  });

  test("a model with no known price is refused while a hard cap is set, and sent without one", async () => {
    await shopWithRoomFor(1_000_000_000_000n);
    const unpriced = { ...params, model: "claude-mythos-5-2" };
    const refused = await createMessageWithTracking(anthropic, unpriced, tracking()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UnpricedCallRefusedError);
    expect(refused).toBeInstanceOf(BudgetExceededError);
    expect((refused as Error).message).toMatch(/claude-mythos-5-2 has no known price/);
    expect(server.state.requests).toHaveLength(0);

    await updateBudgetSettings(shop, { monthlyBudgetPicos: 1_000_000_000_000n, hardCap: false });
    await createMessageWithTracking(anthropic, unpriced, tracking());
    expect(server.state.requests).toHaveLength(1);
    expect(await reservations()).toEqual([]);
  });
});

interface RaceResult {
  answered: number;
  refused: number;
  other: string[];
}

/** A second (and third) web process: tests/support/budget-racer.ts on this file's database. */
function startRacer(calls: number) {
  const child = spawn(
    nodeBinary(),
    [
      path.join(projectRoot, "node_modules/tsx/dist/cli.mjs"),
      "--tsconfig",
      "tsconfig.json",
      "tests/support/budget-racer.ts",
    ],
    {
      cwd: projectRoot,
      stdio: ["pipe", "pipe", "inherit"],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: "test",
        DATABASE_URL: process.env.DATABASE_URL,
        USAGE_JOURNAL_DIR: path.join(tmpDir, `racer-journal-${randomUUID()}`),
        CLAUDE_BASE_URL: server.baseURL,
        RACE_SHOP: shop,
        RACE_CALLS: String(calls),
        RACE_PARAMS: JSON.stringify(params),
      },
    },
  );
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error("the racer process ended early");
    return line.value;
  };
  return {
    ready: next().then((line) => expect(line).toBe("ready")),
    go: () => child.stdin!.write("go\n"),
    result: async () => JSON.parse(await next()) as RaceResult,
  };
}

test(
  "two processes racing 10 calls each with room for one more: one call is sent in all",
  { timeout: 120_000 },
  async () => {
    await shopWithRoomFor(2n * BOUND - 1n);
    server.state.enqueueResponse({ usage: costingTheBound });
    const racers = [startRacer(10), startRacer(10)];
    await Promise.all(racers.map((racer) => racer.ready));
    for (const racer of racers) racer.go();
    const results = await Promise.all(racers.map((racer) => racer.result()));

    expect(results.map((result) => result.other)).toEqual([[], []]);
    expect(results[0]!.answered + results[1]!.answered).toBe(1);
    expect(results[0]!.refused + results[1]!.refused).toBe(19);
    expect(server.state.requests).toHaveLength(1);
    expect(await monthToDateSpendPicos(shop, "UTC")).toBe(SEED_COST + BOUND);
    expect(await reservations()).toEqual([]);
  },
);
