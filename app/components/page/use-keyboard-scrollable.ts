import { useEffect, type RefObject } from "react";

/**
 * Makes the horizontal scroll area Polaris draws inside `container` (an IndexTable's, which has no prop for it)
 * reachable from the keyboard: focusable and named, so its columns can be scrolled with the arrow keys. Without it a
 * table wider than its card hides columns from anyone not using a pointer (axe: scrollable-region-focusable).
 */
export function useKeyboardScrollable(container: RefObject<HTMLElement | null>, label: string, selector: string): void {
  useEffect(() => {
    const region = container.current?.querySelector<HTMLElement>(selector);
    if (!region) return;
    region.tabIndex = 0;
    region.setAttribute("role", "region");
    region.setAttribute("aria-label", label);
  });
}
