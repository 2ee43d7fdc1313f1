import { describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { priceCall } from "~/lib/pricing";
import { getAnthropicClient, getUsageRecorder } from "~/lib/usage/index.server";
import { updateBudgetSettings } from "~/lib/budget/index.server";
import {
  cancelSeoJob,
  pauseSeoJob,
  SeoJobRunner,
  jobItems,
  jobSpend,
  queueApply,
  resumeJob,
  startDraft,
  prepareBulkRun,
} from "~/lib/seo/index.server";
import { usage, setUpSeoTestEnvironment } from "./seo-test-environment";

/**
 * Bulk runs over the catalog: planned and estimated as a draft, started by the merchant, worked through by the job
 * runner with every call tracked, and controllable (pause, resume, cancel), stopped by the budget cap, and carried
 * on after a restart without redoing finished work.
 */
const SHOP = "larch-and-lichen.myshopify.com";
const env = setUpSeoTestEnvironment(SHOP, 50);

async function drainedRows() {
  await getUsageRecorder().drain();
  return prisma.aPIUsageLog.findMany({ where: { shop: SHOP }, orderBy: { timestamp: "asc" } });
}

async function draft(kind: "meta" | "alt_text" | "audit" = "meta") {
  return prepareBulkRun(SHOP, env.admin, { kind, scope: "all", productIds: [], startedBy: "42" });
}

/**
 * Claude (the local server) holds its answers from the `from`-th message request on, until `release()`: the run is
 * then known to be mid-call with exactly `from - 1` calls answered, however fast or slow the machine is.
 */
function holdAnswersFrom(from: number) {
  const answer = env.claude.state.responder;
  let received = 0;
  let held = 0;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const watchers: Array<{ count: number; resolve: () => void }> = [];
  env.claude.state.responder = async (body, context) => {
    received += 1;
    if (received >= from) {
      held += 1;
      for (const watcher of watchers) if (held >= watcher.count) watcher.resolve();
      await released;
    }
    return answer(body, context);
  };
  return {
    /** Resolves once `count` requests are being held. */
    holding: (count: number) =>
      new Promise<void>((resolve) => (held >= count ? resolve() : watchers.push({ count, resolve }))),
    /** Answers the held requests and every one after them. */
    release,
  };
}

async function jobStatus(jobId: string): Promise<string> {
  return (await prisma.seoJob.findUniqueOrThrow({ where: { id: jobId } })).status;
}

describe("a bulk meta-tag run over 50 products", () => {
  test("sends nothing before the merchant starts it, then records exactly one tracked fix_meta call per product", async () => {
    const job = await draft("meta");
    expect(job).toMatchObject({ status: "draft", totalItems: 50, model: "claude-haiku-5-5", startedBy: "42" });
    expect(job.estimatePicos).toBeGreaterThan(0n);
    expect(env.claude.state.messageRequests()).toHaveLength(0);

    const runner = new SeoJobRunner({ concurrency: 3 });
    await startDraft(SHOP, job.id, { autoApply: false });
    await runner.start(job.id);

    const items = await jobItems(SHOP, job.id);
    expect(items.every((item) => item.status === "done")).toBe(true);
    expect(env.claude.state.messageRequests()).toHaveLength(50);

    const rows = await drainedRows();
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((row) => row.resourceId))).toEqual(
      new Set(env.store.products.map((product) => product.id)),
    );
    for (const row of rows) {
      expect(row).toMatchObject({
        endpoint: "fix_meta",
        fixType: "meta",
        resourceType: "product",
        userId: "42",
        model: "claude-haiku-5-5",
        status: "success",
      });
      // Each row's cost is the catalog price of its own usage.
      const cost = priceCall(
        row.model,
        {
          inputTokens: row.inputTokens,
          outputTokens: row.outputTokens,
          cacheWrite5mTokens: row.cacheCreation5mTokens,
          cacheWrite1hTokens: row.cacheCreation1hTokens,
          cacheReadTokens: row.cacheReadInputTokens,
          webSearchRequests: 0,
        },
        { at: row.timestamp },
      );
      expect(row.totalCostPicos).toBe(cost!.totalPicos);
    }
    // The items carry the same tokens as the usage records of their calls.
    const byRequest = new Map(rows.map((row) => [row.requestId, row]));
    for (const item of items) {
      const row = byRequest.get(item.requestId)!;
      expect([item.inputTokens, item.outputTokens, item.cacheReadTokens]).toEqual([
        row.inputTokens,
        row.outputTokens,
        row.cacheReadInputTokens,
      ]);
    }
    // The shared system prompt is written to the prompt cache once and read by the calls after it.
    expect(rows.filter((row) => row.cacheCreationInputTokens > 0).length).toBeLessThanOrEqual(3);
    expect(rows.filter((row) => row.cacheReadInputTokens > 0).length).toBeGreaterThanOrEqual(47);

    const total = rows.reduce((sum, row) => sum + row.totalCostPicos!, 0n);
    const rollups = await prisma.usageRollupDaily.aggregate({
      where: { shop: SHOP, endpoint: "fix_meta" },
      _sum: { calls: true, costPicos: true },
    });
    expect(rollups._sum).toEqual({ calls: 50, costPicos: total });
    expect(await jobSpend(SHOP, job.id)).toEqual({ costPicos: total, calls: 50, unpricedCalls: 0 });
    expect(await prisma.seoJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      status: "completed",
    });
    expect(await prisma.seoJobItem.count({ where: { jobId: job.id, NOT: { leaseOwner: null } } })).toBe(0);

    // Nothing was written to the store; applying is its own confirmed step.
    expect(env.shopify.calls.filter((call) => call.operationName === "SeoProductUpdate")).toEqual([]);
    expect(await queueApply(SHOP, job.id, "all")).toBe(50);
    await runner.start(job.id);
    expect(env.shopify.calls.filter((call) => call.operationName === "SeoProductUpdate")).toHaveLength(50);
    const applied = await jobItems(SHOP, job.id);
    expect(applied.every((item) => item.applyStatus === "applied")).toBe(true);
    const first = JSON.parse(applied[0]!.result!) as { metaTitle: string };
    expect(env.store.product(applied[0]!.productId)!.seo.title).toBe(first.metaTitle);
    expect(await drainedRows()).toHaveLength(50);
  });

  test("with the explicit automatic-apply confirmation, each suggestion is written as soon as it is generated", async () => {
    const job = await draft("alt_text");
    await startDraft(SHOP, job.id, { autoApply: true });
    await new SeoJobRunner().start(job.id);
    const items = await jobItems(SHOP, job.id);
    expect(items.length).toBeGreaterThan(50);
    expect(items.every((item) => item.applyStatus === "applied")).toBe(true);
    const altCalls = env.shopify.calls.filter((call) => call.operationName === "SeoImageAltUpdate");
    expect(altCalls).toHaveLength(items.length);
    const rows = await drainedRows();
    expect(rows.every((row) => row.endpoint === "alt_text" && row.resourceType === "image")).toBe(true);
  });
});

