import prisma from "~/db.server";
import { priceCall, resolveModel, type TokenUsage } from "~/lib/pricing";
import { count, usd, usdRange } from "~/lib/format";
import { promptFor, SEO_TASKS, type SeoItemInput, type SeoJobKind } from "./tasks";

/**
 * What a run will cost before it starts, as a range, from this shop's own runs of the same task on the same model, at
 * today's list price. One item is one Claude call (a product, or an image for alt text).
 *
 * - A call's uncached input is the item's prompt (the product's text), so each planned item's input is its prompt's
 *   length × the tokens per character the shop's finished items of the task had; its answer and the cached prompt
 *   prefix are those items' averages. The run's cost is the sum over its items with the prefix read from the cache.
 * - The range: the finished items' own misses against that rule (two standard errors of a sum of n of them, 2σ√n),
 *   plus 5 % either side; the high end adds writing the prompt cache when the run starts cold (once per parallel
 *   worker, at most two).
 * - With no finished items of the task on that model, those on other models are priced at this one (25 % either
 *   side); with none at all, a typical item of this app's prompts, from half to twice that. Each finished run makes
 *   the next estimate the shop's own.
 * Exact arithmetic in pico-dollars; the statistics only size the range.
 */
const HISTORY_ITEMS = 400;
/** Fewer finished items than this and a task's own history is too thin to use. */
const MIN_HISTORY_ITEMS = 5;
/** Cold-cache writes a run can make at its start: one per worker running items in parallel. */
const CACHE_WRITES_AT_MOST = 2n;
/** Prompt characters per input token before the shop has history (measured on this app's prompts). */
const DEFAULT_CHARS_PER_TOKEN = 4;

export interface CallTokens {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/**
 * A typical item of each task on this app's prompts (about 2,800 tokens of tools and system prompt read from the
 * cache, then the product), measured with the Claude-compatible stub on the demo catalog; used only until the shop
 * has runs of its own.
 */
export const DEFAULT_CALL_TOKENS: Record<(typeof SEO_TASKS)[SeoJobKind]["endpoint"], CallTokens> = {
  analyze_product: { inputTokens: 300, outputTokens: 450, cacheReadTokens: 2_800, cacheWriteTokens: 0 },
  fix_meta: { inputTokens: 260, outputTokens: 90, cacheReadTokens: 2_800, cacheWriteTokens: 0 },
  alt_text: { inputTokens: 260, outputTokens: 40, cacheReadTokens: 2_800, cacheWriteTokens: 0 },
};

export type EstimateBasis = "history" | "other-models" | "default";

export interface RunEstimate {
  kind: SeoJobKind;
  model: string;
  modelName: string;
  products: number;
  /** Items: products, or images for alt text (one Claude call each). */
  calls: number;
  /** The middle of the range; null when the model has no price in the catalog. */
  totalPicos: bigint | null;
  lowPicos: bigint | null;
  highPicos: bigint | null;
  basis: EstimateBasis;
  /** Finished items the estimate was taken from (0 for the default). */
  historyItems: number;
  /** "$0.12 – $0.18 for 60 products" */
  headline: string;
  /** How the figure was made, in a sentence or two. */
  explanation: string;
}

const NO_TOKENS: TokenUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  webSearchRequests: 0,
};

/** One finished item: what it sent and got back, and how long its prompt was. */
interface Sample {
  promptChars: number;
  inputTokens: number;
  outputTokens: number;
  /** The cached prompt prefix (read, or written by a call that found the cache cold). */
  prefixTokens: number;
}

function promptChars(input: SeoItemInput): number {
  return promptFor(input).length;
}

async function finishedItems(shop: string, kind: SeoJobKind, model: string | null): Promise<Sample[]> {
  const items = await prisma.seoJobItem.findMany({
    where: { shop, status: "done", job: { kind, ...(model === null ? {} : { model }) } },
    orderBy: { id: "desc" },
    take: HISTORY_ITEMS,
    select: { input: true, inputTokens: true, outputTokens: true, cacheReadTokens: true, cacheWriteTokens: true },
  });
  return items.flatMap((item) => {
    try {
      return [
        {
          promptChars: promptChars(JSON.parse(item.input) as SeoItemInput),
          inputTokens: item.inputTokens,
          outputTokens: item.outputTokens,
          prefixTokens: item.cacheReadTokens + item.cacheWriteTokens,
        },
      ];
    } catch {
      return []; // an item whose snapshot no longer reads as a prompt says nothing about prompts
    }
  });
}

