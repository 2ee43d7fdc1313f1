/**
 * `npm run loadtest`: one web instance under the load of a busy hour, on loopback, bounded in time.
 *
 * - The web process (web-process.ts, its own Node process) serves the production build as remix-serve would, and
 *   tracks 100 Claude calls a second (`trackAPIUsage`: journal and background writer as in production), spread
 *   over the shops. It measures its own event-loop delay (perf_hooks.monitorEventLoopDelay): every SQLite call it
 *   makes, read or write, runs on that thread.
 * - This process seeds the database and is the 200 merchants: each of 200 installed shops (with history) polls the
 *   AI usage page's data every 10 s, signed in with a fresh session token through the real `authenticate.admin`.
 * It prints the loader's latency (p50/p95/p99), errors, calls acknowledged against calls stored, and the web
 * process's event-loop delay (p50/p99/max), and exits 0 only when the goals hold: 0 errors, 0 lost, overview
 * p95 ≤ 200 ms, event-loop delay p99 ≤ 20 ms.
 *
 * LOADTEST_SECONDS (default 60), LOADTEST_MERCHANTS (200), LOADTEST_CALLS_PER_SECOND (100) and
 * LOADTEST_HISTORY_CALLS (calls of history per shop, 500) change the load. LOADTEST_DATABASE=postgresql runs the same
 * on a private PostgreSQL server started for the run (whose driver does its I/O off the event loop), instead of the
 * embedded SQLite file.
 */
import { execFileSync, fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SignJWT } from "jose";
import { startLocalPostgresql } from "../postgresql/local-server";

const root = path.resolve(import.meta.dirname, "../..");
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
if (!existsSync(path.join(root, "build/server/index.js"))) throw new Error("No production build: run npm run build");

rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });
const onPostgresql = process.env.LOADTEST_DATABASE === "postgresql";
const postgresql = onPostgresql
  ? await startLocalPostgresql(mkdtempSync(path.join(tmpdir(), "claude-seo-loadtest-pg-")), { durable: true })
  : null;
Object.assign(process.env, {
  NODE_ENV: "production",
  DATABASE_URL: postgresql ? postgresql.adminUrl : `file:${path.join(workDir, "loadtest.sqlite")}`,
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
const { seedSyntheticUsage } = await import("../../demo/usage");
const { quantile } = await import("../bench/stats");

const shops = Array.from({ length: MERCHANTS }, (_, index) => `loadtest-${index + 1}.myshopify.com`);
const now = new Date();
console.log(
  `Load test: ${MERCHANTS} merchants polling every ${POLL_MS / 1000} s, ${CALLS_PER_SECOND} tracked calls/s, ` +
    `${SECONDS} s, on ${process.version}, ${onPostgresql ? "PostgreSQL (durable settings)" : "SQLite"}`,
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
    timeZone: ["Asia/Kolkata", "America/New_York", "Europe/Berlin"][index % 3]!,
    calls: HISTORY_CALLS,
    from: new Date(now.getTime() - 60 * 86_400_000),
    to: new Date(now.getTime() - 60_000),
    seed: index + 1,
    idPrefix: `history-${index}`,
  });
}
await prisma.$disconnect();
const seedSeconds = ((performance.now() - seedStarted) / 1000).toFixed(1);
console.log(`Seeded ${shops.length} shops with ${HISTORY_CALLS} calls each in ${seedSeconds} s`);

interface Figures {
  type: "figures";
  acknowledged: number;
  refused: number;
  stored: number;
  delay: { p50: number; p99: number; max: number };
}

const web = fork(path.join(import.meta.dirname, "web-process.ts"), [], {
  execArgv: ["--import", "tsx", ...(process.env.LOADTEST_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${workDir}`] : [])],
  env: { ...process.env, LOADTEST_SHOPS: JSON.stringify(shops), LOADTEST_CALLS_PER_SECOND: String(CALLS_PER_SECOND) },
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
const origin = await new Promise<string>((resolve, reject) => {
  web.once("exit", (code) => reject(new Error(`the web process exited (${code})`)));
  web.on("message", (message: { type: string; origin?: string }) => {
    if (message.type === "ready") resolve(message.origin!);
  });
});

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

async function poll(shop: string): Promise<void> {
  const headers = { Authorization: `Bearer ${await sessionToken(shop)}`, "User-Agent": BROWSER_USER_AGENT };
  const started = performance.now();
  try {
    const response = await fetch(`${origin}/app/analytics?_data=routes%2Fapp.analytics`, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) failures.push(`${shop}: HTTP ${response.status}`);
    else latencies.push(performance.now() - started);
  } catch (error) {
    failures.push(`${shop}: ${(error as Error).message}`);
  }
}

const deadline = Date.now() + SECONDS * 1000;
const timers: NodeJS.Timeout[] = [];
const inFlight = new Set<Promise<void>>();
const start = (work: Promise<void>) => {
  inFlight.add(work);
  void work.finally(() => inFlight.delete(work));
};

web.send({ type: "start" });
// Each merchant polls every 10 s, the merchants spread evenly over those 10 s.
for (const [index, shop] of shops.entries()) {
  const first = setTimeout(
    () => {
      start(poll(shop));
      timers.push(setInterval(() => Date.now() < deadline && start(poll(shop)), POLL_MS));
    },
    Math.floor((index * POLL_MS) / shops.length),
  );
  timers.push(first);
}
await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
for (const timer of timers) clearInterval(timer);
await Promise.all(inFlight);

const figures = await new Promise<Figures>((resolve) => {
  web.on("message", (message: Figures) => message.type === "figures" && resolve(message));
  web.send({ type: "stop" });
});

const ms = (value: number) => `${value.toFixed(1)} ms`;
const sorted = [...latencies].sort((a, b) => a - b);
const p95 = sorted.length > 0 ? quantile(sorted, 0.95) : Number.POSITIVE_INFINITY;
console.log("");
console.table([
  {
    "overview requests": latencies.length + failures.length,
    errors: failures.length,
    p50: ms(quantile(sorted, 0.5)),
    p95: ms(p95),
    p99: ms(quantile(sorted, 0.99)),
  },
]);
console.table([
  {
    "calls acknowledged": figures.acknowledged,
    "calls stored": figures.stored,
    lost: figures.acknowledged - figures.stored,
    "tracking refused": figures.refused,
  },
]);
console.table([
  {
    "event-loop delay p50": ms(figures.delay.p50),
    p99: ms(figures.delay.p99),
    max: ms(figures.delay.max),
  },
]);
if (failures.length > 0) console.log(`First errors:\n  ${failures.slice(0, 5).join("\n  ")}`);
const ok =
  failures.length === 0 &&
  figures.refused === 0 &&
  figures.acknowledged === figures.stored &&
  p95 <= 200 &&
  figures.delay.p99 <= 20;
console.log(ok ? "\nGoals met." : "\nGoals NOT met (0 errors, 0 lost, p95 ≤ 200 ms, event-loop delay p99 ≤ 20 ms).");
postgresql?.stop();
process.exit(ok ? 0 : 1);
