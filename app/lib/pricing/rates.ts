/**
 * Prices turned into integer rates. A rate is pico-dollars (1e-12 USD) per token: $X per million
 * tokens is X × 10^6 picos per token. Picos, not nanos, because a few listed prices are not a whole
 * number of nanos per token once the Batch API halves them (Haiku 5.5's $0.125 5-minute cache write
 * is 62.5 nanos per token in a batch); in picos every listed price, halved or not, is an integer.
 */
import { scaledIntegerFromDecimal } from "~/lib/money";
import type { TokenPrices } from "./types";

/** Digits after the decimal point a per-million-token price may have (see UsdPerMillionTokens). */
const MAX_PRICE_DECIMALS = 5;

const PICO_DIGITS_PER_MILLION_TOKENS = 6;

export interface TokenRates {
  input: bigint;
  cacheWrite5m: bigint;
  cacheWrite1h: bigint;
  cacheRead: bigint;
  output: bigint;
}

/**
 * Picos per token for one "$X / MTok" figure. Throws on anything that is not a non-negative decimal
 * with at most MAX_PRICE_DECIMALS places, so a malformed price can never become a silent zero.
 */
export function picosPerToken(usdPerMillionTokens: string): bigint {
  const [, fraction = ""] = usdPerMillionTokens.split(".");
  if (fraction.length > MAX_PRICE_DECIMALS) {
    throw new RangeError(`${usdPerMillionTokens} has more than ${MAX_PRICE_DECIMALS} decimal places`);
  }
  const picos = scaledIntegerFromDecimal(usdPerMillionTokens, PICO_DIGITS_PER_MILLION_TOKENS);
  if (picos < 0n) throw new RangeError(`A price cannot be negative: ${usdPerMillionTokens}`);
  return picos;
}

const ratesCache = new WeakMap<TokenPrices, TokenRates>();

/** Parsed once per price row: the catalog's rows are long-lived objects on the tracking hot path. */
export function ratesFor(prices: TokenPrices): TokenRates {
  const cached = ratesCache.get(prices);
  if (cached) return cached;
  const rates: TokenRates = {
    input: picosPerToken(prices.input),
    cacheWrite5m: picosPerToken(prices.cacheWrite5m),
    cacheWrite1h: picosPerToken(prices.cacheWrite1h),
    cacheRead: picosPerToken(prices.cacheRead),
    output: picosPerToken(prices.output),
  };
  ratesCache.set(prices, rates);
  return rates;
}

/** 50% off every token price; exact, because a price with ≤ 5 decimals is an even number of picos. */
export function batchRates(rates: TokenRates): TokenRates {
  return {
    input: rates.input / 2n,
    cacheWrite5m: rates.cacheWrite5m / 2n,
    cacheWrite1h: rates.cacheWrite1h / 2n,
    cacheRead: rates.cacheRead / 2n,
    output: rates.output / 2n,
  };
}

/**
 * US-only inference: 1.1x every token price. Exact, because a price with ≤ 5 decimals is a whole multiple of
 * 10 picos per token (the catalog test checks that every 1.1x rate also halves exactly for the Batch API).
 */
export function usOnlyRates(rates: TokenRates): TokenRates {
  const times1point1 = (rate: bigint) => (rate * 11n) / 10n;
  return {
    input: times1point1(rates.input),
    cacheWrite5m: times1point1(rates.cacheWrite5m),
    cacheWrite1h: times1point1(rates.cacheWrite1h),
    cacheRead: times1point1(rates.cacheRead),
    output: times1point1(rates.output),
  };
}
