import type { Message } from "@anthropic-ai/sdk/resources/messages";
import { z } from "zod";
import { validationMessages } from "~/lib/validation";
import { ALT_TEXT_MAX, META_DESCRIPTION_MAX, META_TITLE_MAX } from "./seo-rules";
import { AUDIT_AREAS, AUDIT_SUMMARY_MAX, FINDING_TEXT_MAX, MAX_FINDINGS, SEVERITIES } from "./prompts";

/**
 * Claude's answers, checked before anything is shown or written: the forced tool's input must be JSON of the
 * required shape, with every text within its limit. An answer that is not is a SeoAnswerError on that item (the
 * call itself succeeded and is tracked as such); nothing downstream ever sees an unchecked answer.
 *
 * These schemas are also the tools' shapes: `tools.ts` derives each tool's JSON Schema from them, so the limits,
 * enums and field descriptions (`.describe()`, which Claude reads) are written here once.
 */

/** One line of text: trimmed, no line breaks, no wrapping quotation marks Claude sometimes adds. */
function line(max: number) {
  return z
    .string()
    .transform((text) =>
      text
        .replace(/\s+/g, " ")
        .trim()
        .replace(/^["“](.*)["”]$/, "$1")
        .trim(),
    )
    .pipe(z.string().min(1, "is empty").max(max, `is longer than ${max} characters`));
}

export const auditAnswerSchema = z.object({
  score: z.number().int().min(0).max(100).describe("Overall SEO quality of the listing, 0–100."),
  summary: line(AUDIT_SUMMARY_MAX).describe(
    "Two sentences at most: the state of the listing and the most valuable fix.",
  ),
  findings: z
    .array(
      z.object({
        area: z.enum(AUDIT_AREAS),
        severity: z.enum(SEVERITIES),
        problem: line(FINDING_TEXT_MAX).describe("What is wrong, specific to this product."),
        recommendation: line(FINDING_TEXT_MAX).describe("The concrete change, with example wording where useful."),
      }),
    )
    .min(1)
    .max(MAX_FINDINGS),
});

export const metaAnswerSchema = z.object({
  metaTitle: line(META_TITLE_MAX),
  metaDescription: line(META_DESCRIPTION_MAX),
  // Claude is asked for it (see tools.ts); an answer without it is still usable.
  focusKeyword: z.string().max(60).optional().default("").describe("The search phrase the tags are written for."),
});

export const altTextAnswerSchema = z.object({ altText: line(ALT_TEXT_MAX) });

export type AuditAnswer = z.infer<typeof auditAnswerSchema>;
export type MetaAnswer = z.infer<typeof metaAnswerSchema>;
export type AltTextAnswer = z.infer<typeof altTextAnswerSchema>;

export class SeoAnswerError extends Error {
  override name = "SeoAnswerError";
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join(".")} ${issue.message}` : issue.message))
    .join("; ");
}

/** The validated input of the `toolName` tool_use block of `message`; throws SeoAnswerError for anything else. */
export function parseToolAnswer<S extends z.ZodType>(message: Message, toolName: string, schema: S): z.output<S> {
  if (message.stop_reason === "max_tokens") {
    throw new SeoAnswerError("Claude's answer was cut off at the token limit before it was complete.");
  }
  const block = message.content.find((candidate) => candidate.type === "tool_use" && candidate.name === toolName);
  if (!block || block.type !== "tool_use") {
    throw new SeoAnswerError(`Claude did not answer with the ${toolName} tool.`);
  }
  let input: unknown = block.input;
  if (typeof input === "string") {
    try {
      input = JSON.parse(input);
    } catch {
      throw new SeoAnswerError(`Claude's ${toolName} answer was not valid JSON.`);
    }
  }
  const parsed = schema.safeParse(input, { error: validationMessages });
  if (!parsed.success) {
    throw new SeoAnswerError(`Claude's ${toolName} answer was not usable: ${describeIssues(parsed.error)}.`);
  }
  return parsed.data;
}
