import { formatUsd, PICOS_PER_USD } from "~/lib/pricing/money";

/**
 * An amount for a glance ("about $0.42"): cents from ten cents up; below that four decimals, because SEO runs on
 * small models often cost fractions of a cent and "$0.00" would say nothing. Exact figures use formatUsd(…, 6).
 */
export function approxUsd(picos: bigint): string {
  if (picos === 0n) return "$0.00";
  if (picos < PICOS_PER_USD / 10_000n) return "less than $0.0001";
  return formatUsd(picos, picos < PICOS_PER_USD / 10n ? 4 : 2);
}
