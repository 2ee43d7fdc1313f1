import { formatUsd, PICOS_PER_USD } from "~/lib/money";
import type { Change } from "~/lib/analytics";

/**
 * The one place that turns figures into text for every page and message: money (loaders send exact pico-dollars as
 * decimal strings), counts, percentages, latencies and resource names. Safe in the browser: it imports the money
 * module, never the price catalog.
 */

/** Pico-dollars (a bigint or its decimal string) as "$1.234568" (6 decimals unless told otherwise). */
export function usd(picos: string | bigint, decimals = 6): string {
  return formatUsd(BigInt(picos), decimals);
}

/**
 * A cost that may include calls of unknown price: "unknown" when every call is unpriced (never "$0"),
 * otherwise the priced part.
 */
export function costText(costPicos: string, calls: number, unpricedCalls: number, decimals = 6): string {
  if (calls > 0 && unpricedCalls === calls) return "unknown";
  return usd(costPicos, decimals);
}

/** One call's cost with 6 decimals, or "unknown" when its model had no price (never "$0"). */
export function callCost(costPicos: string | null): string {
  return costPicos === null ? "unknown" : usd(costPicos, 6);
}

/**
 * An amount for a glance ("about $0.42"): cents from ten cents up; below that four decimals, because SEO runs on
 * small models often cost fractions of a cent and "$0.00" would say nothing.
 */
export function approxUsd(picos: bigint): string {
  if (picos === 0n) return "$0.00";
  if (picos < PICOS_PER_USD / 10_000n) return "less than $0.0001";
  return formatUsd(picos, picos < PICOS_PER_USD / 10n ? 4 : 2);
}

/** A USD amount as a merchant would type it: "49.99", "50" (no "$", no trailing zeros; up to 6 decimals). */
export function usdInputText(picos: string | bigint): string {
  return usd(picos, 6)
    .replace(/^\$/, "")
    .replace(/\.?0+$/, "");
}

/** "3 calls at unknown price not included" when some are, else null. */
export function unknownPriceNote(unpricedCalls: number): string | null {
  if (unpricedCalls === 0) return null;
  return `${count(unpricedCalls)} ${unpricedCalls === 1 ? "call" : "calls"} at unknown price not included`;
}

export function count(value: number | string | bigint): string {
  return BigInt(value).toLocaleString("en-US");
}

/** A percentage (12.5 for 12.5 %) as "12.5%": one decimal everywhere, "<0.1%" for a share too small to show. */
export function percent(value: number): string {
  if (value !== 0 && Math.abs(value) < 0.05) return value < 0 ? "−<0.1%" : "<0.1%";
  return `${value.toFixed(1)}%`;
}

function signed(text: string, negative: boolean): string {
  return negative ? `−${text.replace(/^-/, "")}` : `+${text}`;
}

/** "+12.5% (+$1.23)", "−3.1% (−120 calls)", "new (+$4.00)" or "no change". */
export function changeText(change: Change, unit: "usd" | "count", usdDecimals = 2): string {
  if (change.kind === "same") return "no change";
  const delta = BigInt(change.delta);
  const amount = unit === "usd" ? usd(delta < 0n ? -delta : delta, usdDecimals) : count(delta < 0n ? -delta : delta);
  const deltaText = signed(amount, delta < 0n);
  if (change.kind === "new") return `new (${deltaText})`;
  return `${signed(percent(Math.abs(change.percent)), change.kind === "down")} (${deltaText})`;
}

/** "850 ms" under a second, else "1.2 s". */
export function latency(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(1)} s`;
}

/** The last part of a Shopify GID ("gid://shopify/Product/1042" → "Product 1042"), or the id as it is. */
export function resourceLabel(resourceType: string | null, resourceId: string | null): string {
  if (!resourceId) return resourceType ?? "—";
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)$/.exec(resourceId);
  return match ? `${match[1]} ${match[2]}` : resourceId;
}
