import type { z } from "zod";
import { altTextAnswerSchema, auditAnswerSchema, metaAnswerSchema } from "./answers";
import type { SeoJobKind } from "./job-kinds";
import { ALT_TEXT_TOOL, AUDIT_TOOL, META_TOOL, altTextPrompt, auditPrompt, metaTagsPrompt } from "./prompts";
import type { SeoImage, SeoProduct } from "./product";
import type { SeoIssue } from "./seo-rules";

export { SEO_JOB_KINDS, type SeoJobKind } from "./job-kinds";

/** What one item of a run is about, snapshotted from Shopify when the run is created. */
export type SeoItemInput =
  | { kind: "audit"; product: SeoProduct; issues: SeoIssue[] }
  | { kind: "meta"; product: SeoProduct; titlesInUse: string[] }
  | { kind: "alt_text"; product: SeoProduct; image: SeoImage };

interface TaskDefinition<S extends z.ZodType> {
  endpoint: "analyze_product" | "fix_meta" | "alt_text";
  fixType: "meta" | "alt_text" | null;
  resourceType: "product" | "image";
  toolName: string;
  modelSetting: "auditModel" | "fixModel";
  maxTokens: number;
  schema: S;
  /** The merchant's name for the work, as the pages show it. */
  label: string;
}

/**
 * The three kinds of SEO work, each one Claude call per item: what the call is recorded as (endpoint, resource,
 * fix type), which tool it forces, which model setting it uses, and what it is asked.
 */
export const SEO_TASKS = {
  audit: {
    endpoint: "analyze_product",
    fixType: null,
    resourceType: "product",
    toolName: AUDIT_TOOL,
    modelSetting: "auditModel",
    maxTokens: 1_500,
    schema: auditAnswerSchema,
    label: "SEO audit",
  },
  meta: {
    endpoint: "fix_meta",
    fixType: "meta",
    resourceType: "product",
    toolName: META_TOOL,
    modelSetting: "fixModel",
    maxTokens: 400,
    schema: metaAnswerSchema,
    label: "Meta titles and descriptions",
  },
  alt_text: {
    endpoint: "alt_text",
    fixType: "alt_text",
    resourceType: "image",
    toolName: ALT_TEXT_TOOL,
    modelSetting: "fixModel",
    maxTokens: 200,
    schema: altTextAnswerSchema,
    label: "Image alt text",
  },
} as const satisfies { [K in SeoJobKind]: TaskDefinition<z.ZodType> };

/** The resource a call is recorded against: the product, or for alt text the MediaImage. */
export function resourceIdOf(input: SeoItemInput): string {
  return input.kind === "alt_text" ? input.image.id : input.product.id;
}

export function promptFor(input: SeoItemInput): string {
  switch (input.kind) {
    case "audit":
      return auditPrompt(input.product, input.issues);
    case "meta":
      return metaTagsPrompt(input.product, input.titlesInUse);
    case "alt_text":
      return altTextPrompt(input.product, input.image);
  }
}

/** The SEO setting that picks the model for the calls of an endpoint, and what the settings call it; null for none. */
export function modelSettingFor(endpoint: string): { setting: "auditModel" | "fixModel"; label: string } | null {
  const task = Object.values(SEO_TASKS).find((candidate) => candidate.endpoint === endpoint);
  if (!task) return null;
  return task.modelSetting === "auditModel"
    ? { setting: "auditModel", label: "Audits" }
    : { setting: "fixModel", label: "Meta tags and alt text" };
}
