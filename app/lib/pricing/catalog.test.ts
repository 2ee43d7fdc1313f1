import { describe, expect, test } from "vitest";
import { listCatalogModels, resolveModel, type TokenPrices } from "./index";
import { effectiveFromMillis } from "./catalog";
import { picosPerToken, ratesFor, usOnlyRates } from "./rates";

const models = listCatalogModels();
const COLUMNS = ["input", "cacheWrite5m", "cacheWrite1h", "cacheRead", "output"] as const;
const PLAIN_PRICE = /^\d+(\.\d{1,5})?$/;

function everyPriceRow(): { label: string; prices: TokenPrices }[] {
  return models.flatMap((model) =>
    model.pricePeriods.flatMap((period) => [
      { label: `${model.id} from ${period.effectiveFrom}`, prices: period.prices },
      ...(period.longContext
        ? [{ label: `${model.id} from ${period.effectiveFrom}, long context`, prices: period.longContext.prices }]
        : []),
    ]),
  );
}

describe("the price data", () => {
  test("no two models share an id or an alias, and no alias is another model's id", () => {
    const names = models.flatMap((model) => [model.id, ...model.aliases]);
    expect(new Set(names).size).toBe(names.length);
  });

  test("every id and alias is a lowercase Claude API model name", () => {
    for (const name of models.flatMap((model) => [model.id, ...model.aliases])) {
      expect(name).toMatch(/^claude-[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  test("every model's id names its family", () => {
    for (const model of models) expect(model.id, model.id).toContain(model.family);
  });

  test("every price row has all five prices, each a plain non-negative decimal", () => {
    for (const { label, prices } of everyPriceRow()) {
      expect(Object.keys(prices).sort(), label).toEqual([...COLUMNS].sort());
      for (const column of COLUMNS) {
        expect(prices[column], `${label} ${column}`).toMatch(PLAIN_PRICE);
        expect(picosPerToken(prices[column]) >= 0n, `${label} ${column}`).toBe(true);
      }
    }
  });

  test("every price halves to a whole number of pico-dollars, so batch prices stay exact", () => {
    for (const { label, prices } of everyPriceRow()) {
      for (const column of COLUMNS) expect(picosPerToken(prices[column]) % 2n, `${label} ${column}`).toBe(0n);
    }
  });

  test("every model has a price period, or says why it has none; periods are dated, in strictly increasing order", () => {
    for (const model of models) {
      if (model.pricePeriods.length === 0) expect(model.unpricedNote?.length, model.id).toBeGreaterThan(0);
      const starts = model.pricePeriods.map((period) => effectiveFromMillis(period.effectiveFrom));
      for (const start of starts) expect(Number.isNaN(start), model.id).toBe(false);
      for (let i = 1; i < starts.length; i += 1) {
        expect(starts[i]! > starts[i - 1]!, `${model.id} period ${i}`).toBe(true);
      }
    }
  });

  test("every long-context tier starts above a whole, positive number of prompt tokens", () => {
    for (const model of models) {
      for (const period of model.pricePeriods) {
        if (!period.longContext) continue;
        expect(Number.isSafeInteger(period.longContext.aboveInputTokens), model.id).toBe(true);
        expect(period.longContext.aboveInputTokens, model.id).toBeGreaterThan(0);
      }
    }
  });

  test("every price period and mode listing cites the Anthropic page it came from and when it was read", () => {
    const ANTHROPIC_PAGE =
      /^https:\/\/(platform\.claude\.com|docs\.anthropic\.com|support\.claude\.com|code\.claude\.com)\//;
    for (const model of models) {
      const sources = [
        ...model.pricePeriods.map((period) => period.source),
        model.usOnlyInference.source,
        ...(model.fastMode.offered ? [model.fastMode.source] : []),
      ];
      for (const source of sources) {
        expect(source.url, model.id).toMatch(ANTHROPIC_PAGE);
        expect(Number.isNaN(effectiveFromMillis(source.readOn)), model.id).toBe(false);
        expect(source.copyShows.length, model.id).toBeGreaterThan(0);
      }
    }
  });

  test("every US-only (1.1x) rate is a whole number of picos that halves exactly for the Batch API", () => {
    for (const model of models.filter((candidate) => candidate.usOnlyInference.multiplier === "1.1")) {
      for (const period of model.pricePeriods) {
        for (const prices of [period.prices, ...(period.longContext ? [period.longContext.prices] : [])]) {
          const listed = ratesFor(prices);
          const us = usOnlyRates(listed);
          for (const column of COLUMNS) {
            expect(us[column] * 10n, `${model.id} ${column}`).toBe(listed[column] * 11n);
            expect(us[column] % 2n, `${model.id} ${column}`).toBe(0n);
          }
        }
      }
    }
  });

  test("US-only inference is 1.1x from Opus 4.6 and Sonnet 4.6 on, standard before (the help centre's list)", () => {
    const multiplier = (id: string) => resolveModel(id)?.usOnlyInference.multiplier;
    for (const id of [
      "claude-opus-4-6",
      "claude-sonnet-4-6",
      "claude-opus-5-5",
      "claude-haiku-5-5",
      "claude-fable-5-2",
    ]) {
      expect(multiplier(id), id).toBe("1.1");
    }
    for (const id of ["claude-opus-4-5", "claude-sonnet-4-5", "claude-haiku-4-5", "claude-3-haiku-20240307"]) {
      expect(multiplier(id), id).toBe("1");
    }
  });

  test("the lineup covers the Fable, Mythos, Opus, Sonnet and Haiku lines", () => {
    expect(new Set(models.map((model) => model.family))).toEqual(
      new Set(["fable", "mythos", "opus", "sonnet", "haiku"]),
    );
  });

  test("the whole price table matches the reviewed copy, so any price change shows in review", async () => {
    const unpriced = "| unknown | unknown | unknown | unknown | unknown |";
    const lines = models.flatMap((model) =>
      model.pricePeriods.length === 0
        ? [`| ${model.id} | ${model.aliases.join(", ")} | ${model.status} | — | any ${unpriced}`]
        : pricedLines(model),
    );
    const modes = models.map((model) => {
      const fast = model.fastMode.offered ? `offered (${model.fastMode.note}), price unknown` : "not offered";
      return `| ${model.id} | ${fast} | ×${model.usOnlyInference.multiplier} |`;
    });
    const table = [
      "USD per million tokens, as listed by Anthropic (see catalog-data.ts for sources).",
      "",
      "| model | aliases | status | from | prompt tokens | input | 5m write | 1h write | cache read | output |",
      "|---|---|---|---|---|---|---|---|---|---|",
      ...lines,
      "",
      "Modes: fast mode (`speed: fast`) and US-only inference (`inference_geo: us`, multiplies every token price).",
      "",
      "| model | fast mode | US-only inference |",
      "|---|---|---|",
      ...modes,
      "",
    ].join("\n");
    await expect(table).toMatchFileSnapshot("./__snapshots__/price-table.md");
  });

  function pricedLines(model: (typeof models)[number]): string[] {
    return model.pricePeriods.flatMap((period) => {
      const cells = (prices: TokenPrices) => COLUMNS.map((column) => prices[column]).join(" | ");
      const tier = period.longContext;
      const promptSize = tier ? `≤ ${tier.aboveInputTokens}` : "any";
      const main = `| ${model.id} | ${model.aliases.join(", ")} | ${model.status} | ${period.effectiveFrom} | ${promptSize} | ${cells(period.prices)} |`;
      return tier
        ? [main, `| ${model.id} | | | ${period.effectiveFrom} | > ${tier.aboveInputTokens} | ${cells(tier.prices)} |`]
        : [main];
    });
  }
});

describe("resolveModel", () => {
  test("an alias resolves to the model's dated id", () => {
    expect(resolveModel("claude-sonnet-4-5")?.id).toBe("claude-sonnet-4-5-20250929");
    expect(resolveModel("claude-3-5-haiku-latest")?.id).toBe("claude-3-5-haiku-20241022");
    expect(resolveModel("claude-opus-4-0")?.id).toBe("claude-opus-4-20250514");
    expect(resolveModel("claude-haiku-4-5")?.id).toBe("claude-haiku-4-5-20251001");
  });

  test("a dated id and a dateless id resolve to themselves", () => {
    expect(resolveModel("claude-sonnet-4-5-20250929")?.displayName).toBe("Claude Sonnet 4.5");
    expect(resolveModel("claude-fable-5-1")?.displayName).toBe("Claude Fable 5.1");
  });

  test("a model Anthropic lists without a published price resolves, with no price period and a note", () => {
    for (const id of ["claude-mythos-5-2", "claude-mythos-preview"]) {
      expect(resolveModel(id)?.pricePeriods, id).toEqual([]);
      expect(resolveModel(id)?.unpricedNote, id).toBeTruthy();
    }
  });

  test("case and surrounding spaces do not matter", () => {
    expect(resolveModel("  Claude-Sonnet-4-5 ")?.id).toBe("claude-sonnet-4-5-20250929");
  });

  test("a model that does not exist, or only part of a real id, resolves to nothing", () => {
    expect(resolveModel("claude-3-5-sonnet-20250107")).toBeUndefined();
    expect(resolveModel("claude-sonnet-4-5-2025")).toBeUndefined();
    expect(resolveModel("")).toBeUndefined();
  });
});
