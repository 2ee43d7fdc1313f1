import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { updateBudgetSettings } from "~/lib/budget/index.server";
import { planItems } from "~/lib/seo";
import { createSeoJob } from "~/lib/seo/index.server";
import { catalogContextOf } from "~/lib/seo/seo-rules";
import { TIPS_ENDPOINT } from "~/lib/tips/index.server";
import { BROWSER_USER_AGENT, startAppServer, type AppServer } from "../support/app-server";
import { startClaudeTestServer, type ClaudeTestServer } from "../support/claude-test-server";
import { startOutage } from "../support/database-faults";
import { tmpDir } from "../support/paths";
import { installShop, sessionToken, TEST_API_KEY, TEST_API_SECRET } from "../support/shopify-auth";
import { fixtureSeoCatalog } from "../support/shopify-fixtures/seo-store";
import { onPostgresql } from "../support/test-database";
import { createShop } from "../support/usage-fixtures";
import { defaultResponder } from "../../demo/claude-api/responder";
import { startWorkerProcess, type WorkerProcess } from "../support/worker-process";

/**
 * Several instances on one PostgreSQL database (docs/decisions/0018), as a deployment runs them: web processes
 * (`npm start` with PROCESS_ROLE=web) that record the Claude calls merchants' requests make, and workers (`npm run
 * worker`) that share a bulk SEO run. Every process is the production build in its own OS process.
 *
 * The calls are the "Ask Claude" action of the cost-tips page: a real request through `authenticate.admin` that makes
 * one tracked Claude call. The Claude stand-in answers with the request id, so the test knows exactly which calls a
 * merchant was told about (acknowledged) and can look for each one in the database.
 */
const SHOPS = Array.from({ length: 20 }, (_, index) => `multi-${index + 1}.myshopify.com`);
const CAPPED_SHOP = "capped.myshopify.com";
// $0.03 a month, hard cap: a tips call is sent only while its bound (~$0.016 at 1,024 output tokens) fits, and most
// cost far less, so some twenty fit before the capped shop's calls are refused.
const CAP_PICOS = 30_000_000_000n;
const CALLS = 2_000;
// Every 33rd call of each web process is the capped shop's (about 60 in all).
const CAPPED_EVERY = 33;
const IN_FLIGHT_PER_PROCESS = 8;

const answerWithRequestId = (_body: unknown, context: { requestId: string }) => [
  { type: "text" as const, text: `answer ${context.requestId}` },
];

let claudeForWeb: ClaudeTestServer;
let claudeForWorkers: ClaudeTestServer;
const servers: AppServer[] = [];
const workers: WorkerProcess[] = [];

function webServer(name: string, journalDir: string, claudeBaseUrl: string): Promise<AppServer> {
  return startAppServer({
    demoMode: false,
    databaseUrl: process.env.DATABASE_URL!,
    env: {
      PROCESS_ROLE: "web",
      SHOPIFY_API_KEY: TEST_API_KEY,
      SHOPIFY_API_SECRET: TEST_API_SECRET,
      // The key names the process, so the Claude stand-in tells whose call each request was.
      ANTHROPIC_API_KEY: name,
      ANTHROPIC_BASE_URL: claudeBaseUrl,
      USAGE_JOURNAL_DIR: journalDir,
    },
  }).then((server) => {
    servers.push(server);
    return server;
  });
}

type Outcome = { shop: string } & (
  { kind: "acknowledged"; requestId: string } | { kind: "refused"; status: number } | { kind: "failed" }
);

