import { priceCall, resolveModel } from "~/lib/pricing";
import { getUsageByEndpoint, todayOf } from "~/lib/analytics/index.server";
import { addDays } from "~/lib/time";
import { callUsd, usd } from "~/lib/format";
import { SEO_TASKS, type SeoJobKind } from "./tasks";

/**
 * What a run will cost before it starts: calls × the cost of a typical call at the chosen model's list price. A
 * typical call is this shop's own average for the endpoint over the last 90 days (from the usage rollups: uncached
 * input, cache writes, cache reads and output per successful call), or, for a shop with too little history, a
 * default measured from this app's prompts. Exact arithmetic in pico-dollars; it is still an estimate, because
 * answers vary in length.
 */
const HISTORY_DAYS = 90;
/** Fewer successful calls than this and the shop's average is too noisy to use. */
const MIN_HISTORY_CALLS = 5;

export interface CallTokens {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/**
 * Typical calls of this app's SEO prompts with the shared prefix read from the cache (≈ 2,800 tokens of tools and
 * system prompt, then the product as uncached input), measured with the Claude-compatible stub's token counts on
 * the demo catalog; outputs rounded up to leave room for a real model's longer answers.
 */
export const DEFAULT_CALL_TOKENS: Record<(typeof SEO_TASKS)[SeoJobKind]["endpoint"], CallTokens> = {
  analyze_product: { inputTokens: 300, outputTokens: 450, cacheReadTokens: 2_800, cacheWriteTokens: 0 },
  fix_meta: { inputTokens: 260, outputTokens: 90, cacheReadTokens: 2_800, cacheWriteTokens: 0 },
  alt_text: { inputTokens: 260, outputTokens: 40, cacheReadTokens: 2_800, cacheWriteTokens: 0 },
};

export interface RunEstimate {
  kind: SeoJobKind;
  model: string;
  modelName: string;
  products: number;
  calls: number;
  /** Null when the model has no price in the catalog (the page then says the cost is unknown). */
  totalPicos: bigint | null;
  perCall: CallTokens;
  basis: "history" | "default";
  /** Successful calls of the endpoint the average was taken from (0 for the default). */
  historyCalls: number;
  /** "about $0.42 for 60 products" */
  headline: string;
  /** How the figure was made, in a sentence or two. */
  explanation: string;
}

function toUsage(tokens: CallTokens) {
  return {
    inputTokens: tokens.inputTokens,
    outputTokens: tokens.outputTokens,
    cacheWrite5mTokens: tokens.cacheWriteTokens,
    cacheWrite1hTokens: 0,
    cacheReadTokens: tokens.cacheReadTokens,
    webSearchRequests: 0,
  };
}

function averageOf(total: bigint, calls: number): number {
  return Number((total + BigInt(calls) / 2n) / BigInt(calls));
}

async function typicalCall(shop: string, endpoint: string, now: Date) {
  const today = await todayOf({ shop }, now);
  const rows = await getUsageByEndpoint({ shop }, { from: addDays(today, -(HISTORY_DAYS - 1)), to: today });
  const row = rows.find((candidate) => candidate.key === endpoint);
  // Failed calls carry (almost) no tokens and answers from the app's cache none at all: average the billed ones.
  const billed = row ? row.calls - row.errorCalls - row.cachedCalls : 0;
  if (!row || billed < MIN_HISTORY_CALLS)
    return {
      tokens: DEFAULT_CALL_TOKENS[endpoint as keyof typeof DEFAULT_CALL_TOKENS],
      basis: "default" as const,
      calls: 0,
    };
  return {
    tokens: {
      inputTokens: averageOf(row.inputTokens, billed),
      outputTokens: averageOf(row.outputTokens, billed),
      cacheReadTokens: averageOf(row.cacheReadTokens, billed),
      cacheWriteTokens: averageOf(row.cacheWriteTokens, billed),
    },
    basis: "history" as const,
    calls: billed,
  };
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}

/** "about $0.42 for 60 products" (or "… for 72 images on 50 products"). */
export function headlineFor(totalPicos: bigint | null, products: number, calls: number, kind: SeoJobKind): string {
  const text = totalPicos === null ? null : usd(totalPicos);
  const amount = text === null ? "an unknown amount" : text.startsWith("<") ? "less than $0.01" : `about ${text}`;
  const scope =
    kind === "alt_text" ? `${plural(calls, "image")} on ${plural(products, "product")}` : plural(products, "product");
  return `${amount} for ${scope}`;
}

/** The cost estimate for a run of `calls` Claude calls over `products` products on `model`. */
export async function estimateRun(
  shop: string,
  run: { kind: SeoJobKind; model: string; products: number; calls: number },
  now: Date = new Date(),
): Promise<RunEstimate> {
  const endpoint = SEO_TASKS[run.kind].endpoint;
  const typical = await typicalCall(shop, endpoint, now);
  const perCall = priceCall(run.model, toUsage(typical.tokens), { at: now });
  const totalPicos = perCall ? perCall.totalPicos * BigInt(run.calls) : null;
  const modelName = resolveModel(run.model)?.displayName ?? run.model;
  const tokens = typical.tokens;
  const shape =
    `${tokens.inputTokens.toLocaleString("en-US")} input, ${tokens.cacheReadTokens.toLocaleString("en-US")} read from the prompt cache` +
    `${tokens.cacheWriteTokens ? `, ${tokens.cacheWriteTokens.toLocaleString("en-US")} written to it` : ""} and ` +
    `${tokens.outputTokens.toLocaleString("en-US")} output tokens per call`;
  const source =
    typical.basis === "history"
      ? `your store's average ${endpoint} call over the last ${HISTORY_DAYS} days (${plural(typical.calls, "call")}: ${shape})`
      : `a typical ${endpoint} call (${shape}), since your store has fewer than ${MIN_HISTORY_CALLS} such calls in the last ${HISTORY_DAYS} days`;
  const price = perCall
    ? `at ${modelName}'s list price (${callUsd(perCall.totalPicos)} per call)`
    : `but ${modelName} has no known price`;
  return {
    kind: run.kind,
    model: run.model,
    modelName,
    products: run.products,
    calls: run.calls,
    totalPicos,
    perCall: tokens,
    basis: typical.basis,
    historyCalls: typical.calls,
    headline: headlineFor(totalPicos, run.products, run.calls, run.kind),
    explanation: `${plural(run.calls, "Claude call")} × ${source}, ${price}. Answers vary in length, so the final cost can differ a little.`,
  };
}
