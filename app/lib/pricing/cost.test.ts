import { describe, expect, test } from "vitest";
import {
  cacheSavingsPicos,
  describeOverrideProblems,
  listCatalogModels,
  priceCall,
  type PriceOverride,
  type TokenPrices,
  type TokenUsage,
} from "./index";
import { formatUsd } from "~/lib/money";

const NOW = new Date("2026-11-27T12:00:00Z");

function usage(partial: Partial<TokenUsage>): TokenUsage {
  return {
    inputTokens: 0,
    outputTokens: 0,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    cacheReadTokens: 0,
    webSearchRequests: 0,
    ...partial,
  };
}

function mustPrice(model: string, tokens: TokenUsage, options: Parameters<typeof priceCall>[2] = { at: NOW }) {
  const cost = priceCall(model, tokens, options);
  if (!cost) throw new Error(`${model} has no price`);
  return cost;
}

/** Picos for one million tokens of each kind: [input, 5m write, 1h write, cache read, output]. */
function perMillionTokens(model: string, batch = false): bigint[] {
  const options = { at: NOW, batch };
  const million = 1_000_000;
  return [
    mustPrice(model, usage({ inputTokens: million }), options).inputPicos,
    mustPrice(model, usage({ cacheWrite5mTokens: million }), options).cacheWritePicos,
    mustPrice(model, usage({ cacheWrite1hTokens: million }), options).cacheWritePicos,
    mustPrice(model, usage({ cacheReadTokens: million }), options).cacheReadPicos,
    mustPrice(model, usage({ outputTokens: million }), options).outputPicos,
  ];
}

