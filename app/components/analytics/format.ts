import { formatUsd } from "~/lib/pricing/money";
import type { Change } from "~/lib/period-change";

/**
 * Display text for the figures loaders send (money as decimal strings of pico-dollars, exact). Imports the money
 * module directly, not the pricing index, so the price catalog never reaches the browser.
 */
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

/** "3 calls at unknown price" when some are, else null. */
export function unknownPriceNote(unpricedCalls: number): string | null {
  if (unpricedCalls === 0) return null;
  return `${count(unpricedCalls)} ${unpricedCalls === 1 ? "call" : "calls"} at unknown price not included`;
}

export function count(value: number | string | bigint): string {
  return BigInt(value).toLocaleString("en-US");
}

export function percent(value: number): string {
  return `${value.toFixed(value !== 0 && Math.abs(value) < 10 ? 2 : 1)}%`;
}

function signed(text: string, negative: boolean): string {
  return negative ? `−${text.replace(/^-/, "")}` : `+${text}`;
}

/** "+12.5% (+$1.23)", "−3.10% (−120 calls)", "new (+$4.00)" or "no change". */
export function changeText(change: Change, unit: "usd" | "count", usdDecimals = 2): string {
  if (change.kind === "same") return "no change";
  const delta = BigInt(change.delta);
  const amount = unit === "usd" ? usd(delta < 0n ? -delta : delta, usdDecimals) : count(delta < 0n ? -delta : delta);
  const deltaText = signed(amount, delta < 0n);
  if (change.kind === "new") return `new (${deltaText})`;
  return `${signed(percent(Math.abs(change.percent)), change.kind === "down")} (${deltaText})`;
}

/** A USD amount as a merchant would type it: "49.99", "50" (no "$", no trailing zeros; up to 6 decimals). */
export function usdInputText(picos: string | bigint): string {
  return usd(picos, 6)
    .replace(/^\$/, "")
    .replace(/\.?0+$/, "");
}
