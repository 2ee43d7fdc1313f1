import { describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { adminRequest } from "../support/shopify-auth";

/**
 * Every route that reads a body refuses one over its stated limit with 413, before reading it, whether the size is
 * declared or the body streams without a length, and whoever sends it (no session token needed to be refused).
 * Routes are found by globbing app/routes, so a new action is checked without anyone adding it here.
 */
type Action = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
const routeModules = import.meta.glob<{ action?: Action }>("/app/routes/**/*.tsx");

const SHOP = "body-limits.myshopify.com";
const TWO_MEGABYTES = 2 * 1024 * 1024;

async function statusOf(run: () => Promise<unknown>): Promise<number> {
  try {
    const result = await run();
    return result instanceof Response ? result.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

/** A body that streams `bytes` bytes in 64 KB chunks and counts how much of it was pulled. */
function streamingBody(bytes: number) {
  let pulled = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= bytes) return controller.close();
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

const files = Object.keys(routeModules).sort();

describe("request bodies over the limit are refused with 413", () => {
  test("the routes with actions are found", async () => {
    const withActions = [];
    for (const file of files) if ((await routeModules[file]!()).action) withActions.push(file);
    expect(withActions).toContain("/app/routes/auth.login/route.tsx");
    expect(withActions).toContain("/app/routes/webhooks.shop.redact.tsx");
    expect(withActions.length).toBeGreaterThanOrEqual(12);
  });

  test.each(files)("%s, declared size", async (file) => {
    const { action } = await routeModules[file]!();
    if (!action) return;
    const headers = { "Content-Length": String(TWO_MEGABYTES), "Content-Type": "application/x-www-form-urlencoded" };
    // Anonymous: refused before anyone is authenticated or anything is read.
    const anonymous = new Request("https://app.test.example/any", { method: "POST", headers, body: "shop=x" });
    expect(await statusOf(() => action({ request: anonymous, params: {}, context: {} }))).toBe(413);
    const signedIn = await adminRequest(SHOP, "/any", { method: "POST", headers, body: "intent=save" });
    expect(
      await statusOf(() => action({ request: signedIn, params: { jobId: "x", productId: "1" }, context: {} })),
    ).toBe(413);
  });

  test.each(files)("%s, streamed without a length", async (file) => {
    const { action } = await routeModules[file]!();
    if (!action) return;
    const body = streamingBody(TWO_MEGABYTES);
    const request = new Request("https://app.test.example/any", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Shopify-Hmac-Sha256": "x" },
      body: body.stream,
      duplex: "half",
    } as RequestInit);
    expect(await statusOf(() => action({ request, params: {}, context: {} }))).toBe(413);
    // Reading stopped soon after the limit, not at the end of the body.
    expect(body.pulled()).toBeLessThan(TWO_MEGABYTES);
    expect(await prisma.session.count()).toBe(0);
  });
});
