import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { getUsageRecorder, trackAPIUsage } from "~/lib/usage/index.server";
import { updateBudgetSettings } from "~/lib/budget/index.server";
import { forgetCatalog, getSeoJobRunner } from "~/lib/seo/index.server";
import { action as seoAction, loader as seoLoader } from "~/routes/app.seo._index";
import { loader as runsLoader } from "~/routes/app.seo.runs";
import { action as jobAction, loader as jobLoader } from "~/routes/app.seo.jobs.$jobId";
import { action as productAction, loader as productLoader } from "~/routes/app.seo.products.$productId";
import { seoDemoResponder } from "../../demo/claude-api";
import { DemoStore } from "../../demo/shopify/demo-store";
import { startClaudeTestServer, type ClaudeTestServer } from "../support/claude-test-server";
import { adminRequest, installShop, responseOf } from "../support/shopify-auth";
import { createSeoShopifyMock, fixtureCatalog, productUpdateUserErrors } from "../support/shopify-fixtures/seo-store";
import { createShop } from "../support/usage-fixtures";

/**
 * The SEO routes through the real `authenticate.admin` (session tokens signed like Shopify's), with Shopify's Admin
 * API at the network edge and Claude on the local Claude-compatible server. A shop only ever sees and touches its
 * own runs.
 */
const SHOP = "fern-valley.myshopify.com";
const OTHER_SHOP = "rival-outdoors.myshopify.com";
const STAFF = "7788";
const shopify = createSeoShopifyMock();
let claude: ClaudeTestServer;
let store: DemoStore;

beforeAll(async () => {
  shopify.server.listen({
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).hostname !== "127.0.0.1") print.error();
    },
  });
  claude = await startClaudeTestServer({ responder: seoDemoResponder });
  process.env.ANTHROPIC_BASE_URL = claude.baseURL;
  process.env.ANTHROPIC_API_KEY = "test-key";
});

afterAll(async () => {
  shopify.server.close();
  await claude.close();
});

beforeEach(async () => {
  await getUsageRecorder().drain();
  await prisma.seoJobItem.deleteMany();
  await prisma.seoJob.deleteMany();
  await prisma.aPIUsageLog.deleteMany();
  await prisma.usageRollupDaily.deleteMany();
  await prisma.usageDailyTotal.deleteMany();
  for (const shop of [SHOP, OTHER_SHOP]) {
    await createShop(shop, "UTC");
    await updateBudgetSettings(shop, { monthlyBudgetPicos: null, hardCap: false });
    await installShop(shop);
    forgetCatalog(shop);
  }
  store = new DemoStore(fixtureCatalog(8));
  shopify.serve(store);
  claude.state.reset();
});

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

function form(fields: Record<string, string | string[]>): FormData {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(key, item);
  return body;
}

async function post(shop: string, path: string, fields: Record<string, string | string[]>, staffUserId = STAFF) {
  return adminRequest(shop, path, { method: "POST", body: form(fields), staffUserId });
}

async function prepareRun(
  fields: Record<string, string | string[]> = { intent: "prepare", kind: "meta", scope: "all" },
) {
  const response = await responseOf(async () => seoAction(args(await post(SHOP, "/app/seo?index", fields))));
  expect(response.status).toBe(302);
  const location = response.headers.get("Location")!;
  expect(location).toMatch(/^\/app\/seo\/jobs\/[0-9a-f-]{36}$/);
  return location.split("/").pop()!;
}

async function jobCommand(shop: string, jobId: string, fields: Record<string, string>) {
  return responseOf(async () => jobAction(args(await post(shop, `/app/seo/jobs/${jobId}`, fields), { jobId })));
}

