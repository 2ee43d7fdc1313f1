import Anthropic from "@anthropic-ai/sdk";
import type { Message, RawMessageStreamEvent, Tool } from "@anthropic-ai/sdk/resources/messages";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { estimateTokens, MESSAGE_OVERHEAD_TOKENS } from "../../demo/claude-api";
import { createTestAnthropicClient, startClaudeTestServer, type ClaudeTestServer } from "./claude-test-server";

const MODEL = "claude-sonnet-5-5";
const LONG_SYSTEM_PROMPT = `You are an SEO assistant for a Shopify store. ${"Write concise, accurate product metadata. ".repeat(
  60,
)}`;

let server: ClaudeTestServer;
let client: Anthropic;

beforeAll(async () => {
  server = await startClaudeTestServer();
  client = createTestAnthropicClient(server.baseURL, { logLevel: "off" });
});

afterEach(() => server.state.reset());

afterAll(async () => {
  await server.close();
});

async function collect(stream: AsyncIterable<RawMessageStreamEvent>): Promise<RawMessageStreamEvent[]> {
  const events: RawMessageStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

function cachedSystem(ttl?: "5m" | "1h") {
  return [
    {
      type: "text" as const,
      text: LONG_SYSTEM_PROMPT,
      cache_control: ttl ? { type: "ephemeral" as const, ttl } : { type: "ephemeral" as const },
    },
  ];
}

describe("JSON answers", () => {
  it("answers a message with the model echoed, ids shaped like the API's and usage with every cache field", async () => {
    const message = await client.messages.create({
      model: MODEL,
      max_tokens: 512,
      messages: [{ role: "user", content: "Suggest an SEO title for my tee." }],
    });

    expect(message._request_id).toMatch(/^req_011C/);
    expect(message._request_id).toBe(server.state.requests[0]?.requestId);
    expect(server.state.requests[0]?.status).toBe(200);
    expect(message).toMatchObject({
      type: "message",
      role: "assistant",
      model: MODEL,
      stop_reason: "end_turn",
      stop_sequence: null,
    });
    expect(message.id).toMatch(/^msg_01/);
    expect(message.content).toHaveLength(1);
    expect(message.content[0]).toMatchObject({ type: "text" });
    const text = message.content[0]?.type === "text" ? message.content[0].text : "";
    expect(text.length).toBeGreaterThan(40);

    expect(message.usage).toEqual({
      input_tokens: MESSAGE_OVERHEAD_TOKENS + estimateTokens("Suggest an SEO title for my tee."),
      output_tokens: estimateTokens(text),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      server_tool_use: { web_search_requests: 0, web_fetch_requests: 0 },
      service_tier: "standard",
      inference_geo: "global",
      speed: "standard",
      output_tokens_details: null,
    });
  });

  it("truncates a long answer at max_tokens and reports stop_reason max_tokens", async () => {
    const message = await client.messages.create({
      model: MODEL,
      max_tokens: 5,
      messages: [{ role: "user", content: "Hi" }],
    });

    expect(message.stop_reason).toBe("max_tokens");
    expect(message.usage.output_tokens).toBe(5);
    expect(message.content[0]?.type === "text" && message.content[0].text).toHaveLength(20);
  });

  it("answers scripted content with exactly the scripted usage", async () => {
    server.state.enqueueResponse({
      content: [{ type: "text", text: "Exactly this." }],
      usage: {
        input_tokens: 1234,
        output_tokens: 56,
        cache_read_input_tokens: 7000,
        cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 20 },
      },
    });

    const message = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      messages: [{ role: "user", content: "Hi" }],
    });

    expect(message.content).toEqual([{ type: "text", text: "Exactly this.", citations: null }]);
    expect(message.usage).toMatchObject({
      input_tokens: 1234,
      output_tokens: 56,
      cache_read_input_tokens: 7000,
      cache_creation_input_tokens: 120,
      cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 20 },
    });
    expect(server.state.pendingResponses()).toHaveLength(0);
  });

  it("counts tokens on the count_tokens endpoint without touching the cache", async () => {
    const counted = await client.messages.countTokens({
      model: MODEL,
      system: cachedSystem(),
      messages: [{ role: "user", content: "Hi" }],
    });

    expect(counted.input_tokens).toBe(estimateTokens(LONG_SYSTEM_PROMPT) + MESSAGE_OVERHEAD_TOKENS + 1);
    expect(server.state.promptCache.size).toBe(0);
  });

  it("reports one web search request when a web search tool is offered", async () => {
    const message = await client.messages.create({
      model: MODEL,
      max_tokens: 1024,
      tools: [{ type: "web_search_20250305", name: "web_search", max_uses: 3 }],
      messages: [{ role: "user", content: "What do competitors title their tees?" }],
    });

    expect(message.content.map((block) => block.type)).toEqual(["server_tool_use", "web_search_tool_result", "text"]);
    expect(message.usage.server_tool_use).toEqual({ web_search_requests: 1, web_fetch_requests: 0 });
    expect(message.stop_reason).toBe("end_turn");
  });
});

