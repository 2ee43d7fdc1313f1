/**
 * What one Claude call cost, from the usage the API reported. Pure integer arithmetic: every line
 * is tokens × pico-dollars per token, exactly; nothing is rounded (see money.ts for why picos).
 */
import { scaledIntegerFromDecimal } from "~/lib/money";
import { resolveModel } from "./catalog";
import { findAppliedPrice, type AppliedPrice } from "./price-lookup";
import { batchRates, ratesFor, usOnlyRates, type TokenRates } from "./rates";
import type { PriceOverride } from "./types";

export interface TokenUsage {
  /** Uncached input tokens, as the API reports `usage.input_tokens`. */
  inputTokens: number;
  outputTokens: number;
  /** Ephemeral 5-minute cache writes. */
  cacheWrite5mTokens: number;
  /** Ephemeral 1-hour cache writes. */
  cacheWrite1hTokens: number;
  cacheReadTokens: number;
  webSearchRequests: number;
}

export interface PriceOptions {
  /** Sent through the Message Batches API: half price on every token. */
  batch?: boolean;
  /** When the call was made; picks the price in force then. Defaults to now. */
  at?: Date;
  /** Negotiated prices that win over the catalog from their effectiveFrom on. */
  overrides?: readonly PriceOverride[];
  /**
   * `usage.speed` as the API reported it (else as requested). "fast" prices as unknown: no official fast-mode
   * price is in the catalog (see catalog-data.ts). Absent, null or "standard": the standard rate.
   */
  speed?: string | null;
  /**
   * `usage.inference_geo` as the API reported it (else as requested). "us" applies the model's US-only multiplier
   * (1.1x on Opus 4.6, Sonnet 4.6 and later); absent, null or "global": no multiplier; anything else: unknown.
   */
  inferenceGeo?: string | null;
}

export interface CallCost {
  /** Canonical dated id the price came from. */
  model: string;
  /** Every amount is in pico-dollars (1e-12 USD), exact. */
  inputPicos: bigint;
  outputPicos: bigint;
  /** 5-minute and 1-hour cache writes together. */
  cacheWritePicos: bigint;
  cacheReadPicos: bigint;
  webSearchPicos: bigint;
  /** Exactly the sum of the five lines above, so a breakdown adds up to its total. */
  totalPicos: bigint;
  /** The long-context tier applied. */
  longContext: boolean;
  source: "catalog" | "override";
  batch: boolean;
  /** US-only inference at the model's multiplier (1.1x) was applied. */
  usOnly: boolean;
  /** effectiveFrom of the price period used, for audit. */
  priceEffectiveFrom: string;
}

const USAGE_FIELDS: readonly (keyof TokenUsage)[] = [
  "inputTokens",
  "outputTokens",
  "cacheWrite5mTokens",
  "cacheWrite1hTokens",
  "cacheReadTokens",
  "webSearchRequests",
];

function isCountable(usage: TokenUsage): boolean {
  return USAGE_FIELDS.every((field) => Number.isSafeInteger(usage[field]) && usage[field] >= 0);
}

function billsNothing(usage: TokenUsage): boolean {
  return USAGE_FIELDS.every((field) => usage[field] === 0);
}

/** Tokens of prompt the long-context threshold is measured against. */
export function promptTokens(usage: TokenUsage): number {
  return usage.inputTokens + usage.cacheWrite5mTokens + usage.cacheWrite1hTokens + usage.cacheReadTokens;
}

function appliedRates(applied: AppliedPrice, usage: TokenUsage, batch: boolean, usOnly: boolean) {
  const tier = applied.period.longContext;
  const longContext = tier !== undefined && promptTokens(usage) > tier.aboveInputTokens;
  const listed = ratesFor(longContext && tier ? tier.prices : applied.period.prices);
  const located = usOnly ? usOnlyRates(listed) : listed;
  return { rates: batch ? batchRates(located) : located, longContext };
}

/**
 * Whether a call's speed and inference geography can be priced, and whether the US-only multiplier applies:
 * null when they cannot (a fast call, an undocumented geography). A model the catalog does not list (priced by
 * an override) takes no multiplier: only the catalog says which models Anthropic bills at 1.1x.
 */
