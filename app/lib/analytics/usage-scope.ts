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