describe("the SEO page", () => {
  test("loads the shop's catalog with scores and the model settings", async () => {
    const result = (await seoLoader(args(await adminRequest(SHOP, "/app/seo")))) as unknown as {
      data: {
        overview: Promise<{
          products: Array<{ id: string; score: number }>;
          summary: { products: number };
          settings: unknown;
        }>;
      };
    };
    const overview = await result.data.overview;
    expect(overview.summary.products).toBe(8);
    expect(overview.products.map((product) => product.id)).toEqual(store.products.map((product) => product.id));
    expect(overview.settings).toEqual({ auditModel: "claude-sonnet-5-5", fixModel: "claude-haiku-5-5" });
  });

  test("a bulk run is prepared as a draft with its estimate, for this shop and the staff member, with no Claude call", async () => {
    const jobId = await prepareRun();
    const job = await prisma.seoJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(job).toMatchObject({
      shop: SHOP,
      status: "draft",
      kind: "meta",
      origin: "bulk",
      startedBy: STAFF,
      totalItems: 8,
    });
    expect(job.estimatePicos).toBeGreaterThan(0n);
    expect(claude.state.messageRequests()).toEqual([]);
  });

  test("a run over chosen products covers only them; an empty or invalid choice is refused with a message", async () => {
    const chosen = [store.products[1]!.id, store.products[4]!.id];
    const jobId = await prepareRun({ intent: "prepare", kind: "audit", scope: "selected", productIds: chosen });
    const items = await prisma.seoJobItem.findMany({ where: { jobId }, orderBy: { position: "asc" } });
    expect(items.map((item) => item.productId)).toEqual(chosen);

    const empty = await responseOf(async () =>
      seoAction(args(await post(SHOP, "/app/seo?index", { intent: "prepare", kind: "meta", scope: "selected" }))),
    );
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({ ok: false, error: "No products were chosen." });
    const invalid = await responseOf(async () =>
      seoAction(args(await post(SHOP, "/app/seo?index", { intent: "prepare", kind: "poetry", scope: "all" }))),
    );
    expect(invalid.status).toBe(400);
  });

  test("the model settings are saved for this shop only, and an unknown model is refused", async () => {
    const saved = await responseOf(async () =>
      seoAction(
        args(
          await post(SHOP, "/app/seo?index", {
            intent: "settings",
            auditModel: "claude-haiku-5-5",
            fixModel: "claude-haiku-5-5",
          }),
        ),
      ),
    );
    expect(saved.status).toBe(200);
    expect(await prisma.seoSettings.findMany()).toMatchObject([{ shop: SHOP, auditModel: "claude-haiku-5-5" }]);
    const refused = await responseOf(async () =>
      seoAction(
        args(
          await post(SHOP, "/app/seo?index", { intent: "settings", auditModel: "gpt-5", fixModel: "claude-haiku-5-5" }),
        ),
      ),
    );
    expect(refused.status).toBe(400);
  });
});

