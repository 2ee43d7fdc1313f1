import { beforeEach, describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { getUsageRecorder, trackAPIUsage } from "~/lib/usage/index.server";
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
} from "~/lib/seo/index.server";
import { callParams, createShop } from "../support/usage-fixtures";

const SHOP = "moss-and-stone.myshopify.com";
const OTHER_SHOP = "other-store.myshopify.com";

beforeEach(async () => {
  await getUsageRecorder().drain();
  await prisma.aPIUsageLog.deleteMany();
  await prisma.usageRollupDaily.deleteMany();
  await prisma.seoSettings.deleteMany();
  await createShop(SHOP, "UTC");
  await createShop(OTHER_SHOP, "UTC");
});

async function history(
  shop: string,
  endpoint: string,
  calls: number,
  tokens: { input: number; output: number; cacheRead: number },
) {
  for (let index = 0; index < calls; index++) {
    await trackAPIUsage(
      callParams(shop, {
        endpoint,
        model: "claude-sonnet-5-5",
        inputTokens: tokens.input,
        outputTokens: tokens.output,
        cacheReadInputTokens: tokens.cacheRead,
      }),
    );
  }
  await getUsageRecorder().drain();
}

describe("the cost estimate shown before a run", () => {
  test("a shop with no history is estimated from a typical call of the endpoint at the model's list price", async () => {
    const estimate = await estimateRun(SHOP, { kind: "meta", model: "claude-haiku-5-5", products: 60, calls: 60 });
    const typical = DEFAULT_CALL_TOKENS.fix_meta;
    const perCall = priceCall("claude-haiku-5-5", {
      inputTokens: typical.inputTokens,
      outputTokens: typical.outputTokens,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      cacheReadTokens: typical.cacheReadTokens,
      webSearchRequests: 0,
    })!.totalPicos;
    expect(estimate).toMatchObject({
      basis: "default",
      historyCalls: 0,
      calls: 60,
      totalPicos: perCall * 60n,
      modelName: "Claude Haiku 5.5",
    });
    expect(estimate.explanation).toContain("since your store has fewer than 5 such calls in the last 90 days");
  });

  test("with five or more calls of the endpoint, the shop's own average tokens per successful call are used", async () => {
    await history(SHOP, "fix_meta", 5, { input: 400, output: 100, cacheRead: 3_000 });
    // Failed calls carry no tokens and must not pull the average down.
    for (let index = 0; index < 3; index++) {
      await trackAPIUsage(
        callParams(SHOP, {
          endpoint: "fix_meta",
          inputTokens: 0,
          outputTokens: 0,
          status: "error",
          errorType: "overloaded_error",
        }),
      );
    }
    await history(OTHER_SHOP, "fix_meta", 20, { input: 9_000, output: 9_000, cacheRead: 0 });

    const estimate = await estimateRun(SHOP, { kind: "meta", model: "claude-haiku-5-5", products: 60, calls: 60 });
    // Haiku 5.5 per call: 400 × 100,000 + 100 × 500,000 + 3,000 × 10,000 = 120,000,000 picos; × 60 calls.
    expect(estimate).toMatchObject({
      basis: "history",
      historyCalls: 5,
      perCall: { inputTokens: 400, outputTokens: 100, cacheReadTokens: 3_000, cacheWriteTokens: 0 },
      totalPicos: 7_200_000_000n,
      headline: "less than $0.01 for 60 products",
    });
    expect(estimate.explanation).toBe(
      "60 Claude calls × your store's average fix_meta call over the last 90 days (5 calls: 400 input, 3,000 read from the prompt cache and 100 output tokens per call), at Claude Haiku 5.5's list price ($0.000120 per call). Answers vary in length, so the final cost can differ a little.",
    );
  });

  test("alt-text runs count images, and a model without a price gives an unknown estimate, never $0", async () => {
    const alt = await estimateRun(SHOP, { kind: "alt_text", model: "claude-sonnet-5-5", products: 50, calls: 72 });
    expect(alt.headline).toMatch(/^about \$0\.\d+ for 72 images on 50 products$/);
    const unknown = await estimateRun(SHOP, { kind: "audit", model: "claude-imaginary-9", products: 3, calls: 3 });
    expect(unknown).toMatchObject({ totalPicos: null, headline: "an unknown amount for 3 products" });
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