describe("streaming answers", () => {
  it("streams raw events in the API's order with usage in message_start and the final count in message_delta", async () => {
    const stream = await client.messages.create({
      model: MODEL,
      max_tokens: 512,
      stream: true,
      messages: [{ role: "user", content: "Write a meta description." }],
    });
    const events = await collect(stream);

    const types = events.map((event) => event.type);
    expect(types[0]).toBe("message_start");
    expect(types[1]).toBe("content_block_start");
    expect(types.slice(-3)).toEqual(["content_block_stop", "message_delta", "message_stop"]);
    expect(types.filter((type) => type === "content_block_delta").length).toBeGreaterThan(2);

    const start = events[0] as Extract<RawMessageStreamEvent, { type: "message_start" }>;
    const delta = events.at(-2) as Extract<RawMessageStreamEvent, { type: "message_delta" }>;
    const text = events
      .map((event) =>
        event.type === "content_block_delta" && event.delta.type === "text_delta" ? event.delta.text : "",
      )
      .join("");
    const inputTokens = MESSAGE_OVERHEAD_TOKENS + estimateTokens("Write a meta description.");
    expect(start.message).toMatchObject({ model: MODEL, content: [], stop_reason: null });
    expect(start.message.usage).toMatchObject({
      input_tokens: inputTokens,
      output_tokens: 1,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      service_tier: "standard",
    });
    expect(delta.delta.stop_reason).toBe("end_turn");
    expect(delta.usage).toMatchObject({
      output_tokens: estimateTokens(text),
      input_tokens: inputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
    expect(server.state.requests[0]?.message?.content).toEqual([{ type: "text", text, citations: null }]);
  });

  it("assembles the streamed message with messages.stream().finalMessage()", async () => {
    const stream = client.messages.stream({
      model: MODEL,
      max_tokens: 512,
      messages: [{ role: "user", content: "Write a meta description." }],
    });
    const texts: string[] = [];
    stream.on("text", (delta) => texts.push(delta));
    const { parsed_output: _parsed, ...message } = await stream.finalMessage();

    expect(message).toEqual(server.state.requests[0]?.message);
    expect(message.usage.output_tokens).toBeGreaterThan(1);
    expect(texts.join("")).toBe(message.content[0]?.type === "text" ? message.content[0].text : null);
    expect(stream.request_id).toBe(server.state.requests[0]?.requestId);
  });

  it("streams a forced tool call as input_json_delta events that finalMessage parses back", async () => {
    const tool: Tool = {
      name: "set_title",
      description: "Sets the SEO title",
      input_schema: { type: "object", properties: { title: { type: "string", maxLength: 60 } }, required: ["title"] },
    };
    const stream = client.messages.stream({
      model: MODEL,
      max_tokens: 512,
      tools: [tool],
      tool_choice: { type: "tool", name: "set_title" },
      messages: [{ role: "user", content: "Title?" }],
    });
    const partials: string[] = [];
    stream.on("streamEvent", (event) => {
      if (event.type === "content_block_delta" && event.delta.type === "input_json_delta")
        partials.push(event.delta.partial_json);
    });
    const message = await stream.finalMessage();

    expect(message.stop_reason).toBe("tool_use");
    const block = message.content[0];
    expect(block?.type).toBe("tool_use");
    if (block?.type !== "tool_use") return;
    expect(block.id).toMatch(/^toolu_01/);
    expect(block.name).toBe("set_title");
    expect(block.input).toEqual(
      server.state.requests[0]?.message?.content[0]?.type === "tool_use" &&
        server.state.requests[0].message.content[0].input,
    );
    expect(partials.length).toBeGreaterThan(1);
    expect(JSON.parse(partials.join(""))).toEqual(block.input);
  });
});

describe("prompt caching", () => {
  const ask = (system: ReturnType<typeof cachedSystem>, question = "Title for the tee?") =>
    client.messages.create({ model: MODEL, max_tokens: 256, system, messages: [{ role: "user", content: question }] });
  const systemTokens = estimateTokens(LONG_SYSTEM_PROMPT);

  it("writes a cached system prompt on the first call and reads it on the next identical prefix", async () => {
    const first = await ask(cachedSystem());
    const second = await ask(cachedSystem(), "A different question after the cached prefix");

    expect(first.usage).toMatchObject({
      cache_creation_input_tokens: systemTokens,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: systemTokens, ephemeral_1h_input_tokens: 0 },
      input_tokens: MESSAGE_OVERHEAD_TOKENS + estimateTokens("Title for the tee?"),
    });
    expect(second.usage).toMatchObject({
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: systemTokens,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      input_tokens: MESSAGE_OVERHEAD_TOKENS + estimateTokens("A different question after the cached prefix"),
    });
  });

  it("reports 1h writes separately from 5m writes", async () => {
    const tool: Tool = {
      name: "set_title",
      input_schema: { type: "object", properties: { title: { type: "string" } } },
      cache_control: { type: "ephemeral", ttl: "1h" },
    };
    const params = {
      model: MODEL,
      max_tokens: 256,
      tools: [tool],
      system: cachedSystem("5m"),
      messages: [{ role: "user" as const, content: "Title?" }],
    };
    const first = await client.messages.create(params);
    const toolTokens = first.usage.cache_creation?.ephemeral_1h_input_tokens ?? 0;

    expect(toolTokens).toBeGreaterThan(346);
    expect(first.usage.cache_creation).toEqual({
      ephemeral_5m_input_tokens: systemTokens,
      ephemeral_1h_input_tokens: toolTokens,
    });
    expect(first.usage.cache_creation_input_tokens).toBe(systemTokens + toolTokens);

    server.state.advanceTime(10 * 60_000);
    const afterTenMinutes = await client.messages.create(params);
    expect(afterTenMinutes.usage).toMatchObject({
      cache_read_input_tokens: toolTokens,
      cache_creation: { ephemeral_5m_input_tokens: systemTokens, ephemeral_1h_input_tokens: 0 },
    });
  });

  it("writes again once the clock passes the 5-minute TTL", async () => {
    await ask(cachedSystem());
    server.state.advanceTime(4 * 60_000);
    expect((await ask(cachedSystem())).usage.cache_read_input_tokens).toBe(systemTokens);
    server.state.advanceTime(5 * 60_000 + 1);
    const expired = await ask(cachedSystem());

    expect(expired.usage.cache_read_input_tokens).toBe(0);
    expect(expired.usage.cache_creation_input_tokens).toBe(systemTokens);
  });

  it("reuses the previous turn's cached prefix when the conversation grows", async () => {
    const turn1 = [
      {
        role: "user" as const,
        content: [{ type: "text" as const, text: LONG_SYSTEM_PROMPT, cache_control: { type: "ephemeral" as const } }],
      },
    ];
    const first = await client.messages.create({ model: MODEL, max_tokens: 256, messages: turn1 });
    const turn2 = [
      { role: "user" as const, content: [{ type: "text" as const, text: LONG_SYSTEM_PROMPT }] },
      { role: "assistant" as const, content: "Here is a title." },
      {
        role: "user" as const,
        content: [{ type: "text" as const, text: "Shorter please.", cache_control: { type: "ephemeral" as const } }],
      },
    ];
    const second = await client.messages.create({ model: MODEL, max_tokens: 256, messages: turn2 });

    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.cache_creation_input_tokens).toBe(
      2 * MESSAGE_OVERHEAD_TOKENS + estimateTokens("Here is a title.") + estimateTokens("Shorter please."),
    );
    expect(second.usage.input_tokens).toBe(0);
  });
});

