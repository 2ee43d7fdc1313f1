import { formatUsd } from "~/lib/money";

/**
 * Dollar amounts for CSV cells: plain decimals without "$" (so a spreadsheet reads them as numbers), from exact
 * pico-dollars. The export writes a million of these per run, so amounts that fit a double exactly (below
 * $9,007, i.e. every single call) take an integer fast path; anything larger goes through `formatUsd`. Both give
 * the same text: `usdCell6` rounds half up like `formatUsd(picos, 6)`, `usdCellExact` prints all 12 digits.
 */

const MAX_FAST = BigInt(Number.MAX_SAFE_INTEGER);
const PICOS_PER_MICRO = 1_000_000;
const MICROS_PER_USD = 1_000_000;

function sixDigits(value: number): string {
  const text = String(value);
  return text.length >= 6 ? text : "000000".slice(text.length) + text;
}

/** USD rounded to 6 decimals ("0.004521"); amounts are never negative here. */
export function usdCell6(picos: bigint): string {
  if (picos < 0n || picos > MAX_FAST) return formatUsd(picos, 6).replace("$", "");
  return safeUsd6(Number(picos));
}

/** `picos` is a safe integer (below 2^53), so integer arithmetic on it as a double is exact. */
function safeUsd6(picos: number): string {
  // The remainder is taken before dividing, so no step leaves the integers.
  const halfUp = picos + PICOS_PER_MICRO / 2;
  const micros = (halfUp - (halfUp % PICOS_PER_MICRO)) / PICOS_PER_MICRO;
  const fraction = micros % MICROS_PER_USD;
  return `${(micros - fraction) / MICROS_PER_USD}.${sixDigits(fraction)}`;
}

/** USD with all 12 decimals of a pico-dollar ("0.004521375000"): exact, so these cells sum to the app's totals. */
export function usdCellExact(picos: bigint): string {
  if (picos < 0n || picos > MAX_FAST) return formatUsd(picos, 12).replace("$", "");
  return safeUsdExact(Number(picos));
}

function safeUsdExact(value: number): string {
  const low = value % PICOS_PER_MICRO; // last 6 digits
  const micros = (value - low) / PICOS_PER_MICRO;
  const middle = micros % MICROS_PER_USD; // next 6 digits
  return `${(micros - middle) / MICROS_PER_USD}.${sixDigits(middle)}${sixDigits(low)}`;
}

/**
 * The cells of a cost the database gave as decimal text (the export reads money as text, so no driver rounds it): the
 * same text as `usdCell6` / `usdCellExact` of that amount. Up to 15 digits is below 2^53 and skips the bigint; any
 * other text goes through `BigInt`, which refuses what is not an integer.
 */
export function usdCell6OfDecimal(picos: string): string {
  const value = smallDecimal(picos);
  return value === null ? usdCell6(BigInt(picos)) : safeUsd6(value);
}

export function usdCellExactOfDecimal(picos: string): string {
  const value = smallDecimal(picos);
  return value === null ? usdCellExact(BigInt(picos)) : safeUsdExact(value);
}

function smallDecimal(text: string): number | null {
  if (text.length === 0 || text.length > 15) return null;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return null;
  }
  return Number(text);
}