describe("spot checks against Anthropic's price table", () => {
  // $1 per million tokens is 1,000,000 picos per token, so one million tokens at $X cost X × 10^12 picos.
  test("Claude Opus 4.5 is $5 / $6.25 / $10 / $0.50 / $25 per million tokens", () => {
    expect(perMillionTokens("claude-opus-4-5-20251101")).toEqual([
      5_000_000_000_000n, // 1,000,000 × 5,000,000 picos ($5.00 / MTok)
      6_250_000_000_000n, // 1,000,000 × 6,250,000 ($6.25)
      10_000_000_000_000n, // 1,000,000 × 10,000,000 ($10.00)
      500_000_000_000n, // 1,000,000 × 500,000 ($0.50)
      25_000_000_000_000n, // 1,000,000 × 25,000,000 ($25.00)
    ]);
  });

  test("Claude Opus 4.1 is $15 / $18.75 / $30 / $1.50 / $75 per million tokens", () => {
    expect(perMillionTokens("claude-opus-4-1-20250805")).toEqual([
      15_000_000_000_000n, // 1,000,000 × 15,000,000 picos
      18_750_000_000_000n, // 1,000,000 × 18,750,000
      30_000_000_000_000n, // 1,000,000 × 30,000,000
      1_500_000_000_000n, // 1,000,000 × 1,500,000
      75_000_000_000_000n, // 1,000,000 × 75,000,000
    ]);
  });

  test("Claude Haiku 3.5 is $0.80 / $1 / $1.60 / $0.08 / $4 per million tokens", () => {
    expect(perMillionTokens("claude-3-5-haiku-20241022")).toEqual([
      800_000_000_000n, // 1,000,000 × 800,000 picos
      1_000_000_000_000n, // 1,000,000 × 1,000,000
      1_600_000_000_000n, // 1,000,000 × 1,600,000
      80_000_000_000n, // 1,000,000 × 80,000
      4_000_000_000_000n, // 1,000,000 × 4,000,000
    ]);
  });

  test("Claude Haiku 3 is $0.25 / $0.30 / $0.50 / $0.03 / $1.25 per million tokens", () => {
    expect(perMillionTokens("claude-3-haiku-20240307")).toEqual([
      250_000_000_000n, // 1,000,000 × 250,000 picos
      300_000_000_000n, // 1,000,000 × 300,000
      500_000_000_000n, // 1,000,000 × 500,000
      30_000_000_000n, // 1,000,000 × 30,000
      1_250_000_000_000n, // 1,000,000 × 1,250,000
    ]);
  });

  test("the Batch API halves every token price, cache writes and reads included", () => {
    // Opus 4.5 in a batch: $2.50 / $3.125 / $5 / $0.25 / $12.50.
    expect(perMillionTokens("claude-opus-4-5-20251101", true)).toEqual([
      2_500_000_000_000n, // 1,000,000 × 2,500,000 picos
      3_125_000_000_000n, // 1,000,000 × 3,125,000
      5_000_000_000_000n, // 1,000,000 × 5,000,000
      250_000_000_000n, // 1,000,000 × 250,000
      12_500_000_000_000n, // 1,000,000 × 12,500,000
    ]);
  });

  test("single batch cache-read tokens: 15,000 picos on Haiku 3, 5,000 picos on Haiku 5.5 (the cheapest token)", () => {
    // Haiku 3: $0.03 / MTok halved = $0.015 / MTok = 15,000 picos per token.
    const haiku3 = mustPrice("claude-3-haiku-20240307", usage({ cacheReadTokens: 1 }), { at: NOW, batch: true });
    expect(haiku3.cacheReadPicos).toBe(15_000n);
    expect(haiku3.totalPicos).toBe(15_000n);
    // Haiku 5.5: $0.01 / MTok halved = $0.005 / MTok = 5,000 picos per token.
    const haiku55 = mustPrice("claude-haiku-5-5", usage({ cacheReadTokens: 1 }), { at: NOW, batch: true });
    expect(haiku55.cacheReadPicos).toBe(5_000n);
    expect(haiku55.totalPicos).toBe(5_000n);
  });

  test("a whole call adds its lines up to its total", () => {
    // Opus 4.5: 1,200 input × 5,000,000 picos = 6,000,000,000; 300 output × 25,000,000 = 7,500,000,000;
    // 2,000 5m writes × 6,250,000 = 12,500,000,000 plus 1,000 1h writes × 10,000,000 = 10,000,000,000;
    // 40,000 reads × 500,000 = 20,000,000,000; total 56,000,000,000 picos = $0.056.
    const cost = mustPrice(
      "claude-opus-4-5",
      usage({
        inputTokens: 1_200,
        outputTokens: 300,
        cacheWrite5mTokens: 2_000,
        cacheWrite1hTokens: 1_000,
        cacheReadTokens: 40_000,
      }),
    );
    expect(cost).toEqual({
      model: "claude-opus-4-5-20251101",
      inputPicos: 6_000_000_000n,
      outputPicos: 7_500_000_000n,
      cacheWritePicos: 22_500_000_000n,
      cacheReadPicos: 20_000_000_000n,
      webSearchPicos: 0n,
      totalPicos: 56_000_000_000n,
      longContext: false,
      source: "catalog",
      batch: false,
      usOnly: false,
      priceEffectiveFrom: "2025-11-24",
    });
    expect(formatUsd(cost.totalPicos)).toBe("$0.056000");
  });
});