describe("faults", () => {
  const params = { model: MODEL, max_tokens: 256, messages: [{ role: "user" as const, content: "Hi" }] };

  it("answers a queued rate limit as RateLimitError 429 with retry-after", async () => {
    server.state.enqueueFault({ kind: "rate_limit", retryAfterSeconds: 7 });
    const error = await client.messages.create(params).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    const apiError = error as InstanceType<typeof Anthropic.RateLimitError>;
    expect(apiError.status).toBe(429);
    expect(apiError.type).toBe("rate_limit_error");
    expect(apiError.headers.get("retry-after")).toBe("7");
    expect(apiError.requestID).toMatch(/^req_/);
    expect(apiError.error).toMatchObject({
      type: "error",
      error: { type: "rate_limit_error" },
      request_id: apiError.requestID,
    });
    await expect(client.messages.create(params)).resolves.toMatchObject({ type: "message" });
  });

  it("answers overloaded as a 529 APIError of type overloaded_error (an InternalServerError)", async () => {
    server.state.enqueueFault({ kind: "overloaded" });
    const error = await client.messages.create(params).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
    expect(error).toBeInstanceOf(Anthropic.OverloadedError);
    expect(error).toMatchObject({ status: 529, type: "overloaded_error", apiMessage: "Overloaded" });
  });

  it("answers a server error as InternalServerError 500 api_error", async () => {
    server.state.enqueueFault({ kind: "server_error" });
    const error = await client.messages.create(params).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
    expect(error).toMatchObject({ status: 500, type: "api_error" });
  });

  it("applies a fault to as many requests as its times says", async () => {
    server.state.enqueueFault({ kind: "server_error", times: 2 });

    await expect(client.messages.create(params)).rejects.toBeInstanceOf(Anthropic.InternalServerError);
    await expect(client.messages.create(params)).rejects.toBeInstanceOf(Anthropic.InternalServerError);
    await expect(client.messages.create(params)).resolves.toMatchObject({ type: "message" });
  });

  it("lets the SDK retry past a transient overload, honouring retry-after", async () => {
    server.state.enqueueFault({ kind: "overloaded", retryAfterSeconds: 0.05 });
    const retrying = createTestAnthropicClient(server.baseURL, { maxRetries: 2, logLevel: "off" });

    const message = await retrying.messages.create(params);

    expect(message.type).toBe("message");
    expect(server.state.requests.map((record) => record.status)).toEqual([529, 200]);
    expect(server.state.requests[1]?.headers["x-stainless-retry-count"]).toBe("1");
  });

  it("raises during raw iteration when the stream breaks midway", async () => {
    server.state.enqueueFault({ kind: "break_stream" });
    const stream = await client.messages.create({ ...params, stream: true });
    const seen: string[] = [];

    await expect(
      (async () => {
        for await (const event of stream) seen.push(event.type);
      })(),
    ).rejects.toThrow();
    expect(seen).toEqual(["message_start", "content_block_start", "content_block_delta", "content_block_delta"]);
  });

  it("rejects finalMessage when the stream breaks midway", async () => {
    server.state.enqueueFault({ kind: "break_stream", breakAfterEvents: 1 });
    const stream = client.messages.stream(params);

    await expect(stream.finalMessage()).rejects.toThrow();
    expect(stream.currentMessage?.content).toEqual([]);
  });

  it("cuts a JSON answer mid-body when asked to break a non-streaming request", async () => {
    server.state.enqueueFault({ kind: "break_stream" });

    await expect(client.messages.create(params)).rejects.toThrow();
  });

  it("raises an overloaded_error APIError when the stream sends an error event", async () => {
    server.state.enqueueFault({ kind: "stream_error" });
    const stream = await client.messages.create({ ...params, stream: true });
    const error = await collect(stream).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error).toMatchObject({ type: "overloaded_error", status: undefined });
  });

  it("raises a SyntaxError for an answer whose JSON is malformed", async () => {
    server.state.enqueueFault({ kind: "invalid_json" });

    await expect(client.messages.create(params)).rejects.toBeInstanceOf(SyntaxError);
  });

  it("times out a slow answer with APIConnectionTimeoutError", async () => {
    // An answer ten minutes away: only the client's 200 ms timeout can end this call.
    server.state.enqueueFault({ kind: "slow", delayMs: 600_000 });

    await expect(client.messages.create(params, { timeout: 200 })).rejects.toBeInstanceOf(
      Anthropic.APIConnectionTimeoutError,
    );
    // The server saw the client hang up while it was still holding the answer.
    await expect.poll(() => server.state.requests[0]?.status).toBe(499);
  });

  it("answers a slow request late and spaces out its stream events", async () => {
    server.state.enqueueFault({ kind: "slow", delayMs: 150, eventDelayMs: 20 });
    // The clock is fake and moves a millisecond at a time, the event loop turning in between so bytes can travel:
    // each event's arrival is read on that clock, so the server's waits are measured exactly, never the machine.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const arrivals: Array<{ type: string; at: number }> = [];
    try {
      const start = Date.now();
      let finished = false;
      const reading = (async () => {
        for await (const event of await client.messages.create({ ...params, stream: true })) {
          arrivals.push({ type: event.type, at: Date.now() - start });
        }
      })().finally(() => (finished = true));
      for (let elapsed = 0; !finished; elapsed++) {
        if (elapsed > 60_000) throw new Error("the stream did not end within a minute of fake time");
        await vi.advanceTimersByTimeAsync(1);
        await new Promise((resolve) => setImmediate(resolve));
      }
      await reading;
    } finally {
      vi.useRealTimers();
    }

    expect(arrivals.at(-1)?.type).toBe("message_stop");
    // Nothing before the 150 ms delay, then each event at least 20 ms after the one before it was sent.
    arrivals.forEach(({ at }, index) => expect(at).toBeGreaterThanOrEqual(150 + 20 * index));
  });

  it("applies a fault to one request from the x-stub-fault header", async () => {
    const error = await client.messages
      .create(params, { headers: { "x-stub-fault": "rate_limit; retryAfterSeconds=3" } })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect((error as InstanceType<typeof Anthropic.RateLimitError>).headers.get("retry-after")).toBe("3");
    await expect(client.messages.create(params)).resolves.toMatchObject({ type: "message" });
    expect(server.state.requests.map((record) => record.fault)).toEqual(["rate_limit", undefined]);
  });
});

