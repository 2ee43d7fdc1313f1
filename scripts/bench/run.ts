/**
 * `npm run bench`: the same benchmark on SQLite and on PostgreSQL, printed side by side, then the growth figure.
 *
 * For each database a fresh, migrated database (a SQLite file; a private PostgreSQL server started for the run with
 * durable settings, as the load test does) is filled with BENCH_CALLS calls (default 1,000,000) over 90 days for one
 * shop (and a twentieth of that for each of three others), and scripts/bench/database-bench.ts measures, in a process
 * of its own (the app picks its driver from DATABASE_URL at import): every analytics function read from rollups and
 * answered by scanning raw calls, the overview loader, the overview in Chromium, the CSV export, the tracker's
 * overhead and the ingest rate, each beside its floor measured in the same run (floors.ts).
 *
 * Then PostgreSQL grows to BENCH_GROWTH_CALLS calls for the shop (default 5,000,000; 0 skips it) and the analytics
 * functions are measured again, in rounds alternating with a copy kept at BENCH_CALLS: pages read rollups, so their
 * p95 should grow by at most 1.2×.
 *
 * BENCH_CALLS=50000 BENCH_GROWTH_CALLS=250000 is a quick run; BENCH_DATABASES=sqlite (or postgresql) measures one.
 * Progress goes to stderr, the figures to stdout (and .cache/bench/results.json). Figures go to README's
 * performance section.
 */
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startLocalPostgresql, type LocalPostgresql } from "../postgresql/local-server";
import pg from "pg";
import type { AnalyticsAtSize, DatabaseFigures, Growth } from "./database-bench";
import { calibration } from "./floors";
import {
  DATABASE_NAMES,
  DAYS,
  OTHER_SHOPS,
  OTHER_SHOP_SHARE,
  SHOP,
  benchSettings,
  thousands,
  tsxScriptArgs,
  type BenchDatabase,
} from "./plan";
import { report, type GrowthFigures } from "./report";

const root = path.resolve(import.meta.dirname, "../..");
const workDir = path.join(root, ".cache/bench");
const settings = benchSettings();

rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });

const now = new Date();
const machine = calibration();
console.log(
  `Benchmark: ${thousands(settings.calls)} calls over ${DAYS} days for ${SHOP} (and ${thousands(settings.calls * OTHER_SHOP_SHARE)} ` +
    `for each of ${OTHER_SHOPS.length} other shops), on ${settings.databases.map((db) => DATABASE_NAMES[db]).join(" and ")}, ` +
    `Node ${process.version}, ${now.toISOString().slice(0, 16)}Z`,
);
console.log(
  `Machine: ${machine.cores} cores (${machine.cpu}); calibration loop ${machine.loopMs.toFixed(0)} ms at the start ` +
    "(lower = faster or idler; compare runs by it)",
);

let postgresql: LocalPostgresql | null = null;
const stopPostgresql = () => {
  postgresql?.stop();
  postgresql = null;
};
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    stopPostgresql();
    process.exit(130);
  });
}

const baseEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  SHOPIFY_API_KEY: process.env.SHOPIFY_API_KEY ?? "bench-api-key",
  SHOPIFY_API_SECRET: process.env.SHOPIFY_API_SECRET ?? "bench-api-secret",
  SHOPIFY_APP_URL: process.env.SHOPIFY_APP_URL ?? "https://bench.example",
  SHOPIFY_LOG_LEVEL: process.env.SHOPIFY_LOG_LEVEL ?? "error",
  BENCH_NOW: now.toISOString(),
};

