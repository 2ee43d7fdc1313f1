import { describe, expect, test } from "vitest";
import { z } from "zod";
import { validationMessages } from "./index";

const intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save") }),
  z.object({ intent: z.literal("remove") }),
]);

/** Each expected message is what Zod 3 said for the same schema and input (checked against zod/v3 once). */
const cases: Array<[string, z.ZodType, unknown, string]> = [
  ["a missing field", z.object({ title: z.string() }), {}, "title: Required"],
  ["text where an object belongs", z.object({ title: z.string() }), "x", "Expected object, received string"],
  ["a list where an object belongs", z.object({ title: z.string() }), [], "Expected object, received array"],
  [
    "a number where text belongs",
    z.object({ title: z.string() }),
    { title: 3 },
    "title: Expected string, received number",
  ],
  ["a fraction where a whole number belongs", z.number().int(), 1.5, "Expected integer, received float"],
  ["text where a number belongs", z.number(), "5", "Expected number, received string"],
  ["NaN", z.number(), NaN, "Expected number, received nan"],
  ["a number under the minimum", z.number().min(0), -1, "Number must be greater than or equal to 0"],
  ["a number over the maximum", z.number().max(100), 101, "Number must be less than or equal to 100"],
  ["zero where a positive number belongs", z.number().positive(), 0, "Number must be greater than 0"],
  ["an empty list", z.array(z.string()).min(1), [], "Array must contain at least 1 element(s)"],
  ["a list too long", z.array(z.string()).max(2), ["a", "b", "c"], "Array must contain at most 2 element(s)"],
  ["text too long", z.string().max(3), "abcd", "String must contain at most 3 character(s)"],
  ["text too short", z.string().min(2), "a", "String must contain at least 2 character(s)"],
  [
    "a value not in the list",
    z.enum(["high", "low"]),
    "urgent",
    "Invalid enum value. Expected 'high' | 'low', received 'urgent'",
  ],
  ["a number where a listed word belongs", z.enum(["high", "low"]), 3, "Expected 'high' | 'low', received number"],
  ["another value than the one allowed", z.literal("on"), "off", 'Invalid literal value, expected "on"'],
  [
    "an unknown form intent",
    intent,
    { intent: "x" },
    "intent: Invalid discriminator value. Expected 'save' | 'remove'",
  ],
  ["a missing form intent", intent, {}, "intent: Invalid discriminator value. Expected 'save' | 'remove'"],
  ["a value of no allowed kind", z.union([z.string(), z.number()]), true, "Invalid input"],
  ["text not matching a pattern", z.string().regex(/^\d+$/), "x", "Invalid"],
  ["a malformed URL", z.url(), "nope", "Invalid url"],
  ["a refinement without a message", z.string().refine(() => false), "x", "Invalid input"],
  ["an invalid date", z.date(), new Date("not a date"), "Invalid date"],
  ["keys a closed object does not have", z.strictObject({}), { k: 1, j: 2 }, "Unrecognized key(s) in object: 'k', 'j'"],
];

describe("Zod's generic problems", () => {
  test.each(cases)("%s is worded as the merchant has always seen it", (_name, schema, input, message) => {
    const issues = schema.safeParse(input, { error: validationMessages }).error?.issues ?? [];
    expect(issues.map((issue) => [...issue.path, issue.message].join(": "))).toEqual([message]);
  });

  test("a schema's own message wins", () => {
    const schema = z.object({ amount: z.string({ error: "Enter an amount." }).max(3, "Too long.") });
    const messages = (input: unknown) =>
      schema.safeParse(input, { error: validationMessages }).error?.issues.map((issue) => issue.message);
    expect(messages({})).toEqual(["Enter an amount."]);
    expect(messages({ amount: "1234" })).toEqual(["Too long."]);
  });
});
