import Anthropic from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
import { centsFromPicos, createStubFetch, StubState } from "./index";

const DAY = Date.parse("2026-11-20T12:00:00Z");

function clients(state: StubState) {
  const options = { baseURL: "http://stub.test", fetch: createStubFetch(state), maxRetries: 0 };
  return {
    claude: new Anthropic({ apiKey: "k", ...options }),
    admin: new Anthropic({ apiKey: "sk-ant-admin01-x", ...options }),
  };
}
const window = {
  starting_at: "2026-11-20T00:00:00Z",
  ending_at: "2026-11-22T00:00:00Z",
  time_bucket_width: "1d" as const,
};

describe("the Admin API's usage and cost reports, answered from what the stub billed", () => {
  it("reports each billed call's tokens by kind, per UTC day and model, and its cost in fractional cents", async () => {
    let now = DAY;
    const state = new StubState({ clock: () => now, costOf: () => 12_345_678_900n });
    const { claude, admin } = clients(state);
    state.enqueueResponse({
      usage: {
        input_tokens: 10,
        output_tokens: 5,
        cache_read_input_tokens: 7,
        cache_creation: { ephemeral_5m_input_tokens: 3, ephemeral_1h_input_tokens: 2 },
      },
    });
    await claude.messages.create({
      model: "claude-opus-5-5",
      max_tokens: 50,
      messages: [{ role: "user", content: "Hi" }],
    });
    now += 86_400_000;
    await claude.messages.create({
      model: "claude-opus-5-5",
      max_tokens: 50,
      messages: [{ role: "user", content: "Hi" }],
    });

    const usage = [];
    for await (const item of admin.beta.organization.analytics.usage.list({
      ...window,
      group_by: ["model"],
      limit: 1,
    })) {
      usage.push(item);
    }
    expect(usage.map((item) => [item.starting_at, item.group.model, item.usage.requests])).toEqual([
      ["2026-11-20T00:00:00Z", "claude-opus-5-5", 1],
      ["2026-11-21T00:00:00Z", "claude-opus-5-5", 1],
    ]);
    expect(usage[0]!.usage).toMatchObject({
      uncached_input_tokens: 10,
      cache_creation: { ephemeral_5m_input_tokens: 3, ephemeral_1h_input_tokens: 2 },
      cache_read_input_tokens: 7,
      output_tokens: 5,
      total_tokens: 27,
    });
    const cost = [];
    for await (const item of admin.beta.organization.analytics.cost.list({ ...window, group_by: ["model"] }))
      cost.push(item);
    expect(cost.map((item) => item.cost.amount)).toEqual(["1.23456789", "1.23456789"]);
  });

  it("refuses a workspace key, and a range over 31 days", async () => {
    const state = new StubState();
    const { claude, admin } = clients(state);
    await expect(claude.beta.organization.analytics.usage.list(window)).rejects.toBeInstanceOf(
      Anthropic.AuthenticationError,
    );
    await expect(
      admin.beta.organization.analytics.usage.list({ ...window, ending_at: "2026-12-22T00:00:00Z" }),
    ).rejects.toBeInstanceOf(Anthropic.BadRequestError);
  });

  it("writes pico-dollars as fractional cents exactly", () => {
    expect(centsFromPicos(1n)).toBe("0.0000000001");
    expect(centsFromPicos(10_000_000_000n)).toBe("1");
    expect(centsFromPicos(0n)).toBe("0");
  });
});

describe("the Message Batches API", () => {
  it("answers a batch's requests at batch prices and serves the results as JSONL through the SDK", async () => {
    const state = new StubState({ batchProcessing: "manual" });
    const { claude } = clients(state);
    const params = { model: "claude-haiku-5-5", max_tokens: 50, messages: [{ role: "user" as const, content: "Hi" }] };
    const batch = await claude.messages.batches.create({
      requests: [
        { custom_id: "a", params },
        { custom_id: "b", params },
      ],
    });
    expect(batch).toMatchObject({ processing_status: "in_progress", results_url: null });
    await expect(claude.messages.batches.results(batch.id)).rejects.toThrow(/results_url/);

    await state.endBatch(batch.id);
    expect(await claude.messages.batches.retrieve(batch.id)).toMatchObject({
      processing_status: "ended",
      request_counts: { succeeded: 2, processing: 0 },
    });
    const results = [];
    for await (const entry of await claude.messages.batches.results(batch.id)) results.push(entry);
    expect(results.map((entry) => entry.custom_id)).toEqual(["a", "b"]);
    expect(results[0]!.result.type === "succeeded" && results[0]!.result.message.usage.service_tier).toBe("batch");
    expect(state.served.map((entry) => entry.batch)).toEqual([true, true]);
  });

  it("refuses duplicate custom ids and an unknown batch", async () => {
    const { claude } = clients(new StubState());
    const params = { model: "claude-haiku-5-5", max_tokens: 50, messages: [{ role: "user" as const, content: "Hi" }] };
    await expect(
      claude.messages.batches.create({
        requests: [
          { custom_id: "a", params },
          { custom_id: "a", params },
        ],
      }),
    ).rejects.toBeInstanceOf(Anthropic.BadRequestError);
    await expect(claude.messages.batches.retrieve("msgbatch_nope")).rejects.toBeInstanceOf(Anthropic.NotFoundError);
  });
});
