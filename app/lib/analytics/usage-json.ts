import type { UsageTotals } from "./usage-totals";

/**
 * Usage figures as loaders send them: JSON has no bigint, so token counts and money travel as decimal strings
 * (money in pico-dollars, exact). Components turn them into display text with `formatUsd(BigInt(...))`.
 */
export type UsageTotalsJson = {
  [K in keyof UsageTotals]: UsageTotals[K] extends bigint ? string : UsageTotals[K];
};

export function usageTotalsToJson<T extends UsageTotals>(totals: T): Omit<T, keyof UsageTotals> & UsageTotalsJson {
  const json: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(totals)) json[key] = typeof value === "bigint" ? value.toString() : value;
  return json as Omit<T, keyof UsageTotals> & UsageTotalsJson;
}