describe("every catalog model, by hand", () => {
  /** $X / MTok as picos per token, worked out from the decimal string without the module's parser. */
  function picosPerToken(usdPerMillion: string): bigint {
    const [whole, fraction = ""] = usdPerMillion.split(".");
    return BigInt(whole ?? "0") * 1_000_000n + BigInt((fraction + "000000").slice(0, 6));
  }

  function expectedLines(prices: TokenPrices, tokens: TokenUsage, batch: boolean) {
    const line = (count: number, price: string) => {
      const full = BigInt(count) * picosPerToken(price);
      // Every listed price is an even number of picos, so half of it never needs rounding.
      if (batch && full % 2n !== 0n) throw new Error(`${price} × ${count} does not halve exactly`);
      return batch ? full / 2n : full;
    };
    return {
      inputPicos: line(tokens.inputTokens, prices.input),
      cacheWritePicos:
        line(tokens.cacheWrite5mTokens, prices.cacheWrite5m) + line(tokens.cacheWrite1hTokens, prices.cacheWrite1h),
      cacheReadPicos: line(tokens.cacheReadTokens, prices.cacheRead),
      outputPicos: line(tokens.outputTokens, prices.output),
      webSearchPicos: 0n,
    };
  }

  // Odd counts on purpose: in picos nothing is rounded, so they must price as exactly as even ones.
  const shapes: { name: string; tokens: TokenUsage }[] = [
    { name: "without cache", tokens: usage({ inputTokens: 1_235, outputTokens: 567 }) },
    {
      name: "with cache",
      tokens: usage({
        inputTokens: 1_235,
        outputTokens: 567,
        cacheWrite5mTokens: 2_001,
        cacheWrite1hTokens: 3_999,
        cacheReadTokens: 10_001,
      }),
    },
    {
      name: "with a 210K-token prompt",
      tokens: usage({
        inputTokens: 130_001,
        outputTokens: 2_001,
        cacheWrite5mTokens: 10_001,
        cacheWrite1hTokens: 9_999,
        cacheReadTokens: 59_999,
      }),
    },
  ];

  const cases = listCatalogModels().flatMap((model) =>
    model.pricePeriods.flatMap((period) =>
      shapes.flatMap((shape) => [false, true].map((batch) => ({ model, period, shape, batch }))),
    ),
  );

  test.each(cases)(
    "$model.id from $period.effectiveFrom $shape.name (batch: $batch) costs what its listed prices say",
    ({ model, period, shape, batch }) => {
      const prompt =
        shape.tokens.inputTokens +
        shape.tokens.cacheWrite5mTokens +
        shape.tokens.cacheWrite1hTokens +
        shape.tokens.cacheReadTokens;
      const tier = period.longContext && prompt > period.longContext.aboveInputTokens ? period.longContext : undefined;
      const cost = mustPrice(model.id, shape.tokens, { at: new Date(`${period.effectiveFrom}T12:00:00Z`), batch });
      const lines = expectedLines(tier?.prices ?? period.prices, shape.tokens, batch);
      expect(cost).toMatchObject(lines);
      expect(cost.totalPicos).toBe(
        lines.inputPicos + lines.cacheWritePicos + lines.cacheReadPicos + lines.outputPicos + lines.webSearchPicos,
      );
      expect(cost.longContext).toBe(tier !== undefined);
      expect(cost.batch).toBe(batch);
      expect(cost.priceEffectiveFrom).toBe(period.effectiveFrom);
    },
  );
});