describe("a run's page", () => {
  test("starting a run works through it in the background; the page shows progress, spend and results", async () => {
    const jobId = await prepareRun();
    const started = await jobCommand(SHOP, jobId, { intent: "start", autoApply: "off" });
    expect(await started.json()).toEqual({ ok: true, message: "Run started." });
    await getSeoJobRunner().settled(jobId);
    await getUsageRecorder().drain();

    const page = await responseOf(async () =>
      jobLoader(args(await adminRequest(SHOP, `/app/seo/jobs/${jobId}`), { jobId })),
    );
    expect(page.status).toBe(200);
    const data = (await page.json()) as {
      job: { status: string; counts: { done: number }; spend: { calls: number; picos: string } };
      items: Array<{ suggestion: unknown }>;
    };
    expect(data.job).toMatchObject({ status: "completed", counts: { done: 8 }, spend: { calls: 8 } });
    expect(BigInt(data.job.spend.picos)).toBeGreaterThan(0n);
    expect(data.items.every((item) => item.suggestion !== null)).toBe(true);
    const rows = await prisma.aPIUsageLog.findMany({ where: { shop: SHOP } });
    expect(rows.map((row) => row.userId)).toEqual(Array(8).fill(STAFF));

    const runs = await responseOf(async () => runsLoader(args(await adminRequest(SHOP, "/app/seo/runs"))));
    expect(((await runs.json()) as { jobs: Array<{ id: string }> }).jobs.map((job) => job.id)).toEqual([jobId]);
  });

  test("applying one suggestion writes it to Shopify; Shopify's refusal comes back as a 422 with its message", async () => {
    const jobId = await prepareRun();
    await jobCommand(SHOP, jobId, { intent: "start" });
    await getSeoJobRunner().settled(jobId);
    const [first, second] = await prisma.seoJobItem.findMany({ where: { jobId }, orderBy: { position: "asc" } });

    const ok = await jobCommand(SHOP, jobId, {
      intent: "applyItem",
      itemId: String(first!.id),
      metaTitle: "Edited title",
      metaDescription: "Edited description",
    });
    expect(ok.status).toBe(200);
    expect(store.product(first!.productId)!.seo).toEqual({ title: "Edited title", description: "Edited description" });

    shopify.override({ SeoProductUpdate: productUpdateUserErrors() });
    const refused = await jobCommand(SHOP, jobId, {
      intent: "applyItem",
      itemId: String(second!.id),
      metaTitle: "T",
      metaDescription: "D",
    });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      ok: false,
      error: "seo.title: Seo title is too long (maximum is 70 characters)",
    });
  });

  test("another shop's token cannot see, start, cancel, discard or apply this shop's run", async () => {
    const jobId = await prepareRun();
    const before = await prisma.seoJob.findUniqueOrThrow({ where: { id: jobId } });

    const seen = await responseOf(async () =>
      jobLoader(args(await adminRequest(OTHER_SHOP, `/app/seo/jobs/${jobId}`), { jobId })),
    );
    expect(seen.status).toBe(404);
    for (const intent of ["start", "cancel", "discard", "pause", "resume", "applyAll"]) {
      const response = await jobCommand(OTHER_SHOP, jobId, { intent });
      expect(response.status, intent).toBe(404);
    }
    const item = await prisma.seoJobItem.findFirstOrThrow({ where: { jobId } });
    const apply = await jobCommand(OTHER_SHOP, jobId, {
      intent: "applyItem",
      itemId: String(item.id),
      metaTitle: "Hijacked",
      metaDescription: "x",
    });
    expect(apply.status).toBe(404);
    const runs = await responseOf(async () => runsLoader(args(await adminRequest(OTHER_SHOP, "/app/seo/runs"))));
    expect(await runs.json()).toEqual({ jobs: [] });

    expect(await prisma.seoJob.findUniqueOrThrow({ where: { id: jobId } })).toEqual(before);
    expect(claude.state.messageRequests()).toEqual([]);
    expect(shopify.calls.filter((call) => call.operationName === "SeoProductUpdate")).toEqual([]);
  });

  test("a request without a valid session token gets no run", async () => {
    const jobId = await prepareRun();
    const response = await responseOf(async () =>
      jobLoader(args(await adminRequest(SHOP, `/app/seo/jobs/${jobId}`, { secret: "not-the-app-secret" }), { jobId })),
    );
    expect([302, 401]).toContain(response.status);
  });

  test("at the hard cap the run page disables Start with the reason, and a start that gets through anyway is refused, never 'Run started'", async () => {
    const jobId = await prepareRun();
    // A budget already spent: one recorded call costs more than it.
    await trackAPIUsage({
      shop: SHOP,
      userId: STAFF,
      model: "claude-sonnet-4-5-20250929",
      endpoint: "fix_meta",
      inputTokens: 10_000,
      outputTokens: 1_000,
      latencyMs: 900,
    });
    await getUsageRecorder().drain();
    await updateBudgetSettings(SHOP, { monthlyBudgetPicos: 1_000_000n, hardCap: true });

    const page = await responseOf(async () =>
      jobLoader(args(await adminRequest(SHOP, `/app/seo/jobs/${jobId}`), { jobId })),
    );
    const data = (await page.json()) as { budget: { capReached: boolean; resetsOn: string } };
    expect(data.budget).toMatchObject({ capReached: true });
    expect(data.budget.resetsOn).toMatch(/^\d{4}-\d{2}-01$/);

    const refused = await jobCommand(SHOP, jobId, { intent: "start", autoApply: "off" });
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { ok: boolean; error: string; message?: string };
    expect(body.ok).toBe(false);
    expect(body.message).toBeUndefined();
    expect(body.error).toMatch(/^This month's AI budget of < \$0\.01 is used up/);
    expect(await prisma.seoJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ status: "draft" });
    expect(claude.state.messageRequests()).toEqual([]);
  });

  test("a draft can be discarded, and a finished run can no longer be paused", async () => {
    const jobId = await prepareRun();
    const discarded = await jobCommand(SHOP, jobId, { intent: "discard" });
    expect(discarded.status).toBe(302);
    expect(await prisma.seoJob.count()).toBe(0);
    expect(await prisma.seoJobItem.count()).toBe(0);

    const next = await prepareRun();
    await jobCommand(SHOP, next, { intent: "start" });
    await getSeoJobRunner().settled(next);
    const paused = await jobCommand(SHOP, next, { intent: "pause" });
    expect(paused.status).toBe(409);
    expect(await paused.json()).toEqual({ ok: false, error: "A completed run cannot be paused." });
  });
});