export function modeOf(
  model: string,
  options: Pick<PriceOptions, "speed" | "inferenceGeo">,
): { usOnly: boolean } | null {
  const speed = options.speed ?? "standard";
  if (speed !== "standard") return null;
  const geo = options.inferenceGeo ?? "global";
  if (geo === "global") return { usOnly: false };
  if (geo !== "us") return null;
  return { usOnly: resolveModel(model)?.usOnlyInference.multiplier === "1.1" };
}

function lineTotals(usage: TokenUsage, rates: TokenRates, webSearchPicosEach: bigint) {
  return {
    input: BigInt(usage.inputTokens) * rates.input,
    output: BigInt(usage.outputTokens) * rates.output,
    cacheWrite:
      BigInt(usage.cacheWrite5mTokens) * rates.cacheWrite5m + BigInt(usage.cacheWrite1hTokens) * rates.cacheWrite1h,
    cacheRead: BigInt(usage.cacheReadTokens) * rates.cacheRead,
    webSearch: BigInt(usage.webSearchRequests) * webSearchPicosEach,
  };
}

/**
 * The cost of one call, or null when the model (or its override) has no usable price, or the usage
 * is not made of non-negative whole numbers. Never throws: it runs on the tracking path.
 */
export function priceCall(model: string, usage: TokenUsage, options: PriceOptions = {}): CallCost | null {
  try {
    const at = options.at ?? new Date();
    if (Number.isNaN(at.getTime()) || !isCountable(usage)) return null;
    // A call that billed nothing costs nothing, whatever its speed or geography (a fast call refused with a 429).
    const mode = modeOf(model, options) ?? (billsNothing(usage) ? { usOnly: false } : null);
    if (!mode) return null;
    const applied = findAppliedPrice(model, at, options.overrides);
    if (!applied) return null;

    const batch = options.batch === true;
    const { rates, longContext } = appliedRates(applied, usage, batch, mode.usOnly);
    // $X per 1,000 searches is X × 10^12 / 1,000 = X × 10^9 picos per search: reading the price
    // at 9 decimals gives picos per search directly, with no division (overrides are validated to
    // at most 9 decimals, so this never truncates).
    const webSearchPicosEach = scaledIntegerFromDecimal(applied.webSearchUsdPer1000Searches, 9);
    const picos = lineTotals(usage, rates, webSearchPicosEach);

    return {
      model: applied.model,
      inputPicos: picos.input,
      outputPicos: picos.output,
      cacheWritePicos: picos.cacheWrite,
      cacheReadPicos: picos.cacheRead,
      webSearchPicos: picos.webSearch,
      totalPicos: picos.input + picos.output + picos.cacheWrite + picos.cacheRead + picos.webSearch,
      longContext,
      source: applied.source,
      batch,
      usOnly: mode.usOnly,
      priceEffectiveFrom: applied.period.effectiveFrom,
    };
  } catch {
    // Only reachable through malformed data that escaped validation; "unknown" beats a crash.
    return null;
  }
}

/**
 * What `cacheReadTokens` would have cost as plain input minus what they cost as cache reads, at the
 * price in force at `options.at`. Uses the standard (not long-context) tier: a count of cache-read
 * tokens alone does not say how long the prompts were. In pico-dollars, exact. Null when the
 * model has no price.
 */
export function cacheSavingsPicos(model: string, cacheReadTokens: number, options: PriceOptions = {}): bigint | null {
  try {
    const at = options.at ?? new Date();
    if (Number.isNaN(at.getTime()) || !Number.isSafeInteger(cacheReadTokens) || cacheReadTokens < 0) return null;
    const mode = modeOf(model, options);
    const applied = mode && findAppliedPrice(model, at, options.overrides);
    if (!mode || !applied) return null;
    const listed = ratesFor(applied.period.prices);
    const located = mode.usOnly ? usOnlyRates(listed) : listed;
    const rates = options.batch === true ? batchRates(located) : located;
    return BigInt(cacheReadTokens) * (rates.input - rates.cacheRead);
  } catch {
    return null;
  }
}