describe("long-context tier", () => {
  test("Sonnet 4.5 charges long-context rates on every token once the prompt passes 200K", () => {
    // Prompt = 130,000 input + 10,000 5m writes + 10,000 1h writes + 60,000 reads = 210,000 > 200,000.
    // 130,000 × 6,000,000 picos ($6) = 780,000,000,000;
    // 10,000 × 7,500,000 ($7.50) + 10,000 × 12,000,000 ($12) = 195,000,000,000;
    // 60,000 × 600,000 ($0.60) = 36,000,000,000; 1,000 output × 22,500,000 ($22.50) = 22,500,000,000;
    // total 1,033,500,000,000 picos.
    const tokens = usage({
      inputTokens: 130_000,
      cacheWrite5mTokens: 10_000,
      cacheWrite1hTokens: 10_000,
      cacheReadTokens: 60_000,
      outputTokens: 1_000,
    });
    const cost = mustPrice("claude-sonnet-4-5", tokens);
    expect(cost).toMatchObject({
      longContext: true,
      inputPicos: 780_000_000_000n,
      cacheWritePicos: 195_000_000_000n,
      cacheReadPicos: 36_000_000_000n,
      outputPicos: 22_500_000_000n,
      totalPicos: 1_033_500_000_000n,
    });
    // The Batch API discount applies to long-context prices too: 1,033,500,000,000 / 2.
    expect(mustPrice("claude-sonnet-4-5", tokens, { at: NOW, batch: true }).totalPicos).toBe(516_750_000_000n);
  });

  test("a prompt of exactly 200K tokens is still priced at the standard rates", () => {
    // 140,000 × 3,000,000 = 420,000,000,000; 60,000 × 300,000 = 18,000,000,000;
    // 1,000 × 15,000,000 = 15,000,000,000; total 453,000,000,000 picos.
    const cost = mustPrice(
      "claude-sonnet-4-5-20250929",
      usage({ inputTokens: 140_000, cacheReadTokens: 60_000, outputTokens: 1_000 }),
    );
    expect(cost.longContext).toBe(false);
    expect(cost.totalPicos).toBe(453_000_000_000n);
  });

  test("Sonnet 4 has the same tier; Sonnet 4.6 and Opus 4.6 bill a 1M prompt at the standard rate", () => {
    const big = usage({ inputTokens: 500_000 });
    // 500,000 × 6,000,000 ($6 long context) = 3,000,000,000,000.
    expect(mustPrice("claude-sonnet-4-0", big, { at: new Date("2025-09-01T00:00:00Z") }).inputPicos).toBe(
      3_000_000_000_000n,
    );
    expect(mustPrice("claude-sonnet-4-6", big).longContext).toBe(false);
    // 500,000 × 3,000,000 ($3) = 1,500,000,000,000.
    expect(mustPrice("claude-sonnet-4-6", big).inputPicos).toBe(1_500_000_000_000n);
    expect(mustPrice("claude-opus-4-6", big).longContext).toBe(false);
  });

  test("Haiku 5.5 switches to its higher band for prompts over 100,000 tokens", () => {
    // 100,000 × 100,000 picos ($0.10) = 10,000,000,000; 100,001 × 500,000 ($0.50) = 50,000,500,000.
    expect(mustPrice("claude-haiku-5-5", usage({ inputTokens: 100_000 })).inputPicos).toBe(10_000_000_000n);
    const over = mustPrice("claude-haiku-5-5", usage({ inputTokens: 100_001, outputTokens: 1_000 }));
    expect(over.longContext).toBe(true);
    expect(over.inputPicos).toBe(50_000_500_000n);
    expect(over.outputPicos).toBe(2_500_000_000n); // 1,000 × 2,500,000 ($2.50)
  });
});

describe("prices that are not a whole number of nanos are exact in picos", () => {
  test("a Haiku 5.5 batch 5-minute cache write costs 62,500 picos (62.5 nanos) a token, unrounded", () => {
    // $0.125 / MTok halved = $0.0625 / MTok = 62,500 picos per token.
    const one = mustPrice("claude-haiku-5-5", usage({ cacheWrite5mTokens: 1 }), { at: NOW, batch: true });
    expect(one.cacheWritePicos).toBe(62_500n);
    expect(one.totalPicos).toBe(62_500n);
    // 3 tokens = 187,500 picos (187.5 nanos), not 188 nanos.
    const three = mustPrice("claude-haiku-5-5", usage({ cacheWrite5mTokens: 3 }), { at: NOW, batch: true });
    expect(three.totalPicos).toBe(187_500n);
    // Mixed with a 1-hour write ($0.20 halved = 100,000 picos): 187,500 + 100,000 = 287,500.
    const mixed = mustPrice("claude-haiku-5-5", usage({ cacheWrite5mTokens: 3, cacheWrite1hTokens: 1 }), {
      at: NOW,
      batch: true,
    });
    expect(mixed.cacheWritePicos).toBe(287_500n);
  });

  test("the long-context band's batch 5-minute write ($0.3125 / MTok) is exact too", () => {
    // $0.625 halved = 312,500 picos per token; 100,001 tokens (over 100K) = 31,250,312,500 picos.
    const cost = mustPrice("claude-haiku-5-5", usage({ cacheWrite5mTokens: 100_001 }), { at: NOW, batch: true });
    expect(cost.longContext).toBe(true);
    expect(cost.cacheWritePicos).toBe(31_250_312_500n);
  });

  test("a hundred thousand single-token calls sum to exactly 100,000 × 62,500 picos = $0.00625", () => {
    // Rounded to the nano each call would be 63 nanos, and the sum $0.0063.
    const tokens = usage({ cacheWrite5mTokens: 1 });
    let total = 0n;
    for (let call = 0; call < 100_000; call += 1) {
      total += mustPrice("claude-haiku-5-5", tokens, { at: NOW, batch: true }).totalPicos;
    }
    expect(total).toBe(6_250_000_000n);
    expect(formatUsd(total, 12)).toBe("$0.006250000000");
  });
});

