import { describe, expect, it } from "vitest";
import { sampleFromJsonSchema } from "./json-schema-sample";

describe("sampleFromJsonSchema", () => {
  it("fills every declared property of an object", () => {
    const value = sampleFromJsonSchema({
      type: "object",
      properties: {
        title: { type: "string" },
        published: { type: "boolean" },
        tags: { type: "array", items: { type: "string" } },
      },
    });

    expect(value).toEqual({ title: expect.any(String), published: expect.any(Boolean), tags: expect.any(Array) });
  });

  it.each([
    [{ maxLength: 5 }, 0, 5],
    [{ minLength: 200 }, 200, Number.POSITIVE_INFINITY],
    [{ minLength: 50, maxLength: 60 }, 50, 60],
    [{ minLength: 3, maxLength: 3 }, 3, 3],
  ])("keeps a string within %o", (bounds, min, max) => {
    for (const name of ["title", "meta_description", "alt", "handle", "reason", "anything"]) {
      const value = sampleFromJsonSchema({
        type: "object",
        properties: { [name]: { type: "string", ...bounds } },
      }) as Record<string, string>;
      const text = value[name] ?? "";
      expect(text.length, `${name}: ${text}`).toBeGreaterThanOrEqual(min);
      expect(text.length, `${name}: ${text}`).toBeLessThanOrEqual(max);
    }
  });

  it.each([
    [{ type: "integer", minimum: 1, maximum: 10 }, (n: number) => Number.isInteger(n) && n >= 1 && n <= 10],
    [{ type: "integer", exclusiveMinimum: 0, exclusiveMaximum: 2 }, (n: number) => n === 1],
    [{ type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 }, (n: number) => n > 0 && n < 1],
    [{ type: "number", minimum: 0.5 }, (n: number) => n >= 0.5],
    [{ type: "integer", maximum: -5 }, (n: number) => Number.isInteger(n) && n <= -5],
    [{ type: "integer", minimum: 1, maximum: 100, multipleOf: 7 }, (n: number) => n % 7 === 0 && n >= 1 && n <= 100],
    [{ type: "number", minimum: 0, exclusiveMinimum: true, maximum: 4 }, (n: number) => n > 0 && n <= 4],
  ])("keeps a number within %o", (schema, valid) => {
    const value = sampleFromJsonSchema(schema) as number;
    expect(valid(value), String(value)).toBe(true);
  });

  it("honours enum, const, nullable unions and array sizes", () => {
    const value = sampleFromJsonSchema({
      type: "object",
      properties: {
        priority: { enum: ["low", "high"] },
        kind: { const: "product" },
        note: { anyOf: [{ type: "null" }, { type: "string", maxLength: 10 }] },
        maybe: { type: ["null", "integer"], minimum: 3, maximum: 3 },
        keywords: { type: "array", items: { type: "string" }, minItems: 4, maxItems: 6, uniqueItems: true },
        none: { type: "array", items: { type: "string" }, maxItems: 0 },
      },
    }) as Record<string, unknown>;

    expect(value.priority).toBe("low");
    expect(value.kind).toBe("product");
    expect(typeof value.note).toBe("string");
    expect((value.note as string).length).toBeLessThanOrEqual(10);
    expect(value.maybe).toBe(3);
    expect(value.keywords).toHaveLength(4);
    expect(new Set(value.keywords as string[]).size).toBe(4);
    expect(value.none).toEqual([]);
  });

  it("resolves local $refs, merges allOf and writes tuples item by item", () => {
    const value = sampleFromJsonSchema({
      type: "object",
      $defs: { Image: { type: "object", properties: { alt: { type: "string", maxLength: 20 } }, required: ["alt"] } },
      properties: {
        hero: { $ref: "#/$defs/Image" },
        gallery: { type: "array", items: { $ref: "#/$defs/Image" }, minItems: 1 },
        merged: { allOf: [{ properties: { a: { type: "integer" } } }, { properties: { b: { type: "boolean" } } }] },
        pair: {
          type: "array",
          prefixItems: [
            { type: "string", format: "date" },
            { type: "integer", minimum: 9 },
          ],
        },
      },
    }) as Record<string, unknown>;

    expect(value.hero).toEqual({ alt: expect.any(String) });
    expect((value.hero as { alt: string }).alt.length).toBeLessThanOrEqual(20);
    expect((value.gallery as unknown[]).length).toBeGreaterThanOrEqual(1);
    expect(value.merged).toEqual({ a: expect.any(Number), b: expect.any(Boolean) });
    expect(value.pair).toEqual(["2025-06-01", 9]);
  });

  it("writes handle-like strings as lowercase slugs and known formats as valid values", () => {
    const value = sampleFromJsonSchema({
      type: "object",
      properties: {
        handle: { type: "string" },
        url: { type: "string", format: "uri" },
        email: { type: "string", format: "email" },
        at: { type: "string", format: "date-time" },
      },
    }) as Record<string, string>;

    expect(value.handle).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(() => new URL(value.url ?? "")).not.toThrow();
    expect(value.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/);
    expect(Number.isNaN(Date.parse(value.at ?? ""))).toBe(false);
  });

  it("stops at a recursion limit instead of looping on a self-referencing schema", () => {
    const schema = { type: "object", properties: { child: { $ref: "#" } } };
    expect(() => sampleFromJsonSchema(schema)).not.toThrow();
  });
});