/** One merchant's "Ask Claude" on the cost-tips page, as App Bridge's fetch sends it. */
async function askClaude(server: Promise<AppServer>, shop: string): Promise<Outcome> {
  const { url } = await server;
  try {
    const response = await fetch(`${url}/app/tips?_data=routes%2Fapp.tips`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${await sessionToken(shop)}`,
        "User-Agent": BROWSER_USER_AGENT,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "intent=ask_claude",
    });
    const body = (await response.json()) as { answer?: string; error?: string };
    if (response.status === 200 && body.answer?.startsWith("answer ")) {
      return { shop, kind: "acknowledged", requestId: body.answer.slice("answer ".length) };
    }
    return { shop, kind: "refused", status: response.status };
  } catch {
    // The process was killed with the request in flight: the merchant was told nothing.
    return { shop, kind: "failed" };
  }
}

/** Sends one call per entry of `shops` to the server `server()` gives at the time, a few at a time. */
async function sendCalls(
  server: () => Promise<AppServer>,
  shops: readonly string[],
  onOutcome: (outcome: Outcome) => void = () => undefined,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT_PER_PROCESS }, async () => {
      while (next < shops.length) {
        const shop = shops[next++]!;
        const outcome = await askClaude(server(), shop);
        outcomes.push(outcome);
        onOutcome(outcome);
      }
    }),
  );
  return outcomes;
}

function acknowledgedIds(outcomes: readonly Outcome[]): string[] {
  return outcomes.flatMap((outcome) => (outcome.kind === "acknowledged" ? [outcome.requestId] : []));
}

async function expectRollupsEqualRawRows(shop: string): Promise<void> {
  const raw = await prisma.aPIUsageLog.aggregate({
    where: { shop },
    _count: { _all: true },
    _sum: { totalCostPicos: true },
  });
  for (const rollup of [prisma.usageRollupDaily, prisma.usageRollupHourly] as const) {
    const sums = await (rollup as typeof prisma.usageRollupDaily).aggregate({
      where: { shop },
      _sum: { calls: true, costPicos: true },
    });
    expect({ shop, calls: sums._sum.calls ?? 0, cost: sums._sum.costPicos ?? 0n }).toEqual({
      shop,
      calls: raw._count._all,
      cost: raw._sum.totalCostPicos ?? 0n,
    });
  }
}

beforeAll(async () => {
  if (!onPostgresql) return;
  claudeForWeb = await startClaudeTestServer({ responder: answerWithRequestId, maxLoggedRequests: 10_000 });
  // Claude holds the workers' answers until both workers have asked it something: both are then working on the run
  // at once (a runner that held the whole run would leave the other nothing, and the run would never finish).
  const askedBy = new Set<string>();
  let bothAsked!: () => void;
  const bothWorking = new Promise<void>((resolve) => (bothAsked = resolve));
  claudeForWorkers = await startClaudeTestServer({
    responder: async (body, context) => {
      askedBy.add(context.headers.get("authorization") ?? "");
      if (askedBy.size >= 2) bothAsked();
      await bothWorking;
      return defaultResponder(body, context);
    },
  });
  for (const shop of [...SHOPS, CAPPED_SHOP]) {
    await createShop(shop, "UTC");
    await installShop(shop);
  }
  await updateBudgetSettings(CAPPED_SHOP, { monthlyBudgetPicos: CAP_PICOS, hardCap: true });
});

afterAll(async () => {
  for (const worker of workers) await worker.stop("SIGKILL");
  for (const server of servers) await server.stop();
  await claudeForWeb?.close();
  await claudeForWorkers?.close();
});

describe.skipIf(!onPostgresql)("two web processes and two workers on one PostgreSQL database", () => {
  test("2,000 calls over both web processes, one killed with SIGKILL part way: every acknowledged call is stored once, rollups equal the rows, each SEO item runs once, the cap holds", async () => {
    // A bulk SEO run that the two workers share.
    const catalog = fixtureSeoCatalog(40).map((product) => ({ ...product, seoTitle: "", seoDescription: "" }));
    const items = planItems("meta", catalog, { context: catalogContextOf(catalog) });
    const job = await createSeoJob({
      shop: SHOPS[0]!,
      kind: "meta",
      origin: "bulk",
      model: "claude-haiku-4-5",
      startedBy: "42",
      items,
    });
    for (const name of ["worker-1", "worker-2"]) {
      workers.push(startWorkerProcess({ ANTHROPIC_API_KEY: name, ANTHROPIC_BASE_URL: claudeForWorkers.baseURL }));
    }

    // Two web processes, each with its own journal on a disk that outlives it (the persistent-volume shape).
    const journalA = mkdtempSync(path.join(tmpDir, "web-a-journal-"));
    const journalB = mkdtempSync(path.join(tmpDir, "web-b-journal-"));
    let webA = webServer("web-a", journalA, claudeForWeb.baseURL);
    const webB = webServer("web-b", journalB, claudeForWeb.baseURL);
    await Promise.all([webA, webB]);

    // The calls: half to each process, spread over the shops; the capped shop's calls race on both.
    const callsFor = (offset: number) =>
      Array.from({ length: CALLS / 2 }, (_, index) =>
        index % CAPPED_EVERY === 0 ? CAPPED_SHOP : SHOPS[(index + offset) % SHOPS.length]!,
      );
    let acknowledgedByA = 0;
    const sendingA = sendCalls(
      () => webA,
      callsFor(0),
      (outcome) => {
        if (outcome.kind !== "acknowledged" || ++acknowledgedByA !== 300) return;
        // Part way, with calls in flight: SIGKILL, then a replacement on the same journal folder. Calls not yet sent
        // wait for the replacement, as a load balancer would hold them.
        const killed = webA;
        webA = (async () => {
          await (await killed).kill();
          return webServer("web-a2", journalA, claudeForWeb.baseURL);
        })();
      },
    );
    const outcomes = (await Promise.all([sendingA, sendCalls(() => webB, callsFor(7))])).flat();
    expect(outcomes).toHaveLength(CALLS);
    const acknowledged = acknowledgedIds(outcomes);
    const failed = outcomes.filter((outcome) => outcome.kind === "failed").length;
    // The kill cut off the calls in flight on that process (the merchant was told nothing), and only those.
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThanOrEqual(IN_FLIGHT_PER_PROCESS);
    // Every other shop's call was answered; the capped shop's were answered until the cap, then refused (403).
    const uncapped = outcomes.filter((outcome) => outcome.shop !== CAPPED_SHOP);
    expect(uncapped.filter((outcome) => outcome.kind === "refused")).toEqual([]);
    const capped = outcomes.filter((outcome) => outcome.shop === CAPPED_SHOP);
    expect(capped.filter((outcome) => outcome.kind === "refused" && outcome.status !== 403)).toEqual([]);
    expect(capped.filter((outcome) => outcome.kind === "acknowledged").length).toBeGreaterThan(0);
    expect(capped.filter((outcome) => outcome.kind === "refused").length).toBeGreaterThan(0);

    // Every acknowledged call is stored, once. The killed process's journal was taken over by its replacement.
    await expect
      .poll(
        async () => prisma.aPIUsageLog.count({ where: { endpoint: TIPS_ENDPOINT, requestId: { in: acknowledged } } }),
        { timeout: 60_000, interval: 500 },
      )
      .toBe(acknowledged.length);
    const stored = await prisma.aPIUsageLog.findMany({
      where: { endpoint: TIPS_ENDPOINT },
      select: { requestId: true, shop: true, totalCostPicos: true },
    });
    const served = new Set(claudeForWeb.state.messageRequests().map((request) => request.requestId));
    expect(new Set(stored.map((row) => row.requestId)).size).toBe(stored.length);
    // Nothing stored that Claude did not answer; at most the calls in flight at the kill are stored but unacknowledged.
    expect(stored.every((row) => served.has(row.requestId!))).toBe(true);
    expect(stored.length - acknowledged.length).toBeLessThanOrEqual(failed);

    // The cap held across both processes: the capped shop spent at most its budget, and was refused before sending.
    const cappedRows = stored.filter((row) => row.shop === CAPPED_SHOP);
    const cappedSpend = cappedRows.reduce((sum, row) => sum + (row.totalCostPicos ?? 0n), 0n);
    expect(cappedRows.length).toBeGreaterThan(0);
    expect(cappedSpend).toBeLessThanOrEqual(CAP_PICOS);

    // The SEO run: both workers took items, every item ran once, the run completed.
    await expect
      .poll(async () => (await prisma.seoJob.findUniqueOrThrow({ where: { id: job.id } })).status, {
        timeout: 90_000,
        interval: 500,
      })
      .toBe("completed");
    const runItems = await prisma.seoJobItem.findMany({ where: { jobId: job.id } });
    expect(runItems.map((item) => [item.status, item.attempts])).toEqual(items.map(() => ["done", 1]));
    const workerRequests = claudeForWorkers.state.messageRequests();
    expect(workerRequests).toHaveLength(items.length);
    // The SDK sends the key as a bearer token.
    const byWorker = (name: string) =>
      workerRequests.filter((request) => request.headers.authorization === `Bearer ${name}`);
    expect(byWorker("worker-1").length, workers.map((worker) => worker.output()).join("\n")).toBeGreaterThan(0);
    expect(byWorker("worker-2").length).toBeGreaterThan(0);
    await expect
      .poll(() => prisma.aPIUsageLog.count({ where: { shop: SHOPS[0]!, endpoint: "fix_meta" } }), { timeout: 30_000 })
      .toBe(items.length);

    // Rollups equal the raw rows, for every shop.
    for (const shop of [...SHOPS, CAPPED_SHOP]) await expectRollupsEqualRawRows(shop);
  }, 300_000);
});

describe.skipIf(!onPostgresql)("an instance without a persistent disk (docs/decisions/0018)", () => {
  test("loses at most the calls it acknowledged during a database outage it did not outlive", async () => {
    const shop = SHOPS[1]!;
    // Claude holds its answers until told, so calls can finish while the database is down.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = false;
    const claude = await startClaudeTestServer({
      responder: async (body, context) => {
        if (holding) await held;
        return answerWithRequestId(body, context);
      },
    });
    try {
      const journal = mkdtempSync(path.join(tmpDir, "no-disk-journal-"));
      const instance = webServer("no-disk", journal, claude.baseURL);
      const before = await prisma.aPIUsageLog.count({ where: { shop, endpoint: TIPS_ENDPOINT } });

      // With the database up, what it acknowledges is written within moments.
      const up = acknowledgedIds(
        await sendCalls(
          () => instance,
          Array.from({ length: 40 }, () => shop),
        ),
      );
      expect(up).toHaveLength(40);
      await expect
        .poll(() => prisma.aPIUsageLog.count({ where: { requestId: { in: up } } }), { timeout: 5_000, interval: 50 })
        .toBe(40);

      // Calls in flight when the database goes down finish during the outage: acknowledged, kept on its disk only.
      holding = true;
      const during = sendCalls(
        () => instance,
        Array.from({ length: IN_FLIGHT_PER_PROCESS }, () => shop),
      );
      await expect
        .poll(() => claude.state.messageRequests().length, { timeout: 10_000 })
        .toBe(40 + IN_FLIGHT_PER_PROCESS);
      const outage = await startOutage();
      release();
      const duringOutage = acknowledgedIds(await during);
      expect(duringOutage).toHaveLength(IN_FLIGHT_PER_PROCESS);
      await expect
        .poll(async () => (await instance).output(), { timeout: 10_000 })
        .toMatch(/could not write \d+ call record/);

      // The instance is destroyed with its disk before the database comes back.
      await (await instance).kill();
      rmSync(journal, { recursive: true, force: true });
      await outage.end();

      // A fresh instance (an empty disk) finds nothing to take over: exactly the outage's calls are gone, no others.
      const replacement = webServer("no-disk-2", mkdtempSync(path.join(tmpDir, "no-disk-journal-")), claude.baseURL);
      const after = acknowledgedIds(
        await sendCalls(
          () => replacement,
          Array.from({ length: 4 }, () => shop),
        ),
      );
      await expect
        .poll(() => prisma.aPIUsageLog.count({ where: { requestId: { in: after } } }), { timeout: 10_000 })
        .toBe(after.length);
      expect(await prisma.aPIUsageLog.count({ where: { requestId: { in: up } } })).toBe(40);
      expect(await prisma.aPIUsageLog.count({ where: { requestId: { in: duringOutage } } })).toBe(0);
      expect(after).toHaveLength(4);
      expect(await prisma.aPIUsageLog.count({ where: { shop, endpoint: TIPS_ENDPOINT } })).toBe(before + 40 + 4);
      await expectRollupsEqualRawRows(shop);
    } finally {
      await claude.close();
    }
  }, 180_000);
});