describe("web search", () => {
  test("each search costs $0.01 ($10 per 1,000), in a batch too", () => {
    const tokens = usage({ webSearchRequests: 3, inputTokens: 1_000 });
    const cost = mustPrice("claude-sonnet-4-5", tokens);
    expect(cost.webSearchPicos).toBe(30_000_000_000n); // 3 × 10,000,000,000 picos ($0.01)
    expect(cost.totalPicos).toBe(33_000_000_000n); // + 1,000 × 3,000,000 ($3 / MTok) = 3,000,000,000
    expect(mustPrice("claude-sonnet-4-5", tokens, { at: NOW, batch: true }).webSearchPicos).toBe(30_000_000_000n);
  });
});

describe("unknown models and unusable input", () => {
  test("a model that does not exist prices to null, never to zero", () => {
    expect(priceCall("claude-3-5-sonnet-20250107", usage({ inputTokens: 1_000 }), { at: NOW })).toBeNull();
    expect(priceCall("gpt-4o", usage({ inputTokens: 1_000 }), { at: NOW })).toBeNull();
    expect(priceCall("", usage({}), { at: NOW })).toBeNull();
    expect(cacheSavingsPicos("claude-3-5-sonnet-20250107", 1_000, { at: NOW })).toBeNull();
  });

  test("token counts that are negative, fractional or not numbers give null instead of a wrong cost", () => {
    expect(priceCall("claude-haiku-4-5", usage({ inputTokens: -1 }), { at: NOW })).toBeNull();
    expect(priceCall("claude-haiku-4-5", usage({ outputTokens: 1.5 }), { at: NOW })).toBeNull();
    expect(priceCall("claude-haiku-4-5", usage({ cacheReadTokens: Number.NaN }), { at: NOW })).toBeNull();
    expect(priceCall("claude-haiku-4-5", usage({ inputTokens: 1 }), { at: new Date("not a date") })).toBeNull();
  });

  test("an alias prices under the dated id it stands for", () => {
    expect(mustPrice("claude-3-5-haiku-latest", usage({ inputTokens: 1 })).model).toBe("claude-3-5-haiku-20241022");
    expect(mustPrice("claude-sonnet-4-5", usage({ inputTokens: 1 })).model).toBe("claude-sonnet-4-5-20250929");
  });

  test("without a date the price in force now is used", () => {
    // Opus 5.5 input $4 / MTok = 4,000,000 picos per token.
    expect(priceCall("claude-opus-5-5", usage({ inputTokens: 1 }))?.inputPicos).toBe(4_000_000n);
  });
});

describe("dated price periods", () => {
  test("Sonnet 5.5 cache reads cost $0.20 until 2026-10-07 and $0.10 from then on", () => {
    const reads = usage({ cacheReadTokens: 1_000_000 });
    const before = mustPrice("claude-sonnet-5-5", reads, { at: new Date("2026-10-06T23:59:59.999Z") });
    const after = mustPrice("claude-sonnet-5-5", reads, { at: new Date("2026-10-07T00:00:00Z") });
    expect(before.cacheReadPicos).toBe(200_000_000_000n); // 1,000,000 × 200,000 picos
    expect(before.priceEffectiveFrom).toBe("2026-09-28");
    expect(after.cacheReadPicos).toBe(100_000_000_000n); // 1,000,000 × 100,000 picos
    expect(after.priceEffectiveFrom).toBe("2026-10-07");
  });

  test("Sonnet 5's introductory $2 / $10 did not end on 2026-08-31: Anthropic made it the standard price", () => {
    // 1,000,000 × 2,000,000 + 1,000,000 × 10,000,000 = 12,000,000,000,000 picos = $12.
    const tokens = usage({ inputTokens: 1_000_000, outputTokens: 1_000_000 });
    expect(mustPrice("claude-sonnet-5", tokens, { at: new Date("2026-07-15T00:00:00Z") }).totalPicos).toBe(
      12_000_000_000_000n,
    );
    expect(mustPrice("claude-sonnet-5", tokens, { at: new Date("2026-09-15T00:00:00Z") }).totalPicos).toBe(
      12_000_000_000_000n,
    );
  });

  test("a call dated before a model's first listed price takes that first price", () => {
    expect(
      mustPrice("claude-opus-5-5", usage({ inputTokens: 1 }), { at: new Date("2020-01-01T00:00:00Z") }).inputPicos,
    ).toBe(4_000_000n);
  });
});

