import { spawnSync } from "node:child_process";
import path from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_DEFAULTS } from "../../demo/constants";
import {
  DEMO_APP_BRIDGE_PATH,
  DEMO_CLAUDE_BASE_PATH,
  DEMO_LAUNCH_PATH,
  DEMO_SESSION_TOKEN_PATH,
} from "../../demo/sign-in/paths";
import { BROWSER_USER_AGENT, nodeBinary, startAppServer, type AppServer } from "../support/app-server";
import { projectRoot } from "../support/paths";

/**
 * The demo server over HTTP (no browser): the production build behind it, its own routes, the sign-in through the
 * app's real `authenticate.admin` and token exchange, and the Claude-compatible endpoint the app is pointed at.
 */
let server: AppServer;

beforeAll(async () => {
  server = await startAppServer({ demoMode: true });
});

afterAll(async () => {
  await server?.stop();
});

function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    redirect: "manual",
    headers: { "User-Agent": BROWSER_USER_AGENT, Accept: "text/html", ...headers },
  });
}

function locationOf(response: Response): URL {
  return new URL(response.headers.get("location") ?? "", server.url);
}

describe("the demo server", () => {
  test("sends / and Shopify's session-token bounce page to the demo launch", async () => {
    const home = await get("/");
    expect(home.status, server.outputTail()).toBe(302);
    expect(home.headers.get("location")).toBe(DEMO_LAUNCH_PATH);

    // With a shop (as Shopify admin links it) `/` is the app's own landing route, which opens /app.
    const withShop = await get(`/?shop=${DEMO_DEFAULTS.shop}`);
    expect(locationOf(withShop).pathname).toBe("/app");

    const bounce = await get(
      `/auth/session-token?shop=${DEMO_DEFAULTS.shop}&shopify-reload=%2Fapp%2Fcalls%3Fstatus%3Derror`,
    );
    expect(bounce.status).toBe(302);
    expect(bounce.headers.get("location")).toBe(
      `${DEMO_LAUNCH_PATH}?return=${encodeURIComponent("/app/calls?status=error")}`,
    );

    const elsewhere = await get("/auth/session-token?shopify-reload=https%3A%2F%2Fevil.example%2Fapp");
    expect(elsewhere.headers.get("location")).toBe(`${DEMO_LAUNCH_PATH}?return=${encodeURIComponent("/app")}`);
  });

  test("the launch opens the page asked for, signed in by token exchange, with the local App Bridge", async () => {
    const launch = await get(`${DEMO_LAUNCH_PATH}?return=${encodeURIComponent("/app/calls?status=error")}`);
    expect(launch.status, server.outputTail()).toBe(302);
    const target = locationOf(launch);
    expect(target.pathname).toBe("/app/calls");
    expect(target.searchParams.get("status")).toBe("error");
    expect(target.searchParams.get("shop")).toBe(DEMO_DEFAULTS.shop);
    expect(target.searchParams.get("embedded")).toBe("1");
    expect(target.searchParams.get("id_token")).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    const page = await get(target.pathname + target.search);
    const html = await page.text();
    expect(page.status, server.outputTail()).toBe(200);
    expect(html).toContain(`<script src="${DEMO_APP_BRIDGE_PATH}" data-api-key="${DEMO_DEFAULTS.apiKey}"`);
    expect(html).not.toContain("cdn.shopify.com/shopifycloud/app-bridge.js");

    // The app stored the offline session itself, from the demo shop's token endpoint: an expiring token.
    const sessions = await server.query<{ id: string; accessToken: string; refreshToken: string; expires: string }>(
      `SELECT "id", "accessToken", "refreshToken", "expires" FROM "Session" WHERE "shop" = ?`,
      [DEMO_DEFAULTS.shop],
    );
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ id: `offline_${DEMO_DEFAULTS.shop}` });
    expect(sessions[0]!.accessToken).toMatch(/^shpat_demo_/);
    expect(sessions[0]!.refreshToken).toMatch(/^shprt_demo_/);
    expect(new Date(sessions[0]!.expires).getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    const shops = await server.query(`SELECT "name", "ianaTimezone" FROM "Shop" WHERE "shop" = ?`, [
      DEMO_DEFAULTS.shop,
    ]);
    expect(shops).toEqual([{ name: DEMO_DEFAULTS.shopName, ianaTimezone: DEMO_DEFAULTS.timeZone }]);
  });

  test("a launch never leaves the app: another origin or another path opens /app", async () => {
    for (const requested of ["https://evil.example/app", "//evil.example/app", "/auth/login", "/app/../demo/launch"]) {
      const launch = await get(`${DEMO_LAUNCH_PATH}?return=${encodeURIComponent(requested)}`);
      const target = locationOf(launch);
      expect(target.origin, requested).toBe(server.url);
      expect(target.pathname, requested).toBe("/app");
    }
  });

  test("the session-token route gives the stand-in a token the app accepts on data requests", async () => {
    const response = await get(DEMO_SESSION_TOKEN_PATH, { Accept: "application/json" });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const { token, expiresAt } = (await response.json()) as { token: string; expiresAt: number };
    expect(expiresAt - Date.now() / 1000).toBeGreaterThan(30);

    const data = await get("/app?_data=routes%2Fapp._index", {
      Accept: "application/json",
      Authorization: `Bearer ${token}`,
    });
    expect(data.status, server.outputTail()).toBe(200);
    // Home defers its SEO status: the response is Remix's deferred format, whose first block is the data sent at once.
    const [immediate] = (await data.text()).split("\n\n");
    expect(JSON.parse(immediate!)).toMatchObject({ shopName: DEMO_DEFAULTS.shopName });

    const script = await get(DEMO_APP_BRIDGE_PATH, { Accept: "*/*" });
    expect(script.headers.get("content-type")).toContain("text/javascript");
    expect(await script.text()).toContain(JSON.stringify(DEMO_SESSION_TOKEN_PATH));
  });

  test("answers Claude's Messages API at /demo/claude for the demo's key only, through the real SDK", async () => {
    const baseURL = `${server.url}${DEMO_CLAUDE_BASE_PATH}`;
    const params = {
      model: "claude-haiku-4-5",
      max_tokens: 64,
      messages: [{ role: "user" as const, content: "Say hello." }],
    };
    const claude = new Anthropic({ apiKey: DEMO_DEFAULTS.claudeApiKey, baseURL, maxRetries: 0 });
    const message = await claude.messages.create(params);
    expect(message.type).toBe("message");
    expect(message.usage.input_tokens).toBeGreaterThan(0);

    const stranger = new Anthropic({ apiKey: "sk-ant-someone-else", baseURL, maxRetries: 0 });
    await expect(stranger.messages.create(params)).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
  });

  test("refuses to start without DEMO_MODE=1", () => {
    const result = spawnSync(
      nodeBinary(),
      [path.join(projectRoot, "node_modules/tsx/dist/cli.mjs"), "--tsconfig", "tsconfig.json", "demo/server.ts"],
      {
        cwd: projectRoot,
        env: { NODE_ENV: "production", PATH: process.env.PATH ?? "" },
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("DEMO_MODE=1");
  });
});
