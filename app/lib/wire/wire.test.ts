import { describe, expect, test } from "vitest";
import { toWire, type Wire } from "./index";

describe("toWire", () => {
  test("bigints become exact decimal strings at any depth, other values stay", () => {
    const value = {
      costPicos: 9_223_372_036_854_775_807n,
      calls: 3,
      unknown: null,
      rows: [{ key: "fix_meta", tokens: 12n }],
      at: new Date("2026-12-01T07:18:00.000Z"),
      nested: { negative: -5n, label: "x", flag: true },
    };
    const wire: Wire<typeof value> = toWire(value);
    expect(wire).toEqual({
      costPicos: "9223372036854775807",
      calls: 3,
      unknown: null,
      rows: [{ key: "fix_meta", tokens: "12" }],
      at: "2026-12-01T07:18:00.000Z",
      nested: { negative: "-5", label: "x", flag: true },
    });
    expect(JSON.parse(JSON.stringify(wire))).toEqual(wire);
    expect(BigInt(wire.costPicos)).toBe(value.costPicos);
  });
});
