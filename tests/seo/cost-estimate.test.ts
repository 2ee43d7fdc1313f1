import { beforeEach, describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { getUsageRecorder } from "~/lib/usage/index.server";
import { priceCall } from "~/lib/pricing";
import {
  DEFAULT_CALL_TOKENS,
  estimateRun,
  DEFAULT_AUDIT_MODEL,
  DEFAULT_FIX_MODEL,
  getSeoSettings,
  InvalidSeoSettingsError,
  seoModelChoices,
  updateSeoSettings,
  createSeoJob,
} from "~/lib/seo/index.server";
import { planItems } from "~/lib/seo";
import { catalogContextOf } from "~/lib/seo/seo-rules";
import { promptFor } from "~/lib/seo/tasks";
import type { SeoProduct } from "~/lib/seo/product";
import { fixtureSeoCatalog } from "../support/shopify-fixtures/seo-store";
import { createShop } from "../support/usage-fixtures";

const SHOP = "moss-and-stone.myshopify.com";
const OTHER_SHOP = "other-store.myshopify.com";

beforeEach(async () => {
  await getUsageRecorder().drain();
  await prisma.seoJobItem.deleteMany();
  await prisma.seoJob.deleteMany();
  await prisma.seoSettings.deleteMany();
  await createShop(SHOP, "UTC");
  await createShop(OTHER_SHOP, "UTC");
});

/** The fixture catalog as the SEO work reads it from Shopify. */
const catalog = fixtureSeoCatalog(12);
const context = catalogContextOf(catalog);
const plannedMeta = planItems("meta", catalog.slice(0, 10), { context });

/** Finished items of an earlier run: each sent its prompt at exactly one token per 4 characters, and 100 tokens back. */
async function finishedRun(shop: string, model: string, products: SeoProduct[]) {
  const items = planItems("meta", products, { context });
  const job = await createSeoJob({ shop, kind: "meta", origin: "bulk", model, startedBy: "42", items });
  for (const [position, item] of items.entries()) {
    await prisma.seoJobItem.updateMany({
      where: { jobId: job.id, position },
      data: {
        status: "done",
        inputTokens: Math.round(promptFor(item).length / 4),
        outputTokens: 100,
        cacheReadTokens: 3_000,
      },
    });
  }
}

const price = (model: string, input: number, output: number, cacheRead: number) =>
  priceCall(model, {
    inputTokens: Math.round(input),
    outputTokens: output,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    cacheReadTokens: cacheRead,
    webSearchRequests: 0,
  })!.totalPicos;

/** Within 0.5 %: the history's token counts are whole numbers, so its tokens per character are not exactly ¼. */
function expectNear(actual: bigint, expected: bigint) {
  const gap = actual > expected ? actual - expected : expected - actual;
  expect(gap * 200n <= expected, `${actual} is not within 0.5 % of ${expected}`).toBe(true);
}

const centerOf = (model: string, output: number, cacheRead: number) =>
  plannedMeta.reduce((sum, item) => sum + price(model, promptFor(item).length / 4, output, cacheRead), 0n);

describe("the cost estimate shown before a run", () => {
  test("a shop with no runs of the task gets this app's typical item, from half to twice its price", async () => {
    const estimate = await estimateRun(SHOP, {
      kind: "meta",
      model: "claude-haiku-5-5",
      products: 10,
      items: plannedMeta,
    });
    const center = centerOf("claude-haiku-5-5", DEFAULT_CALL_TOKENS.fix_meta.outputTokens, 2_800);
    expect(estimate).toMatchObject({ basis: "default", historyItems: 0, calls: 10, lowPicos: center / 2n });
    expect(estimate.highPicos!).toBeGreaterThan(center * 2n);
    expect(estimate.explanation).toContain("Your store has no “Meta titles and descriptions” runs yet");
  });

  test("with five or more finished items of the task on the model, each planned item is priced from its own prompt", async () => {
    await finishedRun(SHOP, "claude-haiku-5-5", catalog.slice(6, 12));
    // Another shop's runs say nothing about this one.
    await finishedRun(OTHER_SHOP, "claude-haiku-5-5", catalog.slice(0, 6));

    const estimate = await estimateRun(SHOP, {
      kind: "meta",
      model: "claude-haiku-5-5",
      products: 10,
      items: plannedMeta,
    });
    // The history followed its rule (1 token per 4 characters, rounded; 100 out; 3,000 cached): next to no miss, so
    // the range is the sum ± 5 %, and the high end adds two cold-cache writes of the 3,000-token prefix.
    const center = centerOf("claude-haiku-5-5", 100, 3_000);
    const fivePercent = (center * 5n) / 100n;
    // Haiku 5.5 writes the cache at $0.125 and reads it at $0.01 per MTok: 2 × 3,000 × ($0.125 − $0.01)/MTok.
    const coldStart = 2n * 3_000n * (125_000n - 10_000n);
    expect(estimate).toMatchObject({ basis: "history", historyItems: 6 });
    expectNear(estimate.lowPicos!, center - fivePercent);
    expectNear(estimate.highPicos!, center + fivePercent + coldStart);
    expect(estimate.explanation).toMatch(
      /^From the last 6 products your store ran “Meta titles and descriptions” on with Claude Haiku 5\.5, for these products' own text: about \$0\.\d\d per 1,000 products at today's list price/,
    );
  });

  test("a model the shop has not used yet starts from the task's items on other models, with a wider range", async () => {
    await finishedRun(SHOP, "claude-sonnet-5-5", catalog.slice(6, 12));
    const estimate = await estimateRun(SHOP, {
      kind: "meta",
      model: "claude-haiku-5-5",
      products: 10,
      items: plannedMeta,
    });
    const center = centerOf("claude-haiku-5-5", 100, 3_000);
    expect(estimate.basis).toBe("other-models");
    expectNear(estimate.lowPicos!, center - (center * 25n) / 100n);
    expect(estimate.explanation).toContain(
      "Your store has not run “Meta titles and descriptions” on Claude Haiku 5.5 yet",
    );
  });

  test("alt-text runs count images, and a model without a price gives an unknown estimate, never $0", async () => {
    const images = planItems("alt_text", catalog, { context });
    const alt = await estimateRun(SHOP, { kind: "alt_text", model: "claude-sonnet-5-5", products: 12, items: images });
    expect(alt.headline).toMatch(new RegExp(`for ${images.length} images on 12 products$`));
    const audits = planItems("audit", catalog.slice(0, 3), { context });
    const unknown = await estimateRun(SHOP, { kind: "audit", model: "claude-imaginary-9", products: 3, items: audits });
    expect(unknown).toMatchObject({ totalPicos: null, lowPicos: null, headline: "an unknown amount for 3 products" });
  });
});

describe("the model settings", () => {
  test("default to the cheapest current model for fixes and Sonnet for audits, both priced by the catalog", async () => {
    expect(await getSeoSettings(SHOP)).toEqual({ auditModel: DEFAULT_AUDIT_MODEL, fixModel: DEFAULT_FIX_MODEL });
    const choices = seoModelChoices();
    expect(choices.map((choice) => choice.id)).toEqual(
      expect.arrayContaining([DEFAULT_AUDIT_MODEL, DEFAULT_FIX_MODEL]),
    );
    expect(choices[0]!.label).toBe("Claude Haiku 5.5 ($0.10 in / $0.50 out per million tokens)");
    expect(choices.some((choice) => choice.id === "claude-3-opus-20240229")).toBe(false);
  });

  test("accept a model by alias, store its canonical id, and refuse one the app cannot price", async () => {
    expect(await updateSeoSettings(SHOP, { auditModel: "claude-opus-5-5", fixModel: "claude-haiku-4-5" })).toEqual({
      auditModel: "claude-opus-5-5",
      fixModel: "claude-haiku-4-5-20251001",
    });
    expect(await getSeoSettings(SHOP)).toEqual({
      auditModel: "claude-opus-5-5",
      fixModel: "claude-haiku-4-5-20251001",
    });
    await expect(updateSeoSettings(SHOP, { auditModel: "gpt-5", fixModel: DEFAULT_FIX_MODEL })).rejects.toThrow(
      InvalidSeoSettingsError,
    );
    expect(await getSeoSettings(OTHER_SHOP)).toEqual({ auditModel: DEFAULT_AUDIT_MODEL, fixModel: DEFAULT_FIX_MODEL });
  });
});