describe("operator overrides", () => {
  const negotiated: PriceOverride = {
    model: "claude-sonnet-4-5", // an alias matches the same model as its dated id
    effectiveFrom: "2026-11-01",
    prices: { input: "2.40", cacheWrite5m: "3", cacheWrite1h: "4.80", cacheRead: "0.24", output: "12" },
  };

  test("an override wins over the catalog from its effective date on", () => {
    // 100,000 input tokens: × 2,400,000 picos ($2.40 negotiated) = 240,000,000,000;
    // × 3,000,000 ($3 list) = 300,000,000,000.
    const tokens = usage({ inputTokens: 100_000 });
    const during = mustPrice("claude-sonnet-4-5-20250929", tokens, { at: NOW, overrides: [negotiated] });
    expect(during).toMatchObject({
      source: "override",
      inputPicos: 240_000_000_000n,
      model: "claude-sonnet-4-5-20250929",
    });
    const before = mustPrice("claude-sonnet-4-5-20250929", tokens, {
      at: new Date("2026-10-31T23:59:59Z"),
      overrides: [negotiated],
    });
    expect(before).toMatchObject({ source: "catalog", inputPicos: 300_000_000_000n });
  });

  test("the latest override in force wins, and overrides for other models change nothing", () => {
    const later: PriceOverride = {
      ...negotiated,
      model: "claude-sonnet-4-5-20250929",
      effectiveFrom: "2026-11-20",
      prices: { ...negotiated.prices, input: "2" },
    };
    const otherModel: PriceOverride = { ...negotiated, model: "claude-haiku-4-5" };
    const cost = mustPrice("claude-sonnet-4-5", usage({ inputTokens: 1_000_000 }), {
      at: NOW,
      overrides: [later, negotiated, otherModel],
    });
    expect(cost.inputPicos).toBe(2_000_000_000_000n); // 1,000,000 × 2,000,000 picos ($2)
    expect(mustPrice("claude-opus-5-5", usage({ inputTokens: 1 }), { at: NOW, overrides: [negotiated] }).source).toBe(
      "catalog",
    );
  });

  test("an override replaces the catalog entirely: without its own long-context tier none applies", () => {
    const cost = mustPrice("claude-sonnet-4-5", usage({ inputTokens: 300_000 }), { at: NOW, overrides: [negotiated] });
    expect(cost.longContext).toBe(false);
    expect(cost.inputPicos).toBe(720_000_000_000n); // 300,000 × 2,400,000 picos ($2.40)
  });

  test("an override can price a model the catalog does not list, and its web searches", () => {
    const privateModel: PriceOverride = { ...negotiated, model: "claude-mythos-5-2", webSearchPer1000SearchesUsd: "8" };
    const cost = mustPrice("claude-mythos-5-2", usage({ outputTokens: 1_000, webSearchRequests: 2 }), {
      at: NOW,
      overrides: [privateModel],
    });
    // Output 1,000 × 12,000,000 picos ($12) = 12,000,000,000; searches 2 × $0.008 = 2 × 8,000,000,000.
    expect(cost).toMatchObject({
      model: "claude-mythos-5-2",
      source: "override",
      outputPicos: 12_000_000_000n,
      webSearchPicos: 16_000_000_000n,
    });
  });

  test("a web-search price with nine decimals per 1,000 searches is exact to the pico per search", () => {
    // $7.123456789 per 1,000 searches = $0.007123456789 per search = 7,123,456,789 picos; 3 searches.
    const odd: PriceOverride = { ...negotiated, webSearchPer1000SearchesUsd: "7.123456789" };
    const cost = mustPrice("claude-sonnet-4-5", usage({ webSearchRequests: 3 }), { at: NOW, overrides: [odd] });
    expect(cost.webSearchPicos).toBe(21_370_370_367n);
    // A tenth decimal would be a fraction of a pico per search: refused, not rounded.
    expect(describeOverrideProblems({ ...negotiated, webSearchPer1000SearchesUsd: "7.1234567891" })).toHaveLength(1);
  });

  test("a malformed override makes the price unknown instead of silently falling back to list price", () => {
    const broken: PriceOverride = { ...negotiated, prices: { ...negotiated.prices, cacheRead: "-0.30" } };
    expect(describeOverrideProblems(broken)).toEqual(["prices.cacheRead: A price cannot be negative: -0.30"]);
    expect(priceCall("claude-sonnet-4-5", usage({ inputTokens: 1 }), { at: NOW, overrides: [broken] })).toBeNull();
    expect(describeOverrideProblems({ ...negotiated, effectiveFrom: "2026-02-30" })).toHaveLength(1);
    expect(
      describeOverrideProblems({ ...negotiated, prices: { ...negotiated.prices, input: "0.0000001" } }),
    ).toHaveLength(1);
    expect(describeOverrideProblems(negotiated)).toEqual([]);
  });
});