/** What the estimate rests on: samples of finished items, or the default, and the share added on each side. */
interface Basis {
  kind: EstimateBasis;
  samples: Sample[];
  margin: number;
}

async function basisFor(shop: string, kind: SeoJobKind, model: string): Promise<Basis> {
  const own = await finishedItems(shop, kind, model);
  if (own.length >= MIN_HISTORY_ITEMS) return { kind: "history", samples: own, margin: 0.05 };
  const other = await finishedItems(shop, kind, null);
  if (other.length >= MIN_HISTORY_ITEMS) return { kind: "other-models", samples: other, margin: 0.25 };
  return { kind: "default", samples: [], margin: 0 };
}

/** How an item's tokens follow from its prompt: input per prompt character, and the averages of the rest. */
interface TokenRule {
  inputPerChar: number;
  outputTokens: number;
  prefixTokens: number;
}

function ruleOf(basis: Basis, kind: SeoJobKind): TokenRule {
  if (basis.samples.length === 0) {
    const typical = DEFAULT_CALL_TOKENS[SEO_TASKS[kind].endpoint];
    return {
      inputPerChar: 1 / DEFAULT_CHARS_PER_TOKEN,
      outputTokens: typical.outputTokens,
      prefixTokens: typical.cacheReadTokens,
    };
  }
  const total = (field: keyof Sample) => basis.samples.reduce((sum, sample) => sum + sample[field], 0);
  const prefixes = basis.samples.map((sample) => sample.prefixTokens).sort((a, b) => a - b);
  return {
    inputPerChar: total("inputTokens") / Math.max(1, total("promptChars")),
    outputTokens: total("outputTokens") / basis.samples.length,
    prefixTokens: prefixes[Math.floor(prefixes.length / 2)]!,
  };
}

function warmCost(model: string, input: number, output: number, prefix: number, at: Date): bigint | null {
  const usage = {
    ...NO_TOKENS,
    inputTokens: Math.round(input),
    outputTokens: Math.round(output),
    cacheReadTokens: Math.round(prefix),
  };
  return priceCall(model, usage, { at })?.totalPicos ?? null;
}

interface Range {
  low: bigint;
  middle: bigint;
  high: bigint;
  /** The run's items on average (warm cache). */
  perItem: bigint;
  prefixTokens: number;
}

/** The cost range of the planned items on `model`; null when the model has no price. */
function rangeOf(
  basis: Basis,
  kind: SeoJobKind,
  items: readonly SeoItemInput[],
  model: string,
  at: Date,
): Range | null {
  const rule = ruleOf(basis, kind);
  let center = 0n;
  for (const item of items) {
    const cost = warmCost(model, promptChars(item) * rule.inputPerChar, rule.outputTokens, rule.prefixTokens, at);
    if (cost === null) return null;
    center += cost;
  }
  const written = priceCall(model, { ...NO_TOKENS, cacheWrite5mTokens: rule.prefixTokens }, { at })?.totalPicos ?? 0n;
  const read = priceCall(model, { ...NO_TOKENS, cacheReadTokens: rule.prefixTokens }, { at })?.totalPicos ?? 0n;
  const coldStart = (written - read) * CACHE_WRITES_AT_MOST;
  const n = items.length;
  const perItem = n === 0 ? 0n : center / BigInt(n);
  if (basis.kind === "default") {
    const low = center / 2n;
    const high = center * 2n + coldStart;
    return { low, middle: (low + high) / 2n, high, perItem, prefixTokens: rule.prefixTokens };
  }
  // How far the finished items' real costs were from what the rule says for their prompts.
  const misses = basis.samples.map((sample) => {
    const actual = warmCost(model, sample.inputTokens, sample.outputTokens, sample.prefixTokens, at) ?? 0n;
    const ruled = warmCost(model, sample.promptChars * rule.inputPerChar, rule.outputTokens, rule.prefixTokens, at);
    return Number(actual - (ruled ?? 0n));
  });
  const variance = misses.reduce((sum, miss) => sum + miss * miss, 0) / misses.length;
  const spread =
    BigInt(Math.ceil(2 * Math.sqrt(variance * n))) + (center * BigInt(Math.round(basis.margin * 100))) / 100n;
  const low = center > spread ? center - spread : 0n;
  const high = center + spread + coldStart;
  return { low, middle: (low + high) / 2n, high, perItem, prefixTokens: rule.prefixTokens };
}