describe("controlling a run", () => {
  test("a cancelled run records nothing more after the cancel", async () => {
    const job = await draft("meta");
    await startDraft(SHOP, job.id, { autoApply: false });
    const answers = holdAnswersFrom(5);
    const runner = new SeoJobRunner({ concurrency: 2 });
    void runner.start(job.id);
    // Four items done, the fifth and sixth mid-call.
    await answers.holding(2);

    // The cancel marks the job, then waits for the two calls in flight; they are answered once it is marked.
    const cancelling = cancelSeoJob(SHOP, job.id, runner);
    await expect.poll(() => jobStatus(job.id), { timeout: 10_000 }).toBe("cancelled");
    answers.release();
    await cancelling;
    expect(runner.isWorkingOn(job.id)).toBe(false);

    expect(env.claude.state.messageRequests()).toHaveLength(6);
    expect(await drainedRows()).toHaveLength(6);
    expect(await prisma.seoJobItem.count({ where: { jobId: job.id, status: "done" } })).toBe(6);
    expect(await prisma.seoJobItem.count({ where: { jobId: job.id, status: "pending" } })).toBe(44);

    // Nothing can send more: told to work on it, this runner or a new one does nothing.
    await runner.start(job.id);
    expect(await new SeoJobRunner().resumeInterruptedJobs()).toEqual([]);
    expect(env.claude.state.messageRequests()).toHaveLength(6);
    expect(await drainedRows()).toHaveLength(6);
    expect(await jobStatus(job.id)).toBe("cancelled");
    // A cancelled run cannot be resumed or applied.
    await expect(resumeJob(SHOP, job.id)).rejects.toThrow("A cancelled run cannot be resumed.");
  });

  test("a paused run makes no calls until it is resumed, then finishes without redoing anything", async () => {
    const job = await draft("meta");
    await startDraft(SHOP, job.id, { autoApply: false });
    const answers = holdAnswersFrom(4);
    const runner = new SeoJobRunner({ concurrency: 1 });
    void runner.start(job.id);
    // Three items done, the fourth mid-call.
    await answers.holding(1);

    const pausing = pauseSeoJob(SHOP, job.id, runner);
    await expect.poll(() => jobStatus(job.id), { timeout: 10_000 }).toBe("paused");
    answers.release();
    await pausing;
    expect(env.claude.state.messageRequests()).toHaveLength(4);

    // Paused, it makes no call, whoever is told to work on it.
    await runner.start(job.id);
    expect(await new SeoJobRunner().resumeInterruptedJobs()).toEqual([]);
    expect(env.claude.state.messageRequests()).toHaveLength(4);

    await resumeJob(SHOP, job.id);
    await runner.start(job.id);
    expect(env.claude.state.messageRequests()).toHaveLength(50);
    expect(await drainedRows()).toHaveLength(50);
  });

  test("a run that reaches the monthly hard cap stops, says so, and finishes the rest once the budget is raised", async () => {
    // $0.01 cap; each call is scripted to cost about $0.004 (8,000 output tokens at Haiku 5.5's $0.50 per million).
    await updateBudgetSettings(SHOP, { monthlyBudgetPicos: 10_000_000_000n, hardCap: true });
    for (let index = 0; index < 60; index++) env.claude.state.enqueueResponse({ usage: usage(300, 8_000) });
    const job = await draft("meta");
    await startDraft(SHOP, job.id, { autoApply: false });
    const runner = new SeoJobRunner({ concurrency: 1 });
    await runner.start(job.id);

    // A call is sent only when the most it could cost fits under the cap (docs/decisions/0017): the run stops before
    // the call that could pass it, so the month's spend stays within the budget.
    const stopped = await prisma.seoJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(stopped).toMatchObject({ status: "stopped", stopReason: "budget" });
    expect(stopped.message).toMatch(
      /^This month's AI budget of \$0\.01 has .+ left .+ less than this Claude call could cost .+ paused until [A-Z][a-z]{2} 1, \d{4}/,
    );
    const callsAtStop = env.claude.state.messageRequests().length;
    expect(callsAtStop).toBeGreaterThanOrEqual(1);
    expect(callsAtStop).toBeLessThan(3);
    const rowsAtStop = await drainedRows();
    expect(rowsAtStop).toHaveLength(callsAtStop);
    const spent = rowsAtStop.reduce((sum, row) => sum + (row.totalCostPicos ?? 0n), 0n);
    expect(spent).toBeLessThanOrEqual(10_000_000_000n);
    expect(await prisma.seoJobItem.count({ where: { jobId: job.id, status: "done" } })).toBe(callsAtStop);
    expect(await prisma.seoJobItem.count({ where: { jobId: job.id, status: "pending" } })).toBe(50 - callsAtStop);
    // Stopped, it makes no call, even when a runner is told to work on it; resumed at the cap, it stops again at once.
    await runner.start(job.id);
    expect(env.claude.state.messageRequests()).toHaveLength(callsAtStop);
    await resumeJob(SHOP, job.id);
    await runner.start(job.id);
    expect(env.claude.state.messageRequests()).toHaveLength(callsAtStop);
    expect(await prisma.seoJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      status: "stopped",
      stopReason: "budget",
    });

    await updateBudgetSettings(SHOP, { monthlyBudgetPicos: null, hardCap: false });
    await resumeJob(SHOP, job.id);
    await runner.start(job.id);
    expect(env.claude.state.messageRequests()).toHaveLength(50);
    expect(await prisma.seoJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      status: "completed",
      stopReason: null,
    });
  });
});

