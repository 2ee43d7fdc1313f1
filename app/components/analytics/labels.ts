import type { BreakdownDimension } from "~/lib/analytics";

/** What the breakdown keys mean to a merchant. Unknown keys are shown as recorded. */
const ENDPOINT_LABELS: Record<string, string> = {
  analyze_product: "Product SEO audits",
  fix_meta: "Meta titles and descriptions",
  alt_text: "Image alt text",
  chat: "SEO chat",
  automation: "Automations",
  optimization_tips: "Cost tips from Claude",
};

const RESOURCE_TYPE_LABELS: Record<string, string> = {
  product: "Products",
  collection: "Collections",
  image: "Images",
  "": "No resource",
};

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

/** `viewerUserId`: the signed-in staff member, shown as "You". */
export function breakdownLabel(dimension: BreakdownDimension, key: string, viewerUserId: string | null): string {
  switch (dimension) {
    case "model":
      return key;
    case "endpoint":
      return ENDPOINT_LABELS[key] ?? key;
    case "resourceType":
      return RESOURCE_TYPE_LABELS[key] ?? key;
    case "userId":
      if (key === "automation") return "Automation (no staff member)";
      return key === viewerUserId ? `You (staff ${key})` : `Staff ${key}`;
  }
}
