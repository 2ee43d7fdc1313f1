import { describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { getUsageRecorder } from "~/lib/usage/index.server";
import {
  SeoJobRunner,
  createSeoJob,
  jobItems,
  readCatalog,
  applySuggestionNow,
  runProductTask,
} from "~/lib/seo/index.server";
import { planItems } from "~/lib/seo";
import { fileUpdateUserErrors, productUpdateUserErrors } from "../support/shopify-fixtures/seo-store";
import { usage, setUpSeoTestEnvironment } from "./seo-test-environment";

/**
 * One product's SEO work, end to end: the catalog read from Shopify at the network edge, Claude answered by the
 * local Claude-compatible server through the real SDK, every call tracked, and fixes written back only on apply.
 */
const SHOP = "juniper-trail.myshopify.com";
const env = setUpSeoTestEnvironment(SHOP, 6);
// fixtureCatalog: product 1 is complete but for one image, 2 has no meta tags, 6 has no alt text at all.
const PRODUCT_1 = "gid://shopify/Product/7000000001";
const PRODUCT_2 = "gid://shopify/Product/7000000002";
const PRODUCT_6 = "gid://shopify/Product/7000000006";

async function usageRows() {
  await getUsageRecorder().drain();
  return prisma.aPIUsageLog.findMany({ where: { shop: SHOP }, orderBy: { timestamp: "asc" } });
}

function mutations() {
  return env.shopify.calls.filter(
    (call) => call.operationName === "SeoProductUpdate" || call.operationName === "SeoImageAltUpdate",
  );
}

describe("a product audit", () => {
  test("records one analyze_product call for the product, with the staff member, tokens and exact cost, in the rollups too", async () => {
    env.claude.state.enqueueResponse({ usage: usage(1_200, 300, 2_763) });
    const { items, problem } = await runProductTask(SHOP, env.admin, {
      productId: PRODUCT_2,
      kind: "audit",
      startedBy: "42",
    });

    expect(problem).toBeNull();
    expect(items).toHaveLength(1);
    expect(items[0]!.audit!.findings.length).toBeGreaterThan(0);
    expect(items[0]!.audit!.findings.map((finding) => finding.area)).toContain("meta_description");

    const [request] = env.claude.state.messageRequests();
    const body = request!.body as Record<string, unknown>;
    expect(body).toMatchObject({
      model: "claude-sonnet-5-5",
      tool_choice: { type: "tool", name: "record_product_audit" },
      system: [{ type: "text", cache_control: { type: "ephemeral" } }],
    });
    expect((body.tools as unknown[]).length).toBe(3);
    expect(JSON.stringify(body.messages)).toContain("Test Product 002");

    const rows = await usageRows();
    expect(rows).toHaveLength(1);
    // Sonnet 5.5 in pico-dollars: 1,200 input × 2,000,000 + 300 output × 10,000,000 + 2,763 cache reads × 100,000.
    expect(rows[0]).toMatchObject({
      userId: "42",
      model: "claude-sonnet-5-5",
      endpoint: "analyze_product",
      resourceType: "product",
      resourceId: PRODUCT_2,
      fixType: null,
      inputTokens: 1_200,
      outputTokens: 300,
      cacheReadInputTokens: 2_763,
      status: "success",
      requestId: request!.requestId,
      totalCostPicos: 2_400_000_000n + 3_000_000_000n + 276_300_000n,
    });
    const rollup = await prisma.usageRollupDaily.findMany({ where: { shop: SHOP } });
    expect(rollup).toMatchObject([
      { endpoint: "analyze_product", resourceType: "product", userId: "42", calls: 1, costPicos: 5_676_300_000n },
    ]);
    expect(mutations()).toEqual([]);
  });
});

describe("meta tags", () => {
  test("Claude's suggestion is previewed, edited by the merchant and written by productUpdate only on apply", async () => {
    const { items } = await runProductTask(SHOP, env.admin, { productId: PRODUCT_2, kind: "meta", startedBy: "42" });
    const item = items[0]!;
    expect(item.suggestion).toMatchObject({ kind: "meta", metaTitle: expect.stringContaining("Test Product 002") });
    expect(mutations()).toEqual([]);
    expect(env.store.product(PRODUCT_2)!.seo).toEqual({ title: null, description: null });

    const edited = {
      metaTitle: "Test Product 002 – Storm-Proof Tent",
      metaDescription: "Edited by the merchant before applying.",
    };
    const outcome = await applySuggestionNow(SHOP, env.admin, item.id, edited);

    expect(outcome).toEqual({ ok: true, written: edited });
    expect(env.store.product(PRODUCT_2)!.seo).toEqual({ title: edited.metaTitle, description: edited.metaDescription });
    expect(mutations().map((call) => call.variables)).toEqual([
      { product: { id: PRODUCT_2, seo: { title: edited.metaTitle, description: edited.metaDescription } } },
    ]);
    expect(await prisma.seoJobItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      applyStatus: "applied",
      applied: JSON.stringify(edited),
    });

    const rows = await usageRows();
    expect(rows).toMatchObject([
      {
        endpoint: "fix_meta",
        fixType: "meta",
        resourceType: "product",
        resourceId: PRODUCT_2,
        userId: "42",
        model: "claude-haiku-5-5",
        status: "success",
      },
    ]);
    expect(rows[0]!.totalCostPicos).toBeGreaterThan(0n);
  });

  test("Shopify's userErrors are shown to the merchant and the suggestion is not marked applied", async () => {
    const { items } = await runProductTask(SHOP, env.admin, { productId: PRODUCT_2, kind: "meta", startedBy: "42" });
    env.shopify.override({
      SeoProductUpdate: productUpdateUserErrors("Seo title contains a word that is not allowed"),
    });

    const outcome = await applySuggestionNow(SHOP, env.admin, items[0]!.id, {
      metaTitle: "A title",
      metaDescription: "A description",
    });

    expect(outcome).toEqual({ ok: false, error: "seo.title: Seo title contains a word that is not allowed" });
    expect(await prisma.seoJobItem.findUniqueOrThrow({ where: { id: items[0]!.id } })).toMatchObject({
      applyStatus: "failed",
      applyError: "seo.title: Seo title contains a word that is not allowed",
      appliedAt: null,
    });
    expect(env.store.product(PRODUCT_2)!.seo).toEqual({ title: null, description: null });
  });

  test("an edit past Shopify's limits is refused before anything is sent", async () => {
    const { items } = await runProductTask(SHOP, env.admin, { productId: PRODUCT_2, kind: "meta", startedBy: "42" });
    const outcome = await applySuggestionNow(SHOP, env.admin, items[0]!.id, {
      metaTitle: "x".repeat(71),
      metaDescription: "ok",
    });
    expect(outcome).toEqual({ ok: false, error: "The meta title is longer than Shopify's 70-character limit" });
    expect(mutations()).toEqual([]);
  });
});