function plural(value: number, one: string, many = `${one}s`): string {
  return `${count(value)} ${value === 1 ? one : many}`;
}

/** "$0.12 – $0.18 for 60 products" (or "… for 72 images on 50 products"); a single figure for older runs. */
export function headlineFor(
  estimate: { totalPicos: bigint | null; lowPicos: bigint | null; highPicos: bigint | null },
  products: number,
  calls: number,
  kind: SeoJobKind,
): string {
  const scope =
    kind === "alt_text" ? `${plural(calls, "image")} on ${plural(products, "product")}` : plural(products, "product");
  if (estimate.lowPicos !== null && estimate.highPicos !== null) {
    return `${usdRange(estimate.lowPicos, estimate.highPicos)} for ${scope}`;
  }
  if (estimate.totalPicos === null) return `an unknown amount for ${scope}`;
  const text = usd(estimate.totalPicos);
  return `${text.startsWith("<") ? "less than $0.01" : `about ${text}`} for ${scope}`;
}

const TEN_CENTS = 100_000_000_000n;

/** "about $0.21 per 100 products", or per 1,000 or 10,000 when a hundred cost under ten cents (two digits to read). */
function perItemsText(perItem: bigint, unit: string): string {
  for (const scale of [100n, 1_000n]) {
    if (perItem * scale >= TEN_CENTS) return `about ${usd(perItem * scale)} per ${count(scale)} ${unit}s`;
  }
  return `about ${usd(perItem * 10_000n)} per 10,000 ${unit}s`;
}

function explanationOf(basis: Basis, range: Range | null, kind: SeoJobKind, modelName: string): string {
  const unit = kind === "alt_text" ? "image" : "product";
  const label = SEO_TASKS[kind].label;
  if (!range) return `${modelName} has no known price, so this run's cost cannot be estimated.`;
  const per = perItemsText(range.perItem, unit);
  const cache =
    range.prefixTokens > 0
      ? ` The high end allows for writing the prompt cache (${count(range.prefixTokens)} tokens) as the run starts.`
      : "";
  switch (basis.kind) {
    case "history":
      return (
        `From the last ${plural(basis.samples.length, unit)} your store ran “${label}” on with ${modelName}, for ` +
        `these ${unit}s' own text: ${per} at today's list price, give or take how long Claude's answers are.${cache}`
      );
    case "other-models":
      return (
        `Your store has not run “${label}” on ${modelName} yet, so this takes its last ` +
        `${plural(basis.samples.length, unit)} on other models at ${modelName}'s list price: ${per}. ` +
        `Answers differ between models, so the range is wide.${cache}`
      );
    case "default":
      return (
        `Your store has no “${label}” runs yet, so this is this app's typical ${unit} at ${modelName}'s list price ` +
        `(${per}), from half to twice that. Once runs finish, estimates come from your store's own.`
      );
  }
}

/** The cost estimate for a run of these items (one Claude call each) over `products` products on `model`. */
export async function estimateRun(
  shop: string,
  run: { kind: SeoJobKind; model: string; products: number; items: readonly SeoItemInput[] },
  now: Date = new Date(),
): Promise<RunEstimate> {
  const basis = await basisFor(shop, run.kind, run.model);
  const range = rangeOf(basis, run.kind, run.items, run.model, now);
  const modelName = resolveModel(run.model)?.displayName ?? run.model;
  const estimate = {
    totalPicos: range?.middle ?? null,
    lowPicos: range?.low ?? null,
    highPicos: range?.high ?? null,
  };
  return {
    kind: run.kind,
    model: run.model,
    modelName,
    products: run.products,
    calls: run.items.length,
    ...estimate,
    basis: basis.kind,
    historyItems: basis.samples.length,
    headline: headlineFor(estimate, run.products, run.items.length, run.kind),
    explanation: explanationOf(basis, range, run.kind, modelName),
  };
}
