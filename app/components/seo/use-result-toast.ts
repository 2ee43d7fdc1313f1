import { useEffect } from "react";
import { useAppBridge } from "@shopify/app-bridge-react";

export type ActionResult = { ok: true; message?: string } | { ok: false; error: string };

/** Shows an action's success message as an App Bridge toast (errors are shown in a Banner by the form). */
export function useResultToast(result: ActionResult | undefined): void {
  const shopify = useAppBridge();
  useEffect(() => {
    if (result?.ok && result.message) shopify.toast.show(result.message);
  }, [shopify, result]);
}

export function errorOf(result: unknown): string | null {
  if (result && typeof result === "object" && "ok" in result && result.ok === false && "error" in result) {
    return String(result.error);
  }
  return null;
}