describe("image alt text", () => {
  test("each image without alt text gets one alt_text call recorded against the image, and fileUpdate writes the applied one", async () => {
    const { items } = await runProductTask(SHOP, env.admin, {
      productId: PRODUCT_6,
      kind: "alt_text",
      startedBy: "42",
    });
    const images = env.store.product(PRODUCT_6)!.images;
    expect(items.map((item) => item.resourceId)).toEqual(images.map((image) => image.id));
    expect(items.every((item) => item.suggestion?.kind === "alt_text" && item.suggestion.altText.length <= 125)).toBe(
      true,
    );

    const rows = await usageRows();
    expect(rows.map((row) => [row.endpoint, row.fixType, row.resourceType, row.resourceId])).toEqual(
      images.map((image) => ["alt_text", "alt_text", "image", image.id]),
    );

    const first = items[0]!;
    const suggestion = first.suggestion!;
    const altText = suggestion.kind === "alt_text" ? suggestion.altText : "";
    expect(await applySuggestionNow(SHOP, env.admin, first.id, { altText })).toEqual({
      ok: true,
      written: { altText },
    });
    expect(env.store.image(images[0]!.id)!.image.alt).toBe(altText);
    expect(env.store.image(images[1]!.id)!.image.alt).toBe("");
    expect(mutations().map((call) => call.variables)).toEqual([{ files: [{ id: images[0]!.id, alt: altText }] }]);
  });

  test("a file Shopify cannot update yet keeps its old alt text and says why", async () => {
    const { items } = await runProductTask(SHOP, env.admin, {
      productId: PRODUCT_1,
      kind: "alt_text",
      startedBy: "42",
    });
    expect(items).toHaveLength(1);
    env.shopify.override({ SeoImageAltUpdate: fileUpdateUserErrors() });
    const outcome = await applySuggestionNow(SHOP, env.admin, items[0]!.id, { altText: "Test Product 001, packed" });
    expect(outcome).toEqual({ ok: false, error: "files.0.id: Non-ready files cannot be updated." });
    expect(env.store.image(items[0]!.resourceId)!.image.alt).toBe("");
  });
});

describe("malformed answers", () => {
  const badAnswers: Array<[string, unknown[]]> = [
    ["no tool_use block", [{ type: "text", text: "Sure! Here are some ideas for your meta tags." }]],
    ["tool input that is not JSON", [{ type: "tool_use", name: "write_meta_tags", input: "{not json" }]],
    ["the wrong fields", [{ type: "tool_use", name: "write_meta_tags", input: { title: "A", description: "B" } }]],
    [
      "a meta title too long",
      [
        {
          type: "tool_use",
          name: "write_meta_tags",
          input: { metaTitle: "x".repeat(90), metaDescription: "Fine.", focusKeyword: "x" },
        },
      ],
    ],
  ];

  test.each(badAnswers)(
    "%s fails that item only, records the parse error, and the call is still tracked as a success",
    async (_name, content) => {
      const { products } = await readCatalog(env.admin);
      const job = await createSeoJob({
        shop: SHOP,
        kind: "meta",
        origin: "bulk",
        model: "claude-haiku-5-5",
        startedBy: "42",
        items: planItems("meta", products.slice(0, 4)),
      });
      // The second request of the run gets the bad answer; the others are answered normally.
      env.claude.state.enqueueResponse({});
      env.claude.state.enqueueResponse({ content: content as never });
      await new SeoJobRunner({ concurrency: 1 }).start(job.id);

      const items = await jobItems(SHOP, job.id);
      expect(items.map((item) => item.status)).toEqual(["done", "failed", "done", "done"]);
      expect(items[1]).toMatchObject({ errorKind: "parse", error: expect.stringMatching(/^Claude/) });
      expect(items[1]!.requestId).toBe(env.claude.state.messageRequests()[1]!.requestId);
      expect(await prisma.seoJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "completed" });

      const rows = await usageRows();
      expect(rows).toHaveLength(4);
      expect(rows.every((row) => row.status === "success")).toBe(true);
      expect(rows.find((row) => row.requestId === items[1]!.requestId)!.outputTokens).toBeGreaterThan(0);
    },
  );
});
