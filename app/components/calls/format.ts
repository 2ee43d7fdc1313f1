import { formatUsd } from "~/lib/pricing/money";

/**
 * Display text for the calls page. Imports the money module, not the pricing index, so the price catalog never
 * reaches the browser.
 */

/** A call's cost with 6 decimals, or "unknown" when its model had no price (never "$0"). */
export function callCost(costPicos: string | null): string {
  return costPicos === null ? "unknown" : formatUsd(BigInt(costPicos), 6);
}

export function count(value: number): string {
  return value.toLocaleString("en-US");
}

/** "850 ms" under a second, else "1.2 s". */
export function latency(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(1)} s`;
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(share > 0 && share < 0.1 ? 2 : 1)} %`;
}

/** The last part of a Shopify GID ("gid://shopify/Product/1042" → "Product 1042"), or the id as it is. */
export function resourceLabel(resourceType: string | null, resourceId: string | null): string {
  if (!resourceId) return resourceType ?? "—";
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)$/.exec(resourceId);
  return match ? `${match[1]} ${match[2]}` : resourceId;
}