describe("a product's page", () => {
  const legacyId = "7000000002";

  test("shows the product's check; another shop's product id is just not found there", async () => {
    const page = await responseOf(async () =>
      productLoader(args(await adminRequest(SHOP, `/app/seo/products/${legacyId}`), { productId: legacyId })),
    );
    expect(page.status).toBe(200);
    const data = (await page.json()) as { row: { issues: Array<{ code: string }> }; product: { title: string } };
    expect(data.product.title).toBe("Test Product 002");
    expect(data.row.issues.map((issue) => issue.code)).toContain("missing_meta_description");

    const missing = await responseOf(async () =>
      productLoader(args(await adminRequest(SHOP, "/app/seo/products/42"), { productId: "42" })),
    );
    expect(missing.status).toBe(404);
    const notAnId = await responseOf(async () =>
      productLoader(args(await adminRequest(SHOP, "/app/seo/products/abc"), { productId: "abc" })),
    );
    expect(notAnId.status).toBe(404);
  });

  test("writing meta tags with Claude records the staff member's call and shows the suggestion on the page", async () => {
    const run = await responseOf(async () =>
      productAction(
        args(await post(SHOP, `/app/seo/products/${legacyId}`, { intent: "run", kind: "meta" }), {
          productId: legacyId,
        }),
      ),
    );
    expect(await run.json()).toEqual({ ok: true, message: "Claude's answer is ready to review." });
    await getUsageRecorder().drain();
    expect(await prisma.aPIUsageLog.findMany({ where: { shop: SHOP } })).toMatchObject([
      { endpoint: "fix_meta", userId: STAFF, resourceId: `gid://shopify/Product/${legacyId}` },
    ]);
    const page = await responseOf(async () =>
      productLoader(args(await adminRequest(SHOP, `/app/seo/products/${legacyId}`), { productId: legacyId })),
    );
    const data = (await page.json()) as { meta: { suggestion: { metaTitle: string } } };
    expect(data.meta.suggestion.metaTitle).toContain("Test Product 002");
  });

  test("when the monthly hard cap is reached, the button says so instead of calling Claude", async () => {
    await updateBudgetSettings(SHOP, { monthlyBudgetPicos: 1n, hardCap: true });
    // One call already made this month spends the $0.000000000001 budget.
    await trackAPIUsage({
      shop: SHOP,
      userId: STAFF,
      model: "claude-haiku-5-5",
      endpoint: "fix_meta",
      inputTokens: 1,
      outputTokens: 1,
    });
    await getUsageRecorder().drain();
    const run = await responseOf(async () =>
      productAction(
        args(await post(SHOP, `/app/seo/products/${legacyId}`, { intent: "run", kind: "audit" }), {
          productId: legacyId,
        }),
      ),
    );
    expect(run.status).toBe(502);
    expect(((await run.json()) as { error: string }).error).toMatch(/^This month's AI budget of < \$0\.01 is used up/);
    expect(claude.state.messageRequests()).toEqual([]);
  });
});
