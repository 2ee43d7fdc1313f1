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
  // Integer arithmetic on doubles below 2^53 is exact; the remainder is taken before dividing.
  const halfUp = Number(picos) + PICOS_PER_MICRO / 2;
  const micros = (halfUp - (halfUp % PICOS_PER_MICRO)) / PICOS_PER_MICRO;
  const fraction = micros % MICROS_PER_USD;
  return `${(micros - fraction) / MICROS_PER_USD}.${sixDigits(fraction)}`;
}

/** USD with all 12 decimals of a pico-dollar ("0.004521375000"): exact, so these cells sum to the app's totals. */
export function usdCellExact(picos: bigint): string {
  if (picos < 0n || picos > MAX_FAST) return formatUsd(picos, 12).replace("$", "");
  const value = Number(picos);
  const low = value % PICOS_PER_MICRO; // last 6 digits
  const micros = (value - low) / PICOS_PER_MICRO;
  const middle = micros % MICROS_PER_USD; // next 6 digits
  return `${(micros - middle) / MICROS_PER_USD}.${sixDigits(middle)}${sixDigits(low)}`;
}