/** Runs a statement on the PostgreSQL server's admin database (CREATE DATABASE cannot run in a transaction). */
async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresql!.adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database for `database`: its DATABASE_URL. */
async function freshDatabase(database: BenchDatabase): Promise<string> {
  let url: string;
  if (database === "sqlite") {
    url = `file:${path.join(workDir, "bench.sqlite")}`;
  } else {
    // As the load test runs it: PostgreSQL's default (durable) settings, so the figures mean what production means.
    postgresql = await startLocalPostgresql(mkdtempSync(path.join(tmpdir(), "claude-seo-bench-pg-")), {
      durable: true,
    });
    await onServer('CREATE DATABASE "bench"');
    url = postgresql.urlFor("bench");
  }
  execFileSync(process.execPath, [path.join(root, "scripts/prisma.mjs"), "migrate", "deploy"], {
    cwd: root,
    stdio: "ignore",
    env: { ...baseEnv, DATABASE_URL: url },
  });
  return url;
}

/** Runs database-bench.ts on `url` and returns the JSON it prints last. */
function measure<T>(
  database: BenchDatabase,
  url: string,
  phase: "figures" | "grow" | "analytics",
  env: Record<string, string> = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, tsxScriptArgs("scripts/bench/database-bench.ts"), {
      cwd: root,
      env: {
        ...baseEnv,
        DATABASE_URL: url,
        BENCH_PHASE: phase,
        USAGE_JOURNAL_DIR: path.join(workDir, `journal-${database}-${phase}`),
        ...env,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => (output += chunk));
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      const last = output.trim().split("\n").at(-1) ?? "";
      if (code === 0 && last.startsWith("{")) resolve(JSON.parse(last) as T);
      else reject(new Error(`the ${DATABASE_NAMES[database]} ${phase} run failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/**
 * The growth comparison on PostgreSQL. A copy of the database at BENCH_CALLS is kept (CREATE DATABASE … TEMPLATE),
 * the original grows to BENCH_GROWTH_CALLS, then the analytics functions are measured on both in alternating rounds
 * (before, after, after, before, …): on a shared machine the load changes by the minute, and alternating spreads it
 * over both sizes alike instead of crediting it to the growth.
 */
const GROWTH_ROUNDS = 4;
const RUNS_PER_ROUND = 50;

async function measureGrowth(url: string): Promise<GrowthFigures> {
  await onServer('CREATE DATABASE "bench_before" TEMPLATE "bench"');
  const beforeUrl = postgresql!.urlFor("bench_before");
  const { ingest } = await measure<Growth>("postgresql", url, "grow");
  const before: AnalyticsAtSize[] = [];
  const after: AnalyticsAtSize[] = [];
  for (let round = 0; round < GROWTH_ROUNDS; round++) {
    // Raw scans (seconds each at millions of calls) in the first round only.
    const env = { BENCH_RUNS: String(RUNS_PER_ROUND), ...(round > 0 ? { BENCH_SKIP_RAW: "1" } : {}) };
    const order = round % 2 === 0 ? (["before", "after"] as const) : (["after", "before"] as const);
    for (const size of order) {
      const measured = await measure<AnalyticsAtSize>(
        "postgresql",
        size === "before" ? beforeUrl : url,
        "analytics",
        env,
      );
      (size === "before" ? before : after).push(measured);
    }
  }
  return { database: "postgresql", rounds: GROWTH_ROUNDS, runsPerRound: RUNS_PER_ROUND, before, after, ingest };
}

const figures: DatabaseFigures[] = [];
let growth: GrowthFigures | null = null;
const failures: string[] = [];
const save = () =>
  writeFileSync(path.join(workDir, "results.json"), JSON.stringify({ settings, machine, figures, growth }, null, 2));

try {
  for (const database of settings.databases) {
    try {
      const url = await freshDatabase(database);
      figures.push(await measure<DatabaseFigures>(database, url, "figures"));
      save();
      if (database === "postgresql" && settings.growthCalls > 0) {
        growth = await measureGrowth(url);
        save();
      }
    } catch (error) {
      failures.push((error as Error).message);
      console.error(`bench: ${(error as Error).message}`);
    } finally {
      if (database === "postgresql") stopPostgresql();
    }
  }
} finally {
  stopPostgresql();
}

console.log(report({ settings, figures, growth }));
if (failures.length > 0) {
  console.log(`\nNot measured: ${failures.join("; ")}`);
  process.exit(1);
}
