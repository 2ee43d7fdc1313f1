import type { z } from "zod";

/**
 * Zod's generic problems (a missing field, a wrong type, text too long, a value not in a list) in the words the
 * merchant has always seen: Zod 3's English messages ("Required", "String must contain at most 60 character(s)",
 * "Invalid enum value. Expected 'high' | 'low', received 'urgent'"). Zod 4 words them differently; pass this as
 * the parse's error map wherever such a message can reach a page:
 * `schema.safeParse(input, { error: validationMessages })`. A schema's own messages always win over these.
 */
export const validationMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      return invalidType(issue.expected, issue.input);
    case "too_small":
      return tooSmall(issue);
    case "too_big":
      return tooBig(issue);
    case "invalid_value":
      if (isLiteral(issue.inst)) {
        return `Invalid literal value, expected ${JSON.stringify(issue.values[0])}`;
      }
      if (typeof issue.input !== "string") return `Expected ${listed(issue.values)}, received ${typeName(issue.input)}`;
      return `Invalid enum value. Expected ${listed(issue.values)}, received '${issue.input}'`;
    case "invalid_union":
      if (issue.inclusive !== false && issue.discriminator !== undefined && issue.options) {
        return `Invalid discriminator value. Expected ${listed(issue.options)}`;
      }
      return "Invalid input";
    case "invalid_format":
      return issue.format === "regex" ? "Invalid" : `Invalid ${issue.format}`;
    case "unrecognized_keys":
      return `Unrecognized key(s) in object: ${listed(issue.keys, ", ")}`;
    case "not_multiple_of":
      return `Number must be a multiple of ${issue.divisor}`;
    case "custom":
      return "Invalid input";
    default:
      return undefined;
  }
};

function isLiteral(inst: z.core.$ZodType | z.core.$ZodCheck | undefined): boolean {
  const def = inst?._zod.def;
  return def !== undefined && "type" in def && def.type === "literal";
}

function invalidType(expected: string, input: unknown): string {
  if (input === undefined) return "Required";
  if (expected === "date" && input instanceof Date) return "Invalid date";
  if (typeof input === "number" && !Number.isNaN(input)) {
    if (expected === "int") return "Expected integer, received float";
    // ±Infinity, which Zod 3 only refused with .finite().
    if (expected === "number") return "Number must be finite";
  }
  return `Expected ${expected === "int" ? "integer" : expected}, received ${typeName(input)}`;
}

interface Limit {
  origin: string;
  inclusive?: boolean;
  exact?: boolean;
}

/** "Array must contain at least 1 element(s)", "String must contain over 3 character(s)", "Number must be greater than 0". */
function tooSmall({ origin, minimum, inclusive, exact }: Limit & { minimum: number | bigint }): string {
  if (origin === "array")
    return `Array must contain ${exact ? "exactly" : inclusive ? "at least" : "more than"} ${minimum} element(s)`;
  if (origin === "string")
    return `String must contain ${exact ? "exactly" : inclusive ? "at least" : "over"} ${minimum} character(s)`;
  if (origin === "number" || origin === "int") {
    return `Number must be ${exact ? "exactly equal to" : inclusive ? "greater than or equal to" : "greater than"} ${minimum}`;
  }
  return "Invalid input";
}

/** "Array must contain at most 8 element(s)", "String must contain at most 60 character(s)", "Number must be less than or equal to 100". */
function tooBig({ origin, maximum, inclusive, exact }: Limit & { maximum: number | bigint }): string {
  if (origin === "array")
    return `Array must contain ${exact ? "exactly" : inclusive ? "at most" : "less than"} ${maximum} element(s)`;
  if (origin === "string")
    return `String must contain ${exact ? "exactly" : inclusive ? "at most" : "under"} ${maximum} character(s)`;
  if (origin === "number" || origin === "int") {
    return `Number must be ${exact ? "exactly" : inclusive ? "less than or equal to" : "less than"} ${maximum}`;
  }
  return "Invalid input";
}

/** 'a' | 'b' | 3 */
function listed(values: readonly unknown[], separator = " | "): string {
  return values.map((value) => (typeof value === "string" ? `'${value}'` : String(value))).join(separator);
}

/** Zod 3's name for a value's type: "string", "number", "nan", "array", "null", "date", "object", … */
function typeName(value: unknown): string {
  if (typeof value === "number") return Number.isNaN(value) ? "nan" : "number";
  if (typeof value !== "object") return typeof value;
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (value instanceof Date) return "date";
  if (value instanceof Map) return "map";
  if (value instanceof Set) return "set";
  if (value instanceof Promise) return "promise";
  return "object";
}
