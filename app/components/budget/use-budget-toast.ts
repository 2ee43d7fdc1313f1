import { useEffect } from "react";
import { useAppBridge } from "@shopify/app-bridge-react";
import type { BudgetToast } from "~/lib/budget";

// The server hands each crossing to one page load only; this set keeps a re-render (or React's development
// double effects) of that same data from showing it twice.
const shownToasts = new Set<string>();

/** Shows the App Bridge toast for a budget threshold this page load was the first to see. */
export function useBudgetToast(toast: BudgetToast | null): void {
  const shopify = useAppBridge();
  useEffect(() => {
    if (!toast || shownToasts.has(toast.id)) return;
    shownToasts.add(toast.id);
    shopify.toast.show(toast.message, { isError: toast.isError, duration: 8_000 });
  }, [shopify, toast]);
}
