/**
 * Money as integers. A cost is a bigint count of pico-dollars (1e-12 USD); nothing here touches
 * floating point and nothing in cost computation rounds, so sums of millions of calls stay exact.
 *
 * Why picos and not nanos: one listed price is not a whole number of nano-dollars per token.
 * Claude Haiku 5.5's 5-minute cache write is $0.125 / MTok; halved in a Batch API call that is
 * 62.5 nanos per token, so an odd number of such tokens cannot be stored in nanos without rounding.
 * In picos it is 62,500 per token, and every listed price, halved or not, is a whole number.
 *
 * Range: a signed 64-bit integer (Postgres BIGINT) of picos holds at most 2^63 − 1 picos, about
 * $9.2 million. That is plenty for one call or one shop's day, not for every shop over all time,
 * which is why callers sum per shop and day in SQL and add larger sums as bigint in JS.
 */

export const PICOS_PER_USD = 1_000_000_000_000n;

/** Decimal places of a dollar that one pico-dollar is. */
const USD_DECIMALS = 12;

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Reads a plain decimal string ("12.50", "0.015") as an integer scaled by 10^scale, exactly.
 * Throws when the string is not a plain decimal or carries more digits than the scale can hold,
 * because silently dropping a digit of a price is exactly the error this module exists to prevent.
 */
export function scaledIntegerFromDecimal(value: string, scale: number): bigint {
  const match = DECIMAL.exec(value);
  if (!match) throw new TypeError(`Not a decimal number: ${JSON.stringify(value)}`);
  const [, sign = "", whole = "0", fraction = ""] = match;
  if (fraction.length > scale) {
    throw new RangeError(`${value} has more than ${scale} decimal places`);
  }
  const magnitude = BigInt(whole + fraction.padEnd(scale, "0"));
  return sign === "-" ? -magnitude : magnitude;
}

/**
 * Parses a USD amount such as "12.50", "$12.50" or "-0.000001" into pico-dollars, exactly.
 * Up to 12 decimal places; anything else (more decimals, exponents, spaces, commas) is a TypeError.
 */
export function picosFromUsd(usd: string): bigint {
  const unsigned = usd.startsWith("-") ? usd.slice(1) : usd;
  const sign = unsigned === usd ? "" : "-";
  const digits = unsigned.startsWith("$") ? unsigned.slice(1) : unsigned;
  if (digits.startsWith("-")) throw new TypeError(`Not a USD amount: ${JSON.stringify(usd)}`);
  try {
    return scaledIntegerFromDecimal(sign + digits, USD_DECIMALS);
  } catch (error) {
    throw new TypeError(`Not a USD amount: ${JSON.stringify(usd)} (${(error as Error).message})`);
  }
}

/**
 * Formats pico-dollars as "$1.000000" (6 decimals by default, 0 to 12 allowed). This is display
 * only: when decimals < 12 the value is rounded half away from zero, so -x always prints as "-" + x.
 */
export function formatUsd(picos: bigint, decimals = 6): string {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > USD_DECIMALS) {
    throw new RangeError(`decimals must be an integer from 0 to ${USD_DECIMALS}, got ${decimals}`);
  }
  const negative = picos < 0n;
  const magnitude = negative ? -picos : picos;
  const step = 10n ** BigInt(USD_DECIMALS - decimals);
  const rounded = divideRoundingHalfUp(magnitude, step);
  const unitsPerDollar = 10n ** BigInt(decimals);
  const dollars = rounded / unitsPerDollar;
  const fraction = (rounded % unitsPerDollar).toString().padStart(decimals, "0");
  const body = decimals === 0 ? `$${dollars}` : `$${dollars}.${fraction}`;
  return negative && rounded !== 0n ? `-${body}` : body;
}

/** Divides a non-negative amount, rounding a remainder of exactly half upwards (display only). */
function divideRoundingHalfUp(amount: bigint, divisor: bigint): bigint {
  return (amount + divisor / 2n) / divisor;
}
