import { formatUsd, PICOS_PER_USD } from "~/lib/money";
import type { Change } from "~/lib/analytics";

/**
 * The one place that turns figures into text for every page and message: money (loaders send exact pico-dollars as
 * decimal strings), counts, percentages, latencies, and the names merchants read instead of ids (features, resource
 * types, staff). Safe in the browser: it imports the money module, never the price catalog (model names come from the
 * catalog on the server: `~/lib/format/index.server`).
 *
 * Money is shown in dollars and cents ("$1.65", "$1,234.50"); an amount above zero and under a cent is "< $0.01",
 * never "$0.00". The exact amount (`usdExact`) is what a figure shows on hover and what the CSV holds. Only the
 * calls explorer shows one call's cost with more digits (`callUsd`). Display only rounds: sums stay exact bigints.
 */

const CENT_PICOS = PICOS_PER_USD / 100n;
/** The minus sign used in every signed figure (U+2212), not a hyphen. */
const MINUS = "\u2212";

function grouped(dollarText: string): string {
  // "$1234.50" → "$1,234.50"
  return dollarText.replace(/^\$(\d+)/, (_match, whole: string) => `$${BigInt(whole).toLocaleString("en-US")}`);
}

/** Dollars and cents: "$1.65", "$1,234.50", "$0.00"; "< $0.01" above zero and under a cent. */
export function usd(picos: string | bigint): string {
  const amount = BigInt(picos);
  const magnitude = amount < 0n ? -amount : amount;
  const sign = amount < 0n ? MINUS : "";
  if (magnitude > 0n && magnitude < CENT_PICOS) return `${sign}< $0.01`;
  return sign + grouped(formatUsd(magnitude, 2));
}

/**
 * Every digit of an amount down to the pico-dollar, without trailing zeros but at least cents: "$1.649633",
 * "$0.000003125", "$2.00". What a figure shows on hover.
 */
export function usdExact(picos: string | bigint): string {
  const amount = BigInt(picos);
  const magnitude = amount < 0n ? -amount : amount;
  const text = grouped(formatUsd(magnitude, 12)).replace(/(\.\d\d\d*?)0+$/, "$1");
  return (amount < 0n ? MINUS : "") + text;
}

/** One call's cost in the calls explorer, where fractions of a cent matter: "$0.001597" (6 decimals). */
export function callUsd(picos: string | bigint): string {
  const amount = BigInt(picos);
  const magnitude = amount < 0n ? -amount : amount;
  return (amount < 0n ? MINUS : "") + grouped(formatUsd(magnitude, 6));
}

/** A range of amounts: "$0.12 – $0.18", "about $0.15" (both the same to the cent), "up to $0.02", "less than $0.01". */
export function usdRange(low: string | bigint, high: string | bigint): string {
  const lowText = usd(low);
  const highText = usd(high);
  if (highText.startsWith("<")) return "less than $0.01";
  if (lowText === highText) return `about ${highText}`;
  if (lowText.startsWith("<")) return `up to ${highText}`;
  return `${lowText} – ${highText}`;
}

/**
 * A cost that may include calls of unknown price: "unknown" when every call is unpriced (never "$0"),
 * otherwise the priced part in dollars and cents.
 */
export function costText(costPicos: string | bigint, calls: number, unpricedCalls: number): string {
  if (calls > 0 && unpricedCalls === calls) return "unknown";
  return usd(costPicos);
}

/** One call's cost with 6 decimals, or "unknown" when its model had no price (never "$0"). */
export function callCost(costPicos: string | null): string {
  return costPicos === null ? "unknown" : callUsd(costPicos);
}

