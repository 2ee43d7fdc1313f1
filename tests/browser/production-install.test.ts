import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  DEMO_APP_BRIDGE_PATH,
  DEMO_CLAUDE_BASE_PATH,
  DEMO_LAUNCH_PATH,
  DEMO_SESSION_TOKEN_PATH,
} from "../../demo/sign-in/paths";
import { BROWSER_USER_AGENT, installPath, startAppServer, type AppServer } from "../support/app-server";
import { projectRoot } from "../support/paths";

/**
 * A production install, as a deployment makes one: `npm ci --omit=dev` of the locked dependencies in a scratch copy
 * of what a deployment ships (package files, the Prisma schema and migrations, the build `npm test` made),
 * `npm run setup` (the migrations, applied by the installed Prisma) and `npm start`. It must serve the app with none
 * of the tools only the demo and tests use, and nothing of the demo.
 */
const INSTALL_TIMEOUT_MS = 8 * 60_000;
const OUTPUT_TAIL = 4_000;
const SHIPPED = [
  "package.json",
  "package-lock.json",
  "prisma.config.ts",
  "scripts/prisma.mjs",
  "prisma",
  "build",
  "public",
];

let scratch: string;
let server: AppServer | undefined;

/** Runs a command in the install with only what a shell would pass on (no npm_* variables of the outer run). */
function run(command: string, args: string[], env: Record<string, string> = {}): void {
  const result = spawnSync(command, args, {
    cwd: scratch,
    env: {
      NODE_ENV: "production",
      PATH: installPath(),
      HOME: process.env.HOME ?? scratch,
      LANG: process.env.LANG ?? "C.UTF-8",
      ...env,
    },
    encoding: "utf8",
    timeout: INSTALL_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.slice(-OUTPUT_TAIL);
    throw new Error(`${command} ${args.join(" ")} failed (${result.status ?? result.signal}):\n${output}`);
  }
}

beforeAll(async () => {
  if (!existsSync(path.join(projectRoot, "build/server/index.js"))) {
    throw new Error("No production build: run `npm run build` first (npm test does).");
  }
  scratch = mkdtempSync(path.join(tmpdir(), "claude-seo-production-"));
  for (const item of SHIPPED) {
    cpSync(path.join(projectRoot, item), path.join(scratch, item), {
      recursive: true,
      filter: (source) => !/\.sqlite/.test(path.basename(source)),
    });
  }
  run("npm", ["ci", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund", "--prefix", scratch]);

  const databasePath = path.join(scratch, "data", "production.sqlite");
  mkdirSync(path.dirname(databasePath), { recursive: true });
  run("npm", ["run", "setup"], { DATABASE_URL: `file:${databasePath}` });

  server = await startAppServer({
    demoMode: false,
    installDir: scratch,
    databaseUrl: `file:${databasePath}`,
    env: { SHOPIFY_API_KEY: "install-test-api-key", SHOPIFY_API_SECRET: "install-test-api-secret" },
  });
}, INSTALL_TIMEOUT_MS + 120_000);

afterAll(async () => {
  await server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function get(pathname: string): Promise<Response> {
  return fetch(`${server!.url}${pathname}`, {
    redirect: "manual",
    headers: { "User-Agent": BROWSER_USER_AGENT, Accept: "text/html" },
  });
}

describe("a production install (npm ci --omit=dev, npm start)", () => {
  test("has the app's runtime dependencies and none of the demo's and tests' tools", () => {
    for (const runtime of ["@remix-run/serve", "@shopify/shopify-app-remix", "@prisma/client", "prisma", "recharts"]) {
      expect(existsSync(path.join(scratch, "node_modules", runtime)), runtime).toBe(true);
    }
    for (const devOnly of ["msw", "@remix-run/dev", "vite", "vitest", "tsx", "playwright-core", "eslint", "node"]) {
      expect(existsSync(path.join(scratch, "node_modules", devOnly)), devOnly).toBe(false);
    }
  });

  test("serves the landing page with the install form at /", async () => {
    const response = await get("/");
    expect(response.status, server!.outputTail()).toBe(200);
    const html = await response.text();
    expect(html).toContain('action="/auth/login"');
    expect(html).toContain('name="shop"');
  });

  test.each([DEMO_LAUNCH_PATH, DEMO_SESSION_TOKEN_PATH, DEMO_APP_BRIDGE_PATH, `${DEMO_CLAUDE_BASE_PATH}/v1/messages`])(
    "has no %s",
    async (pathname) => {
      const response = await get(pathname);
      expect(response.status, server!.outputTail()).toBe(404);
      await response.body?.cancel();
    },
  );
});
