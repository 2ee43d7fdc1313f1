import type { BreakdownDimension } from "~/lib/analytics";

/** The breakdowns' headings (the rows' names come from the loader: model, feature, resource type, staff names). */
export const DIMENSION_TITLES: Record<BreakdownDimension, string> = {
  model: "By model",
  endpoint: "By feature",
  resourceType: "By resource type",
  userId: "By staff member",
};

export const DIMENSION_COLUMN: Record<BreakdownDimension, string> = {
  model: "Model",
  endpoint: "Feature",
  resourceType: "Resource type",
  userId: "Staff member",
};
