import Anthropic from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
import { createStubFetch, handleMessagesRequest, StubState } from "./index";

const MODEL = "claude-sonnet-5-5";

function post(
  body: unknown,
  headers: Record<string, string> = {},
  path = "/v1/messages",
  init: RequestInit = {},
): Request {
  return new Request(`http://stub.test${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": "k", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });
}

const simple = (extra: Record<string, unknown> = {}) => ({
  model: MODEL,
  max_tokens: 256,
  messages: [{ role: "user", content: "Hello" }],
  ...extra,
});

describe("handleMessagesRequest", () => {
  it("writes SSE exactly as the API does: event and data lines, a blank line, ping after the first block starts", async () => {
    const state = new StubState();
    state.enqueueResponse({ content: [{ type: "text", text: "Hi there" }] });
    const response = await handleMessagesRequest(post(simple({ stream: true })), state);
    const text = await response.text();

    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const frames = text.split("\n\n").filter(Boolean);
    expect(frames.map((frame) => frame.split("\n")[0])).toEqual([
      "event: message_start",
      "event: content_block_start",
      "event: ping",
      "event: content_block_delta",
      "event: content_block_stop",
      "event: message_delta",
      "event: message_stop",
    ]);
    expect(frames[2]).toBe('event: ping\ndata: {"type":"ping"}');
    expect(frames[1]).toBe(
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":"","citations":null}}',
    );
    expect(frames[3]).toBe(
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi there"}}',
    );
    expect(frames.at(-1)).toBe('event: message_stop\ndata: {"type":"message_stop"}');
    for (const frame of frames) expect(frame.split("\n")).toHaveLength(2);
  });

  it("puts a request-id header on every answer, errors included, and the same id in error bodies", async () => {
    const state = new StubState();
    const requests = [
      post(simple()),
      post(simple(), {}, "/v1/unknown"),
      new Request("http://stub.test/v1/messages"),
      post("[1,2"),
    ];
    const answers: Response[] = [];
    for (const request of requests) answers.push(await handleMessagesRequest(request, state));

    expect(answers.map((response) => response.status)).toEqual([200, 404, 405, 400]);
    for (const response of answers) expect(response.headers.get("request-id")).toMatch(/^req_011C[0-9A-Za-z]{20}$/);
    const notFound = (await answers[1]?.json()) as { request_id: string; error: { type: string } };
    expect(notFound.request_id).toBe(answers[1]?.headers.get("request-id"));
    expect(notFound.error.type).toBe("not_found_error");
    expect(state.requests.map((record) => record.endpoint)).toEqual(["messages", "unknown", "messages", "messages"]);
  });

  it("answers under any mount path that ends in /v1/messages, e.g. a Remix resource route", async () => {
    const response = await handleMessagesRequest(
      post(simple(), {}, "/demo/claude/v1/messages?beta=true"),
      new StubState(),
    );

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ type: "message", model: MODEL });
  });

  it("rejects an x-stub-fault header it cannot parse with 400", async () => {
    const response = await handleMessagesRequest(post(simple(), { "x-stub-fault": "meteor_strike" }), new StubState());

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { type: "invalid_request_error", message: expect.stringContaining("meteor_strike") },
    });
  });

  it("answers http_error faults with the given status and error type", async () => {
    const state = new StubState();
    state.enqueueFault({
      kind: "http_error",
      status: 413,
      errorType: "request_too_large",
      message: "Request exceeds the maximum size",
    });
    const response = await handleMessagesRequest(post(simple()), state);

    expect(response.status).toBe(413);
    expect(response.headers.get("x-should-retry")).toBe("false");
    expect(await response.json()).toMatchObject({
      error: { type: "request_too_large", message: "Request exceeds the maximum size" },
    });
  });

  it("stops waiting on a slow answer when the client goes away", async () => {
    const state = new StubState();
    const controller = new AbortController();
    // An answer ten minutes away: only the client going away can end the wait.
    const pending = handleMessagesRequest(
      post(simple(), { "x-stub-fault": "slow; delayMs=600000" }, "/v1/messages", { signal: controller.signal }),
      state,
    );
    // Once the request is logged, the stub is waiting: the client goes away then.
    await expect.poll(() => state.requests.length).toBe(1);
    controller.abort();
    const response = await pending;

    expect(response.status).toBe(499);
    expect(state.requests[0]?.status).toBe(499);
  });

  it("uses a pluggable responder and derives the stop reason from its content", async () => {
    const state = new StubState({
      responder: (body) => [{ type: "tool_use", name: "lookup", input: { sku: String(body.messages.length) } }],
    });
    const response = await handleMessagesRequest(post(simple()), state);

    expect(await response.json()).toMatchObject({
      stop_reason: "tool_use",
      content: [{ type: "tool_use", name: "lookup", input: { sku: "1" } }],
    });
  });

  it("cuts the answer at a stop sequence and reports which one", async () => {
    const state = new StubState();
    state.enqueueResponse({ content: [{ type: "text", text: "Title: Soft Tee\nEND\nignored" }] });
    const response = await handleMessagesRequest(post(simple({ stop_sequences: ["\nEND"] })), state);

    expect(await response.json()).toMatchObject({
      stop_reason: "stop_sequence",
      stop_sequence: "\nEND",
      content: [{ type: "text", text: "Title: Soft Tee" }],
    });
  });

  it("starts with a thinking block and reports thinking tokens when thinking is enabled", async () => {
    const response = await handleMessagesRequest(
      post(simple({ max_tokens: 4096, thinking: { type: "enabled", budget_tokens: 2048 } })),
      new StubState(),
    );
    const message = (await response.json()) as {
      content: Array<{ type: string }>;
      usage: { output_tokens: number; output_tokens_details: { thinking_tokens: number } };
    };

    expect(message.content.map((block) => block.type)).toEqual(["thinking", "text"]);
    expect(message.usage.output_tokens_details.thinking_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(message.usage.output_tokens_details.thinking_tokens);
  });

  it("answers structured-output requests with JSON text that fits the schema", async () => {
    const schema = {
      type: "object",
      properties: { title: { type: "string", maxLength: 30 }, score: { type: "integer", minimum: 1, maximum: 5 } },
      required: ["title", "score"],
      additionalProperties: false,
    };
    const response = await handleMessagesRequest(
      post(simple({ output_config: { format: { type: "json_schema", schema } } })),
      new StubState(),
    );
    const message = (await response.json()) as { content: Array<{ type: string; text: string }> };
    const parsed = JSON.parse(message.content[0]?.text ?? "null") as { title: string; score: number };

    expect(parsed.title.length).toBeLessThanOrEqual(30);
    expect(parsed.score).toBeGreaterThanOrEqual(1);
    expect(parsed.score).toBeLessThanOrEqual(5);
  });

  it.each([
    [{ max_tokens: 10, messages: [{ role: "user", content: "x" }] }, "model: Field required"],
    [simple({ max_tokens: "10" }), "max_tokens: Input should be a valid integer"],
    [simple({ messages: "hi" }), "messages: Input should be a valid list"],
    [simple({ messages: [{ role: "robot", content: "x" }] }), "messages.0.role: Input should be 'user' or 'assistant'"],
    [
      simple({ messages: [{ role: "user", content: [{ type: "text", text: "" }] }] }),
      "messages: text content blocks must be non-empty",
    ],
    [simple({ tool_choice: { type: "any" } }), "tool_choice: tool_choice may only be specified while providing tools."],
    [
      simple({ tools: [{ name: "a", input_schema: { type: "object" } }], tool_choice: { type: "tool", name: "b" } }),
      "tool_choice: Tool 'b' not found in tools",
    ],
    [
      simple({
        system: [1, 2, 3, 4, 5].map((n) => ({ type: "text", text: `part ${n}`, cache_control: { type: "ephemeral" } })),
      }),
      "A maximum of 4 blocks with cache_control may be provided. Found 5.",
    ],
    [
      simple({
        system: [
          { type: "text", text: "a", cache_control: { type: "ephemeral", ttl: "5m" } },
          { type: "text", text: "b", cache_control: { type: "ephemeral", ttl: "1h" } },
        ],
      }),
      expect.stringContaining("longer TTLs must come first"),
    ],
  ])("rejects an invalid body with 400 invalid_request_error (%#)", async (body, message) => {
    const response = await handleMessagesRequest(post(body), new StubState());

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error", message } });
  });

  it("answers 404 not_found_error for a model outside the configured list", async () => {
    const response = await handleMessagesRequest(
      post(simple({ model: "claude-nonexistent" })),
      new StubState({ models: [MODEL] }),
    );

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error: { type: "not_found_error", message: "model: claude-nonexistent" },
    });
  });

  it("caches the whole prompt when top-level cache_control asks for automatic caching", async () => {
    const state = new StubState();
    const body = simple({ system: "You write product SEO metadata.", cache_control: { type: "ephemeral" } });
    const first = (await (await handleMessagesRequest(post(body), state)).json()) as { usage: Record<string, number> };
    const second = (await (await handleMessagesRequest(post(body), state)).json()) as { usage: Record<string, number> };

    expect(first.usage.input_tokens).toBe(0);
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
  });

  it("serves the real SDK in-process through createStubFetch, with no HTTP server", async () => {
    const state = new StubState();
    const client = new Anthropic({
      apiKey: "demo",
      baseURL: "http://claude-stub.local",
      fetch: createStubFetch(state),
      maxRetries: 0,
      logLevel: "off",
    });
    const message = await client.messages
      .stream({ model: MODEL, max_tokens: 256, messages: [{ role: "user", content: "Hi" }] })
      .finalMessage();

    expect(message.usage.output_tokens).toBeGreaterThan(1);
    expect(state.requests).toHaveLength(1);
    state.enqueueFault({ kind: "break_stream" });
    await expect(
      client.messages.stream(simple() as Parameters<typeof client.messages.stream>[0]).finalMessage(),
    ).rejects.toThrow(/break_stream/);
  });
});
