import { mkdtempSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { BROWSER_USER_AGENT, startAppServer } from "../support/app-server";
import { tmpDir } from "../support/paths";

/** The production server, started as `npm start` starts it, on a machine where usage could not be recorded. */
describe("the production server at boot", () => {
  test("refuses to start, saying what to fix, when the usage journal folder cannot be written", async () => {
    const file = path.join(mkdtempSync(path.join(tmpDir, "boot-refusal-")), "plain-file");
    writeFileSync(file, "");
    const started = startAppServer({
      demoMode: false,
      env: {
        SHOPIFY_API_KEY: "boot-test-key",
        SHOPIFY_API_SECRET: "boot-test-secret",
        USAGE_JOURNAL_DIR: path.join(file, "journal"),
      },
    });
    await expect(started).rejects.toThrow(/exited with code[\s\S]*USAGE_JOURNAL_DIR/);
  });
});

describe("the production server under hostile requests", () => {
  test("a 300 MB install form is refused with 413 before it is read, and the server keeps serving", async () => {
    const server = await startAppServer({
      demoMode: false,
      env: { SHOPIFY_API_KEY: "hostile-test-key", SHOPIFY_API_SECRET: "hostile-test-secret" },
    });
    try {
      const declared = await fetch(`${server.url}/auth/login`, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": String(300 * 1024 * 1024),
          "User-Agent": BROWSER_USER_AGENT,
        },
        body: "shop=x",
      }).catch((error: unknown) => error);
      // Either the server answers 413 at once, or it closes the connection on a body it refuses to read.
      if (declared instanceof Response) expect(declared.status).toBe(413);

      let sent = 0;
      const chunk = new Uint8Array(1024 * 1024).fill(0x61);
      const streamed = await fetch(`${server.url}/auth/login`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "User-Agent": BROWSER_USER_AGENT },
        body: new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent >= 300) return controller.close();
            sent += 1;
            controller.enqueue(chunk);
          },
        }),
        duplex: "half",
      } as RequestInit).catch((error: unknown) => error);
      if (streamed instanceof Response) expect(streamed.status).toBe(413);
      expect(sent).toBeLessThan(300);

      const landing = await fetch(`${server.url}/`, { headers: { "User-Agent": BROWSER_USER_AGENT } });
      expect(landing.status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
