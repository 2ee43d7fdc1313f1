import type { Tool } from "@anthropic-ai/sdk/resources/messages";
import { z } from "zod";
import { altTextAnswerSchema, auditAnswerSchema, metaAnswerSchema } from "./answers";
import { ALT_TEXT_TOOL, AUDIT_TOOL, META_TOOL } from "./prompts";
import { ALT_TEXT_MAX, META_DESCRIPTION_MAX, META_TITLE_MAX } from "./seo-rules";

/**
 * The tools every SEO request offers Claude. Each tool's input schema is derived from the zod schema that parses
 * its answer (answers.ts), so the model is asked for exactly what the parser accepts.
 *
 * Claude is shown the answer as the app keeps it, zod's output side (`io: "output"`): a text's limits after
 * tidying (`line()` trims, then refuses empty or long text), every object closed (`additionalProperties: false`,
 * extra keys would be dropped), and a field with a default required, because a default is the parser's fallback
 * for an answer that leaves the field out, not an invitation to (docs/decisions/0008).
 */

/** The JSON Schema of a tool's input, from the zod schema of its answer. */
export function toolInputSchema(schema: z.ZodObject): Tool.InputSchema {
  const { $schema: _draft, ...inputSchema } = z.toJSONSchema(schema, {
    io: "output",
    // The default is the parser's fallback, not something to tell Claude.
    override: ({ jsonSchema }) => {
      delete jsonSchema.default;
    },
  });
  if (inputSchema.type !== "object") throw new Error("a tool's input must be an object");
  return inputSchema as Tool.InputSchema;
}

export const SEO_TOOLS: Tool[] = [
  {
    name: AUDIT_TOOL,
    description:
      "Record the SEO audit of one product listing: an overall score, a short summary and concrete findings, each with the exact change to make.",
    input_schema: toolInputSchema(auditAnswerSchema),
  },
  {
    name: META_TOOL,
    description: `Write the product's meta title (at most ${META_TITLE_MAX} characters) and meta description (at most ${META_DESCRIPTION_MAX} characters).`,
    input_schema: toolInputSchema(metaAnswerSchema),
  },
  {
    name: ALT_TEXT_TOOL,
    description: `Write alt text for one product image (at most ${ALT_TEXT_MAX} characters).`,
    input_schema: toolInputSchema(altTextAnswerSchema),
  },
];
