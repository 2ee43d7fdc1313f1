import { beforeAll, describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { getUsageRecorder, InvalidUsageError, trackAPIUsage, type TrackUsageParams } from "~/lib/usage/index.server";
import { loadCallsExplorer } from "~/lib/calls/index.server";
import { exportResponse } from "~/lib/export/index.server";
import { callParams, createShop } from "../support/usage-fixtures";

/**
 * A tracked call cannot plant a value that breaks a sum, a calendar, a page or the CSV: every field is bounded to
 * what Claude's API can report, and text reaches the database as valid UTF-8 without NUL, cut between characters.
 */
const SHOP = "hostile-fields.myshopify.com";
const at = new Date(Date.now() - 60_000);

beforeAll(async () => {
  await createShop(SHOP, "UTC");
});

describe("tracked fields out of bounds are refused with a message naming the field", () => {
  test.each([
    ["tokens up to 2^53", { inputTokens: 2 ** 53 - 1 }, "inputTokens must be a whole number from 0 to 100000000"],
    ["a timestamp in year 0", { timestamp: new Date("0000-06-01T00:00:00Z") }, "timestamp must be a time from"],
    ["a timestamp far in the future", { timestamp: new Date("3000-01-01T00:00:00Z") }, "timestamp must be a time from"],
    ["a latency of a year", { latencyMs: 365 * 86_400_000 }, "latencyMs must be a number of milliseconds"],
    ["an HTTP status that is not one", { httpStatus: 700 }, "httpStatus must be an HTTP status code from 100 to 599"],
    [
      "a formula as HTTP status",
      { httpStatus: "=cmd|' /C calc'!A0" as unknown as number },
      "httpStatus must be an HTTP status code",
    ],
    ["a model id with NUL", { model: "claude\u0000" }, "model must be text of at most 255 characters"],
    ["a shop name of a megabyte", { shop: "s".repeat(1_000_000) }, "shop must be text of at most 255 characters"],
    ["a resource id with half an emoji", { resourceId: "gid://x/\ud83d" }, "resourceId must be text of at most 255"],
  ] as Array<[string, Partial<TrackUsageParams>, string]>)("%s", async (_name, overrides, message) => {
    await expect(
      trackAPIUsage(callParams(SHOP, { ...overrides, timestamp: overrides.timestamp ?? at })),
    ).rejects.toThrow(InvalidUsageError);
    await expect(
      trackAPIUsage(callParams(SHOP, { ...overrides, timestamp: overrides.timestamp ?? at })),
    ).rejects.toThrow(message);
  });
});

describe("error text is kept, made storable, and every read of the shop's calls still works", () => {
  test("a long error message cut in an emoji, with NUL and a lone surrogate, is stored as valid UTF-8", async () => {
    const message = `=HYPERLINK("x")\u0000 broken \udc00 ${"y".repeat(1_973)}😀😀 tail`;
    const { id } = await trackAPIUsage(
      callParams(SHOP, { status: "error", errorType: "overloaded_error", errorMessage: message, timestamp: at }),
    );
    await getUsageRecorder().drain();
    const stored = await prisma.aPIUsageLog.findUniqueOrThrow({ where: { id } });
    const text = stored.errorMessage!;
    expect(text.isWellFormed()).toBe(true);
    expect(text.includes("\u0000")).toBe(false);
    expect([...text]).toHaveLength(2_000);
    expect(text.endsWith("😀")).toBe(true);
    expect(new TextDecoder("utf-8", { fatal: true }).decode(new TextEncoder().encode(text))).toBe(text);

    // The explorer and the CSV read it back; the CSV cell is guarded against formulas.
    const page = await loadCallsExplorer(SHOP, new URLSearchParams());
    expect(page.page.rows.find((row) => row.id === id)?.errorMessage).toBe(text);
    const form = new FormData();
    form.set("kind", "calls");
    form.set("from", page.filters.from);
    form.set("to", page.filters.to);
    const csv = await (await exportResponse(SHOP, form)).text();
    expect(csv).toContain(`"'=HYPERLINK(""x"") broken`);
  });
});
