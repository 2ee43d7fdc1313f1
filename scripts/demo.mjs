#!/usr/bin/env node
// `npm run demo`: the whole app on http://localhost:3000 with no Shopify or Anthropic account.
// Applies the migrations to a local SQLite file, builds the app if its sources changed, seeds the demo
// shop, and serves the production build through the demo server (demo/server.ts) with DEMO_MODE=1.
import { spawnSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const port = process.env.PORT ?? "3000";
const env = {
  ...process.env,
  DEMO_MODE: "1",
  NODE_ENV: "production",
  PORT: port,
  HOST: process.env.HOST ?? "localhost",
  DATABASE_URL: process.env.DATABASE_URL ?? "file:./prisma/demo.sqlite",
};

function run(label, args) {
  console.log(`demo: ${label}`);
  const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function newestModification(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestModification(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsStale() {
  const serverBuild = path.join(root, "build/server/index.js");
  if (!existsSync(serverBuild)) return true;
  return newestModification(path.join(root, "app")) > statSync(serverBuild).mtimeMs;
}

const bin = (name) => path.join(root, "node_modules", ...name.split("/"));

run("applying database migrations", [path.join(root, "scripts/prisma.mjs"), "migrate", "deploy"]);
if (buildIsStale()) run("building the app", [bin("@remix-run/dev/dist/cli.js"), "vite:build"]);
run("seeding the demo shop", [bin("tsx/dist/cli.mjs"), "--tsconfig", "tsconfig.json", "demo/seed.ts"]);

console.log(`demo: open http://localhost:${port}/ (press Ctrl+C to stop)`);
const server = spawn(process.execPath, [bin("tsx/dist/cli.mjs"), "--tsconfig", "tsconfig.json", "demo/server.ts"], {
  cwd: root,
  env,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