describe("tool forcing", () => {
  const SeoFix = z.object({
    title: z.string().min(10).max(60),
    meta_description: z.string().min(120).max(160),
    handle: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    keywords: z.array(z.string().max(40)).min(3).max(5),
    priority: z.enum(["low", "medium", "high"]),
    confidence: z.number().min(0).max(1),
    word_count: z.number().int().min(50).max(300),
    indexable: z.boolean(),
    canonical_url: z.url(),
    images: z.array(z.object({ alt: z.string().max(125), position: z.number().int().positive() })).min(1),
    notes: z.string().nullable(),
  });
  const tool = {
    name: "propose_seo_fix",
    description: "Proposes SEO metadata for one product",
    input_schema: z.toJSONSchema(SeoFix) as Tool.InputSchema,
  };

  it("returns a tool_use whose input validates against the tool's input schema", async () => {
    const message = await client.messages.create({
      model: MODEL,
      max_tokens: 2048,
      tools: [tool],
      tool_choice: { type: "tool", name: "propose_seo_fix" },
      messages: [{ role: "user", content: "Fix the SEO of the linen pillow." }],
    });

    expect(message.stop_reason).toBe("tool_use");
    expect(message.content).toHaveLength(1);
    const block = message.content[0];
    expect(block).toMatchObject({ type: "tool_use", name: "propose_seo_fix", caller: { type: "direct" } });
    const parsed = SeoFix.safeParse(block?.type === "tool_use" ? block.input : null);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it("calls the first custom tool when tool_choice is any", async () => {
    const other: Tool = { name: "noop", input_schema: { type: "object", properties: {} } };
    const message = await client.messages.create({
      model: MODEL,
      max_tokens: 2048,
      tools: [{ type: "web_search_20250305", name: "web_search" }, tool, other],
      tool_choice: { type: "any" },
      messages: [{ role: "user", content: "Fix it." }],
    });

    expect(message.content.map((block) => (block.type === "tool_use" ? block.name : block.type))).toEqual([
      "propose_seo_fix",
    ]);
  });
});

describe("request log and validation", () => {
  it("logs each request with its headers, parsed body, status and answer", async () => {
    const message = await client.messages.create({
      model: MODEL,
      max_tokens: 64,
      messages: [{ role: "user", content: "Hi" }],
    });

    expect(server.state.requests).toHaveLength(1);
    const [record] = server.state.requests;
    expect(record).toMatchObject({
      method: "POST",
      path: "/v1/messages",
      endpoint: "messages",
      status: 200,
      stream: false,
      body: { model: MODEL, max_tokens: 64, messages: [{ role: "user", content: "Hi" }] },
    });
    expect(record?.headers.authorization).toBe("Bearer test-key");
    expect(record?.headers["anthropic-version"]).toBeTruthy();
    expect(record?.message).toEqual(JSON.parse(JSON.stringify(message)));
    expect(record?.receivedAt).toBeLessThanOrEqual(Date.now());
  });

  it("records nothing when no call is made", () => {
    expect(server.state.requests).toEqual([]);
  });

  it("rejects a request without an API key with 401 authentication_error", async () => {
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ model: MODEL, max_tokens: 10, messages: [{ role: "user", content: "Hi" }] }),
    });
    const body = (await response.json()) as {
      type: string;
      error: { type: string; message: string };
      request_id: string;
    };

    expect(response.status).toBe(401);
    expect(body).toEqual({
      type: "error",
      error: { type: "authentication_error", message: "x-api-key header is required" },
      request_id: response.headers.get("request-id"),
    });
  });

  it("surfaces a wrong key as the SDK's AuthenticationError when keys are restricted", async () => {
    const strict = await startClaudeTestServer({ apiKeys: ["the-right-key"] });
    try {
      const wrong = createTestAnthropicClient(strict.baseURL, { logLevel: "off" });
      await expect(
        wrong.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: "user", content: "Hi" }] }),
      ).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
    } finally {
      await strict.close();
    }
  });

  it("rejects a body without max_tokens as the SDK's BadRequestError", async () => {
    const error = await client.messages
      .create({ model: MODEL, messages: [{ role: "user", content: "Hi" }] } as unknown as Parameters<
        typeof client.messages.create
      >[0])
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      type: "invalid_request_error",
      apiMessage: "max_tokens: Field required",
    });
  });

  it("rejects a body that is not JSON with 400 invalid_request_error", async () => {
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": "test-key" },
      body: '{"model": "claude-sonnet-5-5", ',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
    expect(server.state.requests[0]).toMatchObject({
      status: 400,
      body: undefined,
      rawBody: '{"model": "claude-sonnet-5-5", ',
    });
  });

  it("does not spend a queued fault on a request that fails validation", async () => {
    server.state.enqueueFault({ kind: "overloaded" });

    await expect(client.messages.create({ model: MODEL, max_tokens: 10, messages: [] })).rejects.toBeInstanceOf(
      Anthropic.BadRequestError,
    );
    expect(server.state.pendingFaults()).toHaveLength(1);
  });
});

describe("usage numbers the SDK hands to the app", () => {
  it("are identical between a JSON answer and finalMessage() of the same scripted streamed answer", async () => {
    const scripted = {
      content: [{ type: "text" as const, text: "Same answer." }],
      usage: { input_tokens: 10, output_tokens: 3 },
    };
    server.state.enqueueResponse(scripted);
    server.state.enqueueResponse(scripted);
    const json: Message = await client.messages.create({
      model: MODEL,
      max_tokens: 64,
      messages: [{ role: "user", content: "Hi" }],
    });
    const streamed = await client.messages
      .stream({ model: MODEL, max_tokens: 64, messages: [{ role: "user", content: "Hi" }] })
      .finalMessage();

    expect(streamed.usage).toEqual(json.usage);
    expect(streamed.content).toEqual(json.content);
  });
});
