import { afterAll, beforeAll, describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { createSeoJob } from "~/lib/seo/index.server";
import { planItems } from "~/lib/seo";
import { catalogContextOf } from "~/lib/seo/seo-rules";
import { fixtureSeoCatalog } from "../support/shopify-fixtures/seo-store";
import { startClaudeTestServer, type ClaudeTestServer } from "../support/claude-test-server";
import { createShop } from "../support/usage-fixtures";
import { startWorkerProcess, type WorkerProcess } from "../support/worker-process";

/**
 * `npm run worker` (scripts/worker.mjs): a process of the production build that serves no pages and runs the
 * background work. A run a web process (PROCESS_ROLE=web) only created is picked up by the worker, every item runs
 * once, its calls are recorded, and SIGTERM ends the worker cleanly.
 */
const SHOP = "worker-shop.myshopify.com";
let claude: ClaudeTestServer;
let worker: WorkerProcess | undefined;

// Products without meta tags, so every one gets a meta-tag item.
const catalog = fixtureSeoCatalog(8).map((product) => ({ ...product, seoTitle: "", seoDescription: "" }));

beforeAll(async () => {
  claude = await startClaudeTestServer();
  await createShop(SHOP, "UTC");
});

afterAll(async () => {
  await worker?.stop("SIGKILL");
  await claude?.close();
});

describe("npm run worker", () => {
  test("runs a run the web process only created, each item once, and stops cleanly on SIGTERM", async () => {
    const items = planItems("meta", catalog, { context: catalogContextOf(catalog) });
    const job = await createSeoJob({
      shop: SHOP,
      kind: "meta",
      origin: "bulk",
      model: "claude-haiku-4-5",
      startedBy: "42",
      items,
    });
    worker = startWorkerProcess({ ANTHROPIC_BASE_URL: claude.baseURL });

    await expect
      .poll(async () => (await prisma.seoJob.findUniqueOrThrow({ where: { id: job.id } })).status, {
        timeout: 60_000,
        interval: 200,
      })
      .toBe("completed");
    expect(worker.output()).toMatch(/worker: running background work/);
    const done = await prisma.seoJobItem.findMany({ where: { jobId: job.id } });
    expect(done.map((item) => item.status)).toEqual(items.map(() => "done"));
    // One Claude request per item: none ran twice.
    expect(claude.state.requests).toHaveLength(items.length);
    // The worker wrote the calls it tracked.
    await expect
      .poll(() => prisma.aPIUsageLog.count({ where: { shop: SHOP, endpoint: "fix_meta" } }), { timeout: 20_000 })
      .toBe(items.length);

    expect(await worker.stop("SIGTERM"), worker.output()).toBe(0);
    expect(worker.output()).toMatch(/worker: SIGTERM: finishing the work in flight/);
    worker = undefined;
  }, 120_000);
});