describe("cacheSavingsPicos", () => {
  test("savings are what the cache-read tokens would have cost as input minus what they cost as reads", () => {
    // Sonnet 4.5: 1,000,000 × (3,000,000 − 300,000 picos) = 2,700,000,000,000 ($2.70); in a batch half of that.
    expect(cacheSavingsPicos("claude-sonnet-4-5", 1_000_000, { at: NOW })).toBe(2_700_000_000_000n);
    expect(cacheSavingsPicos("claude-sonnet-4-5", 1_000_000, { at: NOW, batch: true })).toBe(1_350_000_000_000n);
    // Fable 5.1 reads at 0.025x: 1,000,000 × (10,000,000 − 250,000) = 9,750,000,000,000 ($9.75).
    expect(cacheSavingsPicos("claude-fable-5-1", 1_000_000, { at: NOW })).toBe(9_750_000_000_000n);
    // One token, Haiku 5.5 in a batch: 50,000 − 5,000 = 45,000 picos, exact even for a single token.
    expect(cacheSavingsPicos("claude-haiku-5-5", 1, { at: NOW, batch: true })).toBe(45_000n);
    expect(cacheSavingsPicos("claude-haiku-4-5", 0, { at: NOW })).toBe(0n);
    expect(cacheSavingsPicos("claude-haiku-4-5", -5, { at: NOW })).toBeNull();
  });

  test("savings of a fraction of a nano per token are exact, not rounded", () => {
    // Every catalog saving is a whole number of nanos per token, so a negotiated price shows it:
    // input $0.00125 / MTok = 1,250 picos, reads free: 1 token saves 1,250 picos (1.25 nanos),
    // 3 tokens 3,750, and in a batch 1 token saves 625 picos.
    const overrides: PriceOverride[] = [
      {
        model: "claude-haiku-4-5",
        effectiveFrom: "2026-11-01",
        prices: { input: "0.00125", cacheWrite5m: "0.0025", cacheWrite1h: "0.0025", cacheRead: "0", output: "0.01" },
      },
    ];
    expect(cacheSavingsPicos("claude-haiku-4-5", 1, { at: NOW, overrides })).toBe(1_250n);
    expect(cacheSavingsPicos("claude-haiku-4-5", 3, { at: NOW, overrides })).toBe(3_750n);
    expect(cacheSavingsPicos("claude-haiku-4-5", 1, { at: NOW, overrides, batch: true })).toBe(625n);
  });
});

