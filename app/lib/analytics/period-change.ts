/**
 * How a figure moved from the previous period to the chosen one, and what share of a whole a part is.
 * Exact integer inputs (pico-dollars, tokens, calls); the percentages are for display, to two decimals.
 */
export type Change =
  | { kind: "same"; delta: string; percent: 0 }
  | { kind: "up" | "down"; delta: string; percent: number }
  /** The previous period had none, or so little that a percentage would mislead (see TINY_SHARE). */
  | { kind: "new"; delta: string; percent: null };

/**
 * A previous figure under 1/20 of the current one is tiny: "+847,690.6 %" says nothing a merchant can use, so such a
 * rise reads "new" (with its amount), as a rise from nothing does.
 */
const TINY_SHARE = 20n;

/** Hundredths of a percent of `part` in `whole`, rounded half up, as a number (12.34 for 12.34 %). */
function percentOf(part: bigint, whole: bigint): number {
  const negative = part < 0n !== whole < 0n;
  const magnitude = ((part < 0n ? -part : part) * 20_000n) / (whole < 0n ? -whole : whole);
  const hundredths = Number((magnitude + 1n) / 2n) / 100;
  return negative ? -hundredths : hundredths;
}

/** The change from `previous` to `current` (both >= 0), the delta as a decimal string of the same unit. */
export function changeBetween(current: bigint | number, previous: bigint | number): Change {
  const now = BigInt(current);
  const before = BigInt(previous);
  const delta = (now - before).toString();
  if (now === before) return { kind: "same", delta, percent: 0 };
  if (before === 0n || (now > before && before * TINY_SHARE < now)) return { kind: "new", delta, percent: null };
  return { kind: now > before ? "up" : "down", delta, percent: percentOf(now - before, before) };
}

/** `part` as a percentage of `whole` (0 when the whole is 0), to two decimals. */
export function shareOf(part: bigint | number, whole: bigint | number): number {
  const total = BigInt(whole);
  return total === 0n ? 0 : percentOf(BigInt(part), total);
}
