import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { messagesApiListener, StubState } from "./index";

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server?.closeAllConnections();
  server = undefined;
});

async function listen(maxRequestBytes: number): Promise<string> {
  server = createServer(messagesApiListener(new StubState({ requireApiKey: false }), maxRequestBytes));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const body = (text: string) =>
  JSON.stringify({ model: "claude-haiku-4-5", max_tokens: 16, messages: [{ role: "user", content: text }] });

describe("the Claude-compatible API over node:http", () => {
  it("answers 413 request_too_large, as the API does, to a body over the limit, and serves bodies under it", async () => {
    const url = `${await listen(2_048)}/v1/messages`;
    const headers = { "content-type": "application/json" };

    const small = await fetch(url, { method: "POST", headers, body: body("Hello") });
    expect(small.status).toBe(200);
    expect(await small.json()).toMatchObject({ type: "message" });

    const large = await fetch(url, { method: "POST", headers, body: body("x".repeat(4_000)) });
    expect(large.status).toBe(413);
    expect(await large.json()).toMatchObject({ type: "error", error: { type: "request_too_large" } });
  });
});