/** A USD amount as a merchant would type it: "49.99", "50" (no "$", no grouping, no trailing zeros). */
export function usdInputText(picos: string | bigint): string {
  return formatUsd(BigInt(picos), 6)
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

/** "1 product", "3 products", "1,204 calls". */
export function plural(value: number, one: string, many = `${one}s`): string {
  return `${count(value)} ${value === 1 ? one : many}`;
}

/** A percentage (12.5 for 12.5 %) as "12.5%": one decimal everywhere, "<0.1%" for a share too small to show. */
export function percent(value: number): string {
  if (value !== 0 && Math.abs(value) < 0.05) return value < 0 ? `${MINUS}<0.1%` : "<0.1%";
  const text = Math.abs(value).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${value < 0 ? MINUS : ""}${text}%`;
}

function signed(text: string, negative: boolean): string {
  return negative ? `${MINUS}${text.replace(/^[-\u2212]/, "")}` : `+${text}`;
}

/** "+12.5% (+$1.23)", "−3.1% (−120 calls)", "new (+$4.00)" or "no change". */
export function changeText(change: Change, unit: "usd" | "count"): string {
  if (change.kind === "same") return "no change";
  const delta = BigInt(change.delta);
  const magnitude = delta < 0n ? -delta : delta;
  const deltaText = signed(unit === "usd" ? usd(magnitude) : count(magnitude), delta < 0n);
  if (change.kind === "new") return `new (${deltaText})`;
  return `${signed(percent(Math.abs(change.percent)), change.kind === "down")} (${deltaText})`;
}

/** "850 ms" under a second, else "1.2 s". */
export function latency(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(1)} s`;
}

/**
 * What each feature of the app is called on the pages, by the endpoint its calls are recorded under. The SEO tasks
 * and the cost tips are this app's features; anything else (a developer's new feature before it is named here) is
 * shown as recorded.
 */
export const FEATURE_NAMES: Readonly<Record<string, string>> = {
  analyze_product: "Product SEO audits",
  fix_meta: "Meta titles and descriptions",
  alt_text: "Image alt text",
  optimization_tips: "Cost tips from Claude",
};

export function featureName(endpoint: string): string {
  return FEATURE_NAMES[endpoint] ?? endpoint;
}

const RESOURCE_TYPE_NAMES: Readonly<Record<string, string>> = {
  product: "Products",
  collection: "Collections",
  image: "Images",
};

/** "Products", "Images", …; "" or null (a call about no resource) is "No product or image". */
export function resourceTypeName(resourceType: string | null): string {
  if (!resourceType || resourceType === "none") return "No product or image";
  return RESOURCE_TYPE_NAMES[resourceType] ?? resourceType;
}

/** The userId background work is recorded under. */
export const AUTOMATION_USER = "automation";

/**
 * A staff member as a merchant knows them: their name where Shopify told the app (`names`), "You" for the signed-in
 * viewer, "The app (no staff member)" for background work, else a plain "Staff member 90002".
 */
export function staffName(userId: string, names: Readonly<Record<string, string>>, viewerUserId: string | null) {
  if (userId === AUTOMATION_USER) return "The app (no staff member)";
  const name = names[userId];
  if (userId === viewerUserId) return name ? `You (${name})` : "You";
  return name ?? `Staff member ${userId}`;
}

/** The numeric tail of a Shopify GID ("gid://shopify/Product/1042" → "1042"), or null when it is not one. */
export function legacyIdOfGid(gid: string | null): string | null {
  const match = gid ? /^gid:\/\/shopify\/[A-Za-z]+\/(\d+)$/.exec(gid) : null;
  return match ? match[1]! : null;
}

/** Where a product opens in Shopify admin (App Bridge turns `shopify://admin/…` into admin navigation). */
export function adminProductUrl(productGid: string): string | null {
  const id = legacyIdOfGid(productGid);
  return id ? `shopify://admin/products/${id}` : null;
}

const ERROR_TYPE_NAMES: Readonly<Record<string, string>> = {
  overloaded_error: "Claude overloaded",
  rate_limit_error: "rate limit reached",
  api_error: "Anthropic server error",
  timeout: "no answer in time",
  aborted: "stopped before the answer",
  invalid_request_error: "request refused",
  authentication_error: "API key refused",
};

/** "Claude overloaded (overloaded_error)": what an Anthropic error type means, with the type for support. */
export function errorTypeName(errorType: string): string {
  const name = ERROR_TYPE_NAMES[errorType];
  return name ? `${name} (${errorType})` : errorType;
}
