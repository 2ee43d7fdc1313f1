import { useEffect, useRef } from "react";
import { useNavigation, useRevalidator } from "@remix-run/react";

export const LIVE_REFRESH_MS = 10_000;

/**
 * Re-runs the page's loaders every `intervalMs` while the tab is visible, without a reload: Remix swaps the
 * data in place. A hidden tab does not poll at all (Page Visibility API); coming back refreshes at once and
 * restarts the interval. A refresh still running when the next is due is not doubled.
 */
export function useLiveRefresh(intervalMs: number = LIVE_REFRESH_MS): void {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  // The timer reads the latest revalidator and navigation state through a ref, so it is not restarted on each.
  const latest = useRef({ revalidator, navigation });
  useEffect(() => {
    latest.current = { revalidator, navigation };
  });

  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const refresh = () => {
      // A navigation or form submission in flight reloads the data anyway; do not race it.
      const { revalidator, navigation } = latest.current;
      if (revalidator.state === "idle" && navigation.state === "idle") revalidator.revalidate();
    };
    const start = () => {
      if (timer === undefined) timer = setInterval(refresh, intervalMs);
    };
    const stop = () => {
      clearInterval(timer);
      timer = undefined;
    };
    const onVisibilityChange = () => {
      if (document.visibilityState === "visible") {
        refresh();
        start();
      } else {
        stop();
      }
    };
    if (document.visibilityState === "visible") start();
    document.addEventListener("visibilitychange", onVisibilityChange);
    return () => {
      stop();
      document.removeEventListener("visibilitychange", onVisibilityChange);
    };
  }, [intervalMs]);
}
