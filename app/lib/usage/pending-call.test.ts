import { describe, expect, test } from "vitest";
import { InvalidUsageError, pendingCallFrom, type TrackUsageParams } from "./pending-call";

const at = new Date("2026-11-27T12:00:00Z");
const params: TrackUsageParams = {
  shop: "tracker-shop.myshopify.com",
  userId: "42",
  model: "claude-sonnet-4-5-20250929",
  endpoint: "fix_meta",
  inputTokens: 1_000,
  outputTokens: 500,
  timestamp: at,
};

describe("a tracked call's parameters", () => {
  test("are kept as the journal's pending call, with absent fields at their defaults", () => {
    const call = pendingCallFrom({ ...params, id: "call-1", latencyMs: 1_234.6, resourceId: "", errorType: null });
    expect(call).toEqual({
      id: "call-1",
      requestId: null,
      shop: "tracker-shop.myshopify.com",
      userId: "42",
      model: "claude-sonnet-4-5-20250929",
      endpoint: "fix_meta",
      inputTokens: 1_000,
      outputTokens: 500,
      cacheCreation5mTokens: 0,
      cacheCreation1hTokens: 0,
      cacheReadInputTokens: 0,
      webSearchRequests: 0,
      batch: false,
      connectionId: null,
      fixType: null,
      resourceType: null,
      resourceId: null,
      latencyMs: 1_235,
      cached: false,
      status: "success",
      errorType: null,
      errorMessage: null,
      httpStatus: null,
      timestamp: "2026-11-27T12:00:00.000Z",
      speed: null,
      inferenceGeo: null,
      callType: "messages",
      usageNote: null,
    });
  });

  test("without an id or a time get a fresh id and the current time", () => {
    const before = Date.now();
    const call = pendingCallFrom({ ...params, timestamp: undefined });
    expect(call.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(call.timestamp)).toBeGreaterThanOrEqual(before);
    expect(pendingCallFrom(params).id).not.toBe(call.id);
  });

  test.each([
    ["the total alone: all 5-minute writes", { cacheCreationInputTokens: 900 }, [900, 0]],
    ["the total and the 1-hour part", { cacheCreationInputTokens: 900, cacheCreation1hInputTokens: 300 }, [600, 300]],
    ["both parts without the total", { cacheCreation5mInputTokens: 10, cacheCreation1hInputTokens: 20 }, [10, 20]],
    [
      "the total and both parts",
      { cacheCreationInputTokens: 30, cacheCreation5mInputTokens: 10, cacheCreation1hInputTokens: 20 },
      [10, 20],
    ],
  ])("cache writes given as %s are split into 5-minute and 1-hour writes", (_name, writes, [fiveMinute, oneHour]) => {
    expect(pendingCallFrom({ ...params, ...writes })).toMatchObject({
      cacheCreation5mTokens: fiveMinute,
      cacheCreation1hTokens: oneHour,
    });
  });

  test("an error message is kept to its first 2,000 characters", () => {
    const call = pendingCallFrom({ ...params, status: "error", errorMessage: "x".repeat(5_000), httpStatus: 529 });
    expect(call).toMatchObject({ status: "error", httpStatus: 529 });
    expect(call.errorMessage).toHaveLength(2_000);
  });

  test.each([
    ["negative tokens", { inputTokens: -1 }, "inputTokens must be a whole number from 0 to 100000000, got -1"],
    ["fractional tokens", { outputTokens: 1.5 }, "outputTokens must be a whole number from 0 to 100000000, got 1.5"],
    ["unsafe token counts", { cacheReadInputTokens: 2 ** 60 }, "cacheReadInputTokens must be a whole number"],
    ["tokens as text", { webSearchRequests: "3" }, "webSearchRequests must be a whole number from 0 to 100000, got 3"],
    ["no shop", { shop: "" }, "shop is required"],
    ["a blank endpoint", { endpoint: " " }, "endpoint is required"],
    ["no user", { userId: undefined }, "userId is required"],
    ["an unknown status", { status: "maybe" }, 'status must be "success" or "error", got maybe'],
    ["an invalid time", { timestamp: new Date("not a date") }, "timestamp must be a valid Date"],
    ["a negative latency", { latencyMs: -5 }, "latencyMs must be a number of milliseconds, 0 or more, got -5"],
  ])("%s is refused with a message naming the field", (_name, overrides, message) => {
    const bad = { ...params, ...overrides } as TrackUsageParams;
    expect(() => pendingCallFrom(bad)).toThrow(InvalidUsageError);
    expect(() => pendingCallFrom(bad)).toThrow(message);
  });

  test("cache writes whose total disagrees with their split are kept as reported and marked, never refused", () => {
    const call = pendingCallFrom({
      ...params,
      cacheCreationInputTokens: 10,
      cacheCreation5mInputTokens: 3,
      cacheCreation1hInputTokens: 3,
    });
    expect(call).toMatchObject({ cacheCreation5mTokens: 3, cacheCreation1hTokens: 3 });
    expect(call.usageNote).toBe("cache writes reported as 10 in total but 3 (5-minute) + 3 (1-hour); cost unknown");
    expect(pendingCallFrom(params).usageNote).toBeNull();
  });

  test("speed, inference geography and call type are kept; a call type the tracker does not know is refused", () => {
    const call = pendingCallFrom({ ...params, speed: "fast", inferenceGeo: "us", callType: "count_tokens" });
    expect(call).toMatchObject({ speed: "fast", inferenceGeo: "us", callType: "count_tokens" });
    expect(pendingCallFrom(params)).toMatchObject({ speed: null, inferenceGeo: null, callType: "messages" });
    expect(() => pendingCallFrom({ ...params, callType: "embeddings" } as unknown as TrackUsageParams)).toThrow(
      'callType must be "messages" or "count_tokens", got embeddings',
    );
  });

  test("every field in trouble is named, once", () => {
    const bad = { ...params, shop: "", inputTokens: Infinity } as TrackUsageParams;
    expect(() => pendingCallFrom(bad)).toThrow(
      new InvalidUsageError("shop is required; inputTokens must be a whole number from 0 to 100000000, got Infinity"),
    );
  });
});
