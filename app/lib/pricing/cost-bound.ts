/**
 * The most a call can cost before it is sent, for the budget cap's reservations (docs/decisions/0017): every prompt
 * token at the dearest input-side rate the call could be billed at, every output token it may produce, every web
 * search it may run. Exact integer pico-dollars, like `priceCall`.
 */
import { scaledIntegerFromDecimal } from "~/lib/money";
import { modeOf, type PriceOptions } from "./cost";
import { findAppliedPrice } from "./price-lookup";
import { batchRates, ratesFor, usOnlyRates } from "./rates";
import type { TokenPrices } from "./types";

export interface CallCeiling {
  /** Prompt tokens the call cannot exceed (input, cache writes and cache reads together). */
  promptTokens: number;
  /** `max_tokens`: output, thinking included. */
  outputTokens: number;
  webSearchRequests: number;
}

const max = (...values: bigint[]) => values.reduce((a, b) => (b > a ? b : a));

/**
 * The bound, or null when the model (or its speed or geography) has no usable price. Every prompt token is priced at
 * the highest of the input, cache-write (5-minute, 1-hour) and cache-read rates; above the long-context threshold the
 * long-context rates are considered too, and the higher of the two tiers is taken, whichever way the real count falls.
 */
export function costBoundPicos(model: string, ceiling: CallCeiling, options: PriceOptions = {}): bigint | null {
  const at = options.at ?? new Date();
  const mode = modeOf(model, options);
  const applied = mode && findAppliedPrice(model, at, options.overrides);
  if (!mode || !applied) return null;
  const tier = applied.period.longContext;
  const tiers: TokenPrices[] = [applied.period.prices];
  if (tier && ceiling.promptTokens > tier.aboveInputTokens) tiers.push(tier.prices);
  const prompt = BigInt(ceiling.promptTokens);
  const output = BigInt(ceiling.outputTokens);
  const tokens = tiers.map((prices) => {
    const listed = ratesFor(prices);
    const located = mode.usOnly ? usOnlyRates(listed) : listed;
    const rates = options.batch === true ? batchRates(located) : located;
    const input = max(rates.input, rates.cacheWrite5m, rates.cacheWrite1h, rates.cacheRead);
    return prompt * input + output * rates.output;
  });
  const perSearch = scaledIntegerFromDecimal(applied.webSearchUsdPer1000Searches, 9);
  return max(...tokens) + BigInt(ceiling.webSearchRequests) * perSearch;
}
