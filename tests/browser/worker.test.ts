import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import path from "node:path";
import prisma from "~/db.server";
import { createSeoJob } from "~/lib/seo/index.server";
import { planItems } from "~/lib/seo";
import { catalogContextOf } from "~/lib/seo/seo-rules";
import { fixtureSeoCatalog } from "../support/shopify-fixtures/seo-store";
import { startClaudeTestServer, type ClaudeTestServer } from "../support/claude-test-server";
import { projectRoot, tmpDir } from "../support/paths";
import { createShop } from "../support/usage-fixtures";

/**
 * `npm run worker` (scripts/worker.mjs): a process of the production build that serves no pages and runs the
 * background work. A run a web process (PROCESS_ROLE=web) only created is picked up by the worker, every item runs
 * once, its calls are recorded, and SIGTERM ends the worker cleanly.
 */
const SHOP = "worker-shop.myshopify.com";
let claude: ClaudeTestServer;
let worker: ChildProcess | undefined;
let output = "";

// Products without meta tags, so every one gets a meta-tag item.
const catalog = fixtureSeoCatalog(8).map((product) => ({ ...product, seoTitle: "", seoDescription: "" }));

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, [path.join(projectRoot, "scripts/worker.mjs")], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      DATABASE_URL: process.env.DATABASE_URL,
      USAGE_JOURNAL_DIR: mkdtempSync(path.join(tmpDir, "worker-journal-")),
      SHOPIFY_API_KEY: "worker-test-key",
      SHOPIFY_API_SECRET: "worker-test-secret",
      SHOPIFY_APP_URL: "https://app.test.example",
      ANTHROPIC_API_KEY: "test-key",
      ANTHROPIC_BASE_URL: claude.baseURL,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return child;
}

beforeAll(async () => {
  claude = await startClaudeTestServer();
  await createShop(SHOP, "UTC");
});

afterAll(async () => {
  worker?.kill("SIGKILL");
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
    worker = startWorker();

    await expect
      .poll(async () => (await prisma.seoJob.findUniqueOrThrow({ where: { id: job.id } })).status, {
        timeout: 60_000,
        interval: 200,
      })
      .toBe("completed");
    expect(output).toMatch(/worker: running background work/);
    const done = await prisma.seoJobItem.findMany({ where: { jobId: job.id } });
    expect(done.map((item) => item.status)).toEqual(items.map(() => "done"));
    // One Claude request per item: none ran twice.
    expect(claude.state.requests).toHaveLength(items.length);
    // The worker wrote the calls it tracked.
    await expect
      .poll(() => prisma.aPIUsageLog.count({ where: { shop: SHOP, endpoint: "fix_meta" } }), { timeout: 20_000 })
      .toBe(items.length);

    const exited = new Promise<number | null>((resolve) => worker!.once("exit", (code) => resolve(code)));
    worker.kill("SIGTERM");
    expect(await exited, output).toBe(0);
    expect(output).toMatch(/worker: running background work/);
    expect(output).toMatch(/worker: SIGTERM: finishing the work in flight/);
    worker = undefined;
  }, 120_000);
});
