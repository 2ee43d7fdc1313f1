import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False on the server and during hydration, true after. Charts render only then: they measure their container,
 * which the server cannot, and their code (Recharts) loads as a separate chunk after the page is interactive.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
