import type { BreakdownDimension } from "~/lib/analytics";
import type { DayRange } from "~/lib/time";
import { NO_RESOURCE } from "./call-filters";

/**
 * Links from a figure to the calls behind it: the calls explorer with exactly the filters that make up the figure,
 * so its total is the figure that was clicked. Pure (pages build them).
 */
export interface CallsLinkFilters {
  model?: string;
  endpoint?: string;
  status?: string;
  resourceType?: string;
  userId?: string;
}

export const CALLS_EXPLORER_PATH = "/app/calls";

/** "/app/calls?from=2026-11-01&to=2026-11-30&model=…": the explorer's URL for a range and filters. */
export function callsExplorerPath(range: DayRange, filters: CallsLinkFilters = {}): string {
  const params = new URLSearchParams({ from: range.from, to: range.to });
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  return `${CALLS_EXPLORER_PATH}?${params.toString()}`;
}

/** The filter that picks a breakdown row's calls (a resource type of "" is calls about no resource). */
export function breakdownFilter(dimension: BreakdownDimension, key: string): CallsLinkFilters {
  switch (dimension) {
    case "model":
      return { model: key };
    case "endpoint":
      return { endpoint: key };
    case "resourceType":
      return { resourceType: key === "" ? NO_RESOURCE : key };
    case "userId":
      return { userId: key };
  }
}