describe("surviving a restart", () => {
  test("after a shutdown mid-run, a new runner instance picks the job up and finishes it without redoing done items", async () => {
    const job = await draft("meta");
    await startDraft(SHOP, job.id, { autoApply: false });
    const answers = holdAnswersFrom(6);
    const before = new SeoJobRunner({ concurrency: 1 });
    void before.start(job.id);
    // Five items done, the sixth mid-call when the shutdown comes; the shutdown waits for it.
    await answers.holding(1);
    const stopping = before.shutdown();
    answers.release();
    await stopping;

    const interrupted = await jobItems(SHOP, job.id);
    const doneBefore = interrupted.filter((item) => item.status === "done");
    expect(doneBefore).toHaveLength(6);
    expect(await prisma.seoJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      status: "running",
    });
    expect(await prisma.seoJobItem.count({ where: { jobId: job.id, NOT: { leaseOwner: null } } })).toBe(0);

    const after = new SeoJobRunner({ concurrency: 2 });
    expect(await after.resumeInterruptedJobs()).toEqual([job.id]);
    await after.settled(job.id);

    const finished = await jobItems(SHOP, job.id);
    expect(finished.every((item) => item.status === "done")).toBe(true);
    for (const item of doneBefore)
      expect(finished.find((candidate) => candidate.id === item.id)!.requestId).toBe(item.requestId);
    expect(env.claude.state.messageRequests()).toHaveLength(50);
    expect(await drainedRows()).toHaveLength(50);
    expect(await prisma.seoJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "completed" });
  });

  test("an item a dead runner held mid-call is done again once its claim runs out; the rest goes on meanwhile", async () => {
    const job = await draft("meta");
    await startDraft(SHOP, job.id, { autoApply: false });
    const items = await jobItems(SHOP, job.id);
    // As a dead process left it: two items done, one cut off mid-call, its claim not yet run out.
    await prisma.seoJobItem.updateMany({
      where: { id: { in: [items[0]!.id, items[1]!.id] } },
      data: { status: "done", result: "{}", requestId: "req_before_crash" },
    });
    await prisma.seoJobItem.update({
      where: { id: items[2]!.id },
      data: {
        status: "running",
        attempts: 1,
        leaseOwner: "runner-that-died",
        leaseExpiresAt: new Date(Date.now() + 60_000),
      },
    });

    // Another runner does the items nobody holds, but not the one still claimed, so the run is not finished.
    const survivor = new SeoJobRunner();
    expect(await survivor.resumeInterruptedJobs()).toEqual([job.id]);
    await survivor.settled(job.id);
    expect(env.claude.state.messageRequests()).toHaveLength(47);
    expect(await jobStatus(job.id)).toBe("running");
    expect(await survivor.resumeInterruptedJobs()).toEqual([]);

    // Nobody renewed the claim: it has run out, and the next sweep does the item and finishes the run.
    await prisma.seoJobItem.update({
      where: { id: items[2]!.id },
      data: { leaseExpiresAt: new Date(Date.now() - 1_000) },
    });
    expect(await survivor.resumeInterruptedJobs()).toEqual([job.id]);
    await survivor.settled(job.id);

    expect(env.claude.state.messageRequests()).toHaveLength(48);
    const finished = await jobItems(SHOP, job.id);
    expect(finished.every((item) => item.status === "done")).toBe(true);
    expect(finished[2]!.attempts).toBe(2);
    expect(finished.slice(0, 2).map((item) => item.requestId)).toEqual(["req_before_crash", "req_before_crash"]);
    expect(await jobStatus(job.id)).toBe("completed");
  });

  test("two runners share one run item by item: every item is sent once, and the run completes once", async () => {
    const job = await draft("meta");
    await startDraft(SHOP, job.id, { autoApply: true });
    // Each runner's calls carry its name, so the local Claude server tells whose call each was.
    const runner = (name: string, concurrency: number) =>
      new SeoJobRunner({
        concurrency,
        anthropic: () => getAnthropicClient().withOptions({ defaultHeaders: { "x-test-runner": name } }),
      });
    const [first, second] = [runner("first", 2), runner("second", 3)];
    await Promise.all([first.start(job.id), second.start(job.id)]);

    const requests = env.claude.state.messageRequests();
    expect(requests).toHaveLength(50);
    const by = (name: string) => requests.filter((request) => request.headers["x-test-runner"] === name).length;
    expect(by("first")).toBeGreaterThan(0);
    expect(by("second")).toBeGreaterThan(0);
    expect(by("first") + by("second")).toBe(50);
    const items = await jobItems(SHOP, job.id);
    expect(items.every((item) => item.status === "done" && item.attempts === 1)).toBe(true);
    expect(items.every((item) => item.applyStatus === "applied")).toBe(true);
    // Each product was asked about once and written once.
    const asked = requests.map((request) => JSON.stringify((request.body as { messages: unknown }).messages));
    expect(new Set(asked).size).toBe(50);
    const writes = env.shopify.calls.filter((call) => call.operationName === "SeoProductUpdate");
    expect(writes).toHaveLength(50);
    expect(await drainedRows()).toHaveLength(50);
    expect(await jobStatus(job.id)).toBe("completed");
    expect(await prisma.seoJobItem.count({ where: { jobId: job.id, NOT: { leaseOwner: null } } })).toBe(0);
  });
});
