/** The breakdowns the AI usage page shows, in order (shared by its loader and its components). */
export const BREAKDOWN_DIMENSIONS = ["model", "endpoint", "resourceType", "userId"] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];
