import type { SeoIssueCode } from "~/lib/seo";

/** The merchant's words for what the SEO pages show. */

export const ISSUE_LABELS: Record<SeoIssueCode, string> = {
  missing_meta_title: "No meta title",
  meta_title_too_long: "Title too long",
  meta_title_too_short: "Title too short",
  duplicate_meta_title: "Duplicate title",
  missing_meta_description: "No meta description",
  meta_description_too_long: "Meta description too long",
  meta_description_too_short: "Meta description too short",
  duplicate_meta_description: "Duplicate meta description",
  thin_description: "Thin description",
  missing_alt_text: "Images without alt text",
  no_images: "No images",
};

export type BadgeTone = "success" | "warning" | "critical" | "attention" | "info" | undefined;

export function scoreTone(score: number): BadgeTone {
  if (score >= 80) return "success";
  if (score >= 50) return "attention";
  return "critical";
}

export const RUN_STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  draft: { label: "Waiting for your go-ahead", tone: "info" },
  running: { label: "Running", tone: "attention" },
  paused: { label: "Paused", tone: "warning" },
  cancelled: { label: "Cancelled", tone: undefined },
  completed: { label: "Finished", tone: "success" },
  stopped: { label: "Stopped", tone: "critical" },
};

export const KIND_ACTIONS: Record<string, string> = {
  audit: "Audit with Claude",
  meta: "Write meta tags",
  alt_text: "Write alt text",
};

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}