describe("fast mode and US-only inference", () => {
  const tokens = usage({ inputTokens: 1_000, outputTokens: 2_000, cacheWrite5mTokens: 300, cacheReadTokens: 4_000 });

  test("US-only inference on Opus 5.5 is 1.1x every token price", () => {
    const cost = mustPrice("claude-opus-5-5", tokens, { at: NOW, inferenceGeo: "us" });
    // 1,000 × 4,400,000 ($4 × 1.1) + 2,000 × 22,000,000 ($20 × 1.1) + 300 × 5,500,000 ($5 × 1.1)
    // + 4,000 × 220,000 ($0.20 × 1.1) = 4.4e9 + 4.4e10 + 1.65e9 + 8.8e8 = 50,930,000,000 picos
    expect(cost.totalPicos).toBe(50_930_000_000n);
    expect(cost.usOnly).toBe(true);
    const global = mustPrice("claude-opus-5-5", tokens, { at: NOW, inferenceGeo: "global" });
    expect(global.totalPicos * 11n).toBe(cost.totalPicos * 10n);
    expect(global.usOnly).toBe(false);
  });

  test("US-only stacks with the Batch API: 1.1x then half, exact even on Haiku 5.5's $0.125 write", () => {
    const cost = mustPrice("claude-haiku-5-5", usage({ cacheWrite5mTokens: 1 }), {
      at: NOW,
      inferenceGeo: "us",
      batch: true,
    });
    // 125,000 picos × 1.1 = 137,500, halved = 68,750 picos for one token
    expect(cost.totalPicos).toBe(68_750n);
  });

  test("US-only on a model billed at the standard rate (Sonnet 4.5 and earlier) adds nothing", () => {
    const us = mustPrice("claude-sonnet-4-5", tokens, { at: NOW, inferenceGeo: "us" });
    const global = mustPrice("claude-sonnet-4-5", tokens, { at: NOW });
    expect(us.totalPicos).toBe(global.totalPicos);
    expect(us.usOnly).toBe(false);
  });

  test("web searches keep their per-search price under US-only inference", () => {
    const cost = mustPrice("claude-opus-5-5", usage({ webSearchRequests: 3 }), { at: NOW, inferenceGeo: "us" });
    expect(cost.webSearchPicos).toBe(30_000_000_000n); // 3 × $0.01
  });

  test("a fast call prices as unknown (no official fast-mode price), never at the standard rate", () => {
    expect(priceCall("claude-opus-5-5", tokens, { at: NOW, speed: "fast" })).toBeNull();
    expect(priceCall("claude-opus-5-5", tokens, { at: NOW, speed: "standard" })).not.toBeNull();
    expect(cacheSavingsPicos("claude-opus-5-5", 1_000, { at: NOW, speed: "fast" })).toBeNull();
  });

  test("an inference geography the docs do not name prices as unknown", () => {
    expect(priceCall("claude-opus-5-5", tokens, { at: NOW, inferenceGeo: "eu" })).toBeNull();
  });

  test("cache savings under US-only inference are 1.1x too", () => {
    // 1,000 × (4,400,000 − 220,000) = 4,180,000,000 picos
    expect(cacheSavingsPicos("claude-opus-5-5", 1_000, { at: NOW, inferenceGeo: "us" })).toBe(4_180_000_000n);
  });

  test("a model listed without a published price prices as unknown", () => {
    expect(priceCall("claude-mythos-5-2", tokens, { at: NOW })).toBeNull();
    expect(priceCall("claude-mythos-preview", tokens, { at: NOW })).toBeNull();
  });
});

test("a fast call that billed no tokens (refused before it ran) costs $0, not unknown", () => {
  expect(priceCall("claude-opus-5-5", usage({}), { at: NOW, speed: "fast" })?.totalPicos).toBe(0n);
});
