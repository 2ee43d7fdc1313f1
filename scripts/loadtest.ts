/**
 * `npm run loadtest`: one web instance under the load of a busy hour, on loopback, bounded in time.
 *
 * - The production build is served in this process (Express + Remix's handler), so the event-loop delay measured
 *   here (perf_hooks.monitorEventLoopDelay) is the web process's: every SQLite call it makes runs on this thread.
 * - 200 merchants (200 installed shops, each with history) poll the AI usage page's data every 10 s, each request
 *   signed in with a fresh session token through the real `authenticate.admin`.
 * - Meanwhile 100 Claude calls a second are tracked in this process (`trackAPIUsage`, journal and background writer
 *   as in production), spread over the shops.
 * It prints the loader's latency (p50/p95/p99), errors, calls acknowledged against calls stored, and the event-loop
 * delay (p50/p99/max). Goals: 0 errors, 0 lost, overview p95 ≤ 200 ms, event-loop delay p99 ≤ 20 ms.
 *
 * LOADTEST_SECONDS (default 60), LOADTEST_MERCHANTS (200), LOADTEST_CALLS_PER_SECOND (100) and
 * LOADTEST_HISTORY_CALLS (calls of history per shop, 500) change the load.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { installGlobals, type ServerBuild } from "@remix-run/node";
import express from "express";
import { SignJWT } from "jose";

const root = path.resolve(import.meta.dirname, "..");
const workDir = path.join(root, ".cache/loadtest");
const SECONDS = Number(process.env.LOADTEST_SECONDS ?? 60);
const MERCHANTS = Number(process.env.LOADTEST_MERCHANTS ?? 200);
const CALLS_PER_SECOND = Number(process.env.LOADTEST_CALLS_PER_SECOND ?? 100);
const HISTORY_CALLS = Number(process.env.LOADTEST_HISTORY_CALLS ?? 500);
const POLL_MS = 10_000;
const API_KEY = "loadtest-api-key";
const API_SECRET = "loadtest-api-secret";
const BROWSER_USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

for (const [name, value] of Object.entries({ SECONDS, MERCHANTS, CALLS_PER_SECOND, HISTORY_CALLS })) {
  if (!Number.isInteger(value) || value < 1 || value > 1_000_000) throw new Error(`LOADTEST_${name} must be 1 to 1e6`);
}

rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });
Object.assign(process.env, {
  NODE_ENV: "production",
  DATABASE_URL: `file:${path.join(workDir, "loadtest.sqlite")}`,
  USAGE_JOURNAL_DIR: path.join(workDir, "journal"),
  SHOPIFY_API_KEY: API_KEY,
  SHOPIFY_API_SECRET: API_SECRET,
  SHOPIFY_APP_URL: "http://127.0.0.1",
  SHOPIFY_LOG_LEVEL: "error",
  USAGE_RETENTION_DAYS: "0",
});
execFileSync(process.execPath, [path.join(root, "scripts/prisma.mjs"), "migrate", "deploy"], {
  cwd: root,
  stdio: "ignore",
  env: process.env,
});

const { default: prisma } = await import("~/db.server");
const { getUsageRecorder, trackAPIUsage } = await import("~/lib/usage/index.server");
const { seedSyntheticUsage } = await import("../demo/usage");
const { quantile: percentile } = await import("./bench/stats");

const shops = Array.from({ length: MERCHANTS }, (_, index) => `loadtest-${index + 1}.myshopify.com`);
const now = new Date();
console.log(
  `Load test: ${MERCHANTS} merchants polling every ${POLL_MS / 1000} s, ${CALLS_PER_SECOND} tracked calls/s, ` +
    `${SECONDS} s, on ${process.version}`,
);
const seedStarted = performance.now();
for (const [index, shop] of shops.entries()) {
  await prisma.session.create({
    data: {
      id: `offline_${shop}`,
      shop,
      state: "installed",
      isOnline: false,
      accessToken: `shpat_${index}`,
      scope: "read_products,write_products,write_files",
    },
  });
  await seedSyntheticUsage(prisma, {
    shop,
    timeZone: index % 3 === 0 ? "Asia/Kolkata" : index % 3 === 1 ? "America/New_York" : "Europe/Berlin",
    calls: HISTORY_CALLS,
    from: new Date(now.getTime() - 60 * 86_400_000),
    to: new Date(now.getTime() - 60_000),
    seed: index + 1,
    idPrefix: `history-${index}`,
  });
}
console.log(
  `Seeded ${shops.length} shops with ${HISTORY_CALLS} calls each in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
);

// The web process: the production build behind Express, as remix-serve would serve it.
installGlobals({ nativeFetch: true });
const build = (await import(pathToFileURL(path.join(root, "build/server/index.js")).href)) as ServerBuild;
const app = express();
app.all("*", createRequestHandler({ build, mode: "production" }));
const server = app.listen(0, "127.0.0.1");
await new Promise<void>((resolve) => server.once("listening", () => resolve()));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
getUsageRecorder().start();

async function sessionToken(shop: string): Promise<string> {
  const seconds = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: `https://${shop}/admin`,
    dest: `https://${shop}`,
    aud: API_KEY,
    sub: "1",
    sid: randomUUID(),
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(seconds)
    .setNotBefore(seconds - 5)
    .setExpirationTime(seconds + 60)
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(API_SECRET));
}

const latencies: number[] = [];
const failures: string[] = [];
let acknowledged = 0;
let trackFailures = 0;

async function poll(shop: string): Promise<void> {
  const started = performance.now();
  try {
    const response = await fetch(`${origin}/app/analytics?_data=routes%2Fapp.analytics`, {
      headers: { Authorization: `Bearer ${await sessionToken(shop)}`, "User-Agent": BROWSER_USER_AGENT },
    });
    await response.arrayBuffer();
    if (response.status !== 200) failures.push(`${shop}: HTTP ${response.status}`);
    else latencies.push(performance.now() - started);
  } catch (error) {
    failures.push(`${shop}: ${(error as Error).message}`);
  }
}

const delay = monitorEventLoopDelay({ resolution: 5 });
const deadline = Date.now() + SECONDS * 1000;
const timers: NodeJS.Timeout[] = [];
const inFlight = new Set<Promise<void>>();
const start = (work: Promise<void>) => {
  inFlight.add(work);
  void work.finally(() => inFlight.delete(work));
};

delay.enable();
// Each merchant polls every 10 s, the merchants spread evenly over those 10 s.
for (const [index, shop] of shops.entries()) {
  const first = setTimeout(
    () => {
      start(poll(shop));
      const every = setInterval(() => Date.now() < deadline && start(poll(shop)), POLL_MS);
      timers.push(every);
    },
    Math.floor((index * POLL_MS) / shops.length),
  );
  timers.push(first);
}
// Tracked calls, in ticks of 10 ms.
let callNumber = 0;
const tracking = setInterval(() => {
  if (Date.now() >= deadline) return;
  const perTick = CALLS_PER_SECOND / 100;
  const due = Math.floor((callNumber % 100) * perTick + perTick) - Math.floor((callNumber % 100) * perTick);
  for (let i = 0; i < due; i++) {
    const shop = shops[(callNumber * 7 + i) % shops.length]!;
    trackAPIUsage({
      shop,
      userId: "automation",
      model: "claude-haiku-4-5-20251001",
      endpoint: "fix_meta",
      inputTokens: 1_200,
      outputTokens: 90,
      cacheReadInputTokens: 2_400,
      latencyMs: 900,
      id: `load-${callNumber}-${i}`,
    }).then(
      () => acknowledged++,
      () => trackFailures++,
    );
  }
  callNumber++;
}, 10);
timers.push(tracking);

await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
for (const timer of timers) clearInterval(timer);
await Promise.all(inFlight);
delay.disable();
await getUsageRecorder().drain();
const stored = await prisma.aPIUsageLog.count({ where: { id: { startsWith: "load-" } } });
server.close();

const ms = (value: number) => `${value.toFixed(1)} ms`;
const sorted = [...latencies].sort((a, b) => a - b);
console.log("");
console.table([
  {
    "overview requests": latencies.length + failures.length,
    errors: failures.length,
    p50: ms(percentile(sorted, 0.5)),
    p95: ms(percentile(sorted, 0.95)),
    p99: ms(percentile(sorted, 0.99)),
  },
]);
console.table([
  {
    "calls acknowledged": acknowledged,
    "calls stored": stored,
    lost: acknowledged - stored,
    "tracking refused": trackFailures,
  },
]);
console.table([
  {
    "event-loop delay p50": ms(delay.percentile(50) / 1e6),
    p99: ms(delay.percentile(99) / 1e6),
    max: ms(delay.max / 1e6),
  },
]);
if (failures.length > 0) console.log(`First errors:\n  ${failures.slice(0, 5).join("\n  ")}`);
const p95 = percentile(sorted, 0.95);
const ok =
  failures.length === 0 &&
  acknowledged === stored &&
  p95 <= 200 &&
  delay.percentile(99) / 1e6 <= 20 &&
  trackFailures === 0;
console.log(ok ? "\nGoals met." : "\nGoals NOT met (0 errors, 0 lost, p95 ≤ 200 ms, event-loop delay p99 ≤ 20 ms).");
await prisma.$disconnect();
process.exit(ok ? 0 : 1);
