import { describe, expect, test } from "vitest";
import { z } from "zod";
import handWritten from "./__fixtures__/hand-written-tools.json";
import { SEO_TOOLS, toolInputSchema } from "./tools";

/**
 * `__fixtures__/hand-written-tools.json` is SEO_TOOLS as it was written by hand, before the schemas were derived
 * from the answer parsers. The derived tools must ask Claude for the same thing; the few differences are listed
 * here on purpose, so any other change to what the model sees fails this test.
 */

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Keyword-by-keyword differences between two JSON Schemas (key order ignored, arrays compared whole). */
function differences(before: unknown, after: unknown, path: string): string[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => {
      const at = `${path}.${key}`;
      if (!(key in after)) return [`removed ${at}`];
      if (!(key in before)) return [`added ${at}: ${JSON.stringify(after[key])}`];
      return differences(before[key], after[key], at);
    });
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [`changed ${path}: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`];
}

describe("the SEO tools Claude is offered", () => {
  test("are the same tools, in the same order, with the same descriptions as the hand-written ones", () => {
    expect(SEO_TOOLS.map(({ name, description }) => ({ name, description }))).toEqual(
      handWritten.map(({ name, description }) => ({ name, description })),
    );
  });

  test("ask for what the hand-written schemas asked for, plus only the deliberate additions", () => {
    const changes = SEO_TOOLS.flatMap((tool, index) =>
      differences(handWritten[index]?.input_schema, tool.input_schema, tool.name),
    );
    expect(changes).toEqual([
      // The parser refuses empty text (after trimming): the model is now told so.
      "added record_product_audit.properties.summary.minLength: 1",
      "added record_product_audit.properties.findings.items.properties.problem.minLength: 1",
      "added record_product_audit.properties.findings.items.properties.recommendation.minLength: 1",
      // Keys the parser would drop are not asked for.
      "added record_product_audit.properties.findings.items.additionalProperties: false",
      "added record_product_audit.additionalProperties: false",
      "added write_meta_tags.additionalProperties: false",
      "added write_alt_text.additionalProperties: false",
    ]);
  });

  test("a field with a default is still asked for, an optional one is not, and the default is not shown", () => {
    const schema = toolInputSchema(
      z.object({
        title: z.string().max(10).describe("The title."),
        keyword: z.string().default(""),
        note: z.string().optional(),
      }),
    );
    expect(schema).toEqual({
      type: "object",
      properties: {
        title: { type: "string", maxLength: 10, description: "The title." },
        keyword: { type: "string" },
        note: { type: "string" },
      },
      required: ["title", "keyword"],
      additionalProperties: false,
    });
  });
});
