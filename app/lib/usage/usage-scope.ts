import { isLocalDay, daysInRange, type DayRange } from "~/lib/time/shop-calendar";

/**
 * Whose usage a query reads. Merchants' pages always pass `{ shop }` from the authenticated session; only the
 * operator's command line reads `{ allShops: true }`.
 */
export type UsageScope = { shop: string } | { allShops: true };

export function shopWhere(scope: UsageScope): { shop?: string } {
  if ("shop" in scope) {
    if (!scope.shop) throw new Error("A usage query needs a shop");
    return { shop: scope.shop };
  }
  return {};
}

export class InvalidRangeError extends Error {
  override name = "InvalidRangeError";
}

export const MAX_RANGE_DAYS = 366;

/** Checks a day range: real days, `from` not after `to`, at most 366 days. */
export function assertValidRange(range: DayRange): void {
  if (!isLocalDay(range.from) || !isLocalDay(range.to)) {
    throw new InvalidRangeError("Dates must be real days written as YYYY-MM-DD");
  }
  if (range.from > range.to) throw new InvalidRangeError("The start date is after the end date");
  if (daysInRange(range) > MAX_RANGE_DAYS)
    throw new InvalidRangeError(`A range can cover at most ${MAX_RANGE_DAYS} days`);
}
