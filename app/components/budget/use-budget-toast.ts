import { useEffect } from "react";
import { useFetcher } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import type { BudgetToast } from "~/lib/budget";
import type { action as claimAction } from "~/routes/app.budget_.alerts";

const BUDGET_ALERTS_CLAIM_PATH = "/app/budget/alerts";

// One claim per set of alerts per page session: a re-render (or React's development double effects) of the same
// loader data does not ask again, and a toast already shown is not shown twice.
const claimed = new Set<string>();
const shown = new Set<string>();

/**
 * Shows the App Bridge toast for budget crossings no page has shown yet. The loader only reads them; this claims
 * them with a POST, and the toast appears only if this page won the claim (another tab may have been first).
 */
export function useBudgetToast(pending: BudgetToast | null): void {
  const shopify = useAppBridge();
  const fetcher = useFetcher<typeof claimAction>();
  // Remix keeps a fetcher's `submit` the same function across renders.
  const { submit } = fetcher;
  const key = pending ? pending.alertIds.join(",") : null;

  useEffect(() => {
    if (!key || claimed.has(key)) return;
    claimed.add(key);
    submit({ alertIds: key }, { method: "POST", action: BUDGET_ALERTS_CLAIM_PATH });
  }, [key, submit]);

  const toast = fetcher.data?.toast ?? null;
  useEffect(() => {
    if (!toast) return;
    const id = toast.alertIds.join(",");
    if (shown.has(id)) return;
    shown.add(id);
    shopify.toast.show(toast.message, { isError: toast.isError, duration: 8_000 });
  }, [shopify, toast]);
}
