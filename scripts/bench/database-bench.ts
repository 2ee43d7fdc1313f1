/**
 * One database's part of `npm run bench`. scripts/bench/run.ts starts this once per database and phase, with
 * DATABASE_URL (a migrated SQLite file or PostgreSQL database) and the rest of the environment set, because the app
 * picks its database driver from DATABASE_URL when `~/db.server` is first imported:
 *
 * - BENCH_PHASE=figures fills an empty database with BENCH_CALLS calls for the shop (and a twentieth of that for each
 *   of three others) and measures everything: analytics functions, overview loader, page in Chromium, CSV export,
 *   tracker overhead.
 * - BENCH_PHASE=grow grows a filled database to BENCH_GROWTH_CALLS calls for the shop (the others in proportion)
 *   through the app's own writer, rollups included.
 * - BENCH_PHASE=analytics measures the analytics functions alone, BENCH_RUNS runs each (raw scans unless
 *   BENCH_SKIP_RAW): one round of the growth comparison.
 *
 * BENCH_NOW (an ISO instant) is the end of the seeded period, the same for every database and phase. Progress goes
 * to stderr; the result, as one line of JSON, is the last line on stdout.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import prisma, { databaseProvider } from "~/db.server";
import { CALL_COLUMNS } from "~/lib/calls";
import { seedSyntheticUsage } from "../../demo/usage";
import { DEMO_DEFAULTS } from "../../demo/constants";
import { benchmarkAnalytics, type AnalyticsFigure } from "./analytics-bench";
import type { ExportBenchmarkResult } from "./export-bench";
import { calibration, csvDump, overviewRows } from "./floors";
import { benchmarkOverviewLoader } from "./loader-bench";
import { benchmarkOverviewPage } from "./page-bench";
import {
  DATABASE_NAMES,
  DAYS,
  OTHER_SHOPS,
  OTHER_SHOP_SHARE,
  SHOP,
  benchSettings,
  thousands,
  tsxScriptArgs,
} from "./plan";
import { ms, time, type Timing } from "./stats";
import { benchmarkTrackerOverhead } from "./tracker-bench";

export interface Ingest {
  written: number;
  seconds: number;
  callsPerSecond: number;
}

/** What the figures phase measured on one database. */
export interface DatabaseFigures {
  phase: "figures";
  database: "sqlite" | "postgresql";
  /** The database's version and the settings that matter for the figures. */
  version: string;
  /** The calibration loop when this database's run started (ms; lower is a faster or idler machine). */
  loopMs: number;
  shopCalls: number;
  allCalls: number;
  ingest: Ingest;
  rollupRows: number;
  analytics: AnalyticsFigure[];
  loader: Array<{ range: string; timing: Timing; floor: Timing }>;
  /** `authenticate.admin` alone: part of every loader, not of its floor. */
  authentication: Timing;
  page: Awaited<ReturnType<typeof benchmarkOverviewPage>> | { error: string };
  /** The median round's export and floor; peak memory, the highest of any round. */
  export: ExportBenchmarkResult & {
    floorTool: string;
    floorSeconds: number | null;
    rounds: Array<{ seconds: number; floorSeconds: number | null; peakRssMb: number }>;
  };
  tracker: Array<{ measure: string; "per call": string }>;
}

/** One round of the analytics functions at the database's size then (BENCH_PHASE=analytics). */
export interface AnalyticsAtSize {
  shopCalls: number;
  allCalls: number;
  rollupRows: number;
  loopMs: number;
  analytics: AnalyticsFigure[];
}

/** What growing the database took (BENCH_PHASE=grow). */
export interface Growth {
  ingest: Ingest;
}

const root = path.resolve(import.meta.dirname, "../..");
const settings = benchSettings();
const now = new Date(process.env.BENCH_NOW ?? Date.now());
const period = { from: new Date(now.getTime() - DAYS * 86_400_000), to: now };
const name = DATABASE_NAMES[databaseProvider];
const progress = (message: string) => console.error(`[${name}] ${message}`);

async function databaseVersion(): Promise<string> {
  if (databaseProvider === "sqlite") {
    const [row] = await prisma.$queryRawUnsafe<Array<{ version: string }>>("SELECT sqlite_version() AS version");
    return `SQLite ${row?.version} (libSQL driver, WAL)`;
  }
  const [row] = await prisma.$queryRawUnsafe<Array<{ version: string; buffers: string; commit: string }>>(
    `SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS buffers,
            current_setting('synchronous_commit') AS commit`,
  );
  return `PostgreSQL ${row?.version.split(" ")[0]} (pg driver; shared_buffers ${row?.buffers}, synchronous_commit ${row?.commit})`;
}

const counts = async () => {
  const [shopCalls, allCalls, rollupRows] = await Promise.all([
    prisma.aPIUsageLog.count({ where: { shop: SHOP } }),
    prisma.aPIUsageLog.count(),
    prisma.usageRollupDaily.count({ where: { shop: SHOP } }),
  ]);
  return { shopCalls, allCalls, rollupRows };
};

/**
 * Adds `calls` calls to a shop through the app's writer (`writeUsageBatch`, rollups included), in chunks so the log
 * shows progress on long runs.
 */
async function seed(shop: string, calls: number, prefix: string, seedBase: number, isMain: boolean): Promise<Ingest> {
  const CHUNK = 500_000;
  let written = 0;
  let seconds = 0;
  for (let chunk = 0; written < calls; chunk++) {
    const result = await seedSyntheticUsage(prisma, {
      shop,
      ...(isMain
        ? { shopName: DEMO_DEFAULTS.shopName, timeZone: DEMO_DEFAULTS.timeZone }
        : { timeZone: "Asia/Kolkata" }),
      calls: Math.min(CHUNK, calls - written),
      ...period,
      seed: seedBase + chunk,
      idPrefix: chunk === 0 ? prefix : `${prefix}-${chunk}`,
    });
    written += result.written;
    seconds += result.seconds;
    if (calls > CHUNK) {
      progress(
        `${shop}: ${thousands(written)} of ${thousands(calls)} calls written (${thousands(result.callsPerSecond)} calls/s)`,
      );
    }
  }
  return { written, seconds, callsPerSecond: seconds > 0 ? written / seconds : 0 };
}

/**
 * After seeding, PostgreSQL's tables as autovacuum keeps them in production (vacuumed, planner statistics fresh),
 * so no autovacuum worker starts on millions of new rows while the figures are measured. SQLite has no such
 * background work (and the app does not run ANALYZE), so it is measured as written.
 */
async function settle(): Promise<void> {
  if (databaseProvider !== "postgresql") return;
  const started = performance.now();
  await prisma.$executeRawUnsafe("VACUUM (ANALYZE)");
  progress(`VACUUM (ANALYZE) after seeding: ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

/**
 * The CSV export, each round in a process of its own (its peak memory is the whole process's), then the database's
 * own dump of the same rows, in alternating rounds (BENCH_EXPORT_ROUNDS), so a change in the machine's load falls on
 * both. The figure is the round with the median ratio of export to floor.
 */
function exportFigures(): DatabaseFigures["export"] {
  const rounds: Array<ExportBenchmarkResult & { floorTool: string; floorSeconds: number | null }> = [];
  const columns = CALL_COLUMNS.map((column) => column.field);
  // One untimed dump first: the rows come from memory in every timed round, not from disk in the first one only. The
  // build machine drops files it has not read for a while from its page cache, and the export, which ran first, paid
  // for reading them back (a first round up to 1.4 times slower than the next).
  csvDump(process.env.DATABASE_URL!, SHOP, columns);
  for (let round = 1; round <= settings.exportRounds; round++) {
    progress(`CSV export, in its own process (round ${round} of ${settings.exportRounds})…`);
    const output = execFileSync(process.execPath, tsxScriptArgs("scripts/bench/export-bench.ts", SHOP), {
      cwd: root,
      env: process.env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exported = JSON.parse(output.trim().split("\n").at(-1)!) as ExportBenchmarkResult;
    const dump = csvDump(process.env.DATABASE_URL!, SHOP, columns);
    progress(
      `export ${thousands(exported.rows)} rows in ${exported.seconds.toFixed(1)} s, peak ${exported.peakRssMb} MB ` +
        `(${exported.baselineRssMb} MB before); ${dump.tool} ${dump.seconds?.toFixed(1) ?? "–"} s`,
    );
    rounds.push({ ...exported, floorTool: dump.tool, floorSeconds: dump.seconds });
  }
  const ratio = (round: (typeof rounds)[number]) => round.seconds / (round.floorSeconds ?? round.seconds);
  const median = [...rounds].sort((a, b) => ratio(a) - ratio(b))[Math.floor((rounds.length - 1) / 2)]!;
  const highest = rounds.reduce((top, round) => (round.peakRssMb > top.peakRssMb ? round : top));
  return {
    ...median,
    peakRssMb: highest.peakRssMb,
    baselineRssMb: highest.baselineRssMb,
    rounds: rounds.map(({ seconds, floorSeconds, peakRssMb }) => ({ seconds, floorSeconds, peakRssMb })),
  };
}

async function figuresPhase(): Promise<DatabaseFigures> {
  const loopMs = calibration().loopMs;
  const version = await databaseVersion();
  progress(`${version}; seeding ${thousands(settings.calls)} calls for ${SHOP}`);
  const ingest = await seed(SHOP, settings.calls, "bench", 1, true);
  for (const [index, shop] of OTHER_SHOPS.entries()) {
    await seed(shop, Math.round(settings.calls * OTHER_SHOP_SHARE), `bench-other-${index}`, 10 + index, false);
  }
  await settle();
  const { shopCalls, allCalls, rollupRows } = await counts();
  progress(`ingest ${thousands(ingest.callsPerSecond)} calls/s; ${thousands(rollupRows)} rollup rows for the shop`);

  // BENCH_ONLY=export: the export alone (its figure does not depend on the others).
  const all = settings.only === null;
  const skipped = "skipped (BENCH_ONLY=export)";
  let analytics: AnalyticsFigure[] = [];
  let loader: DatabaseFigures["loader"] = [];
  let authentication: Timing = { medianMs: 0, p95Ms: 0, runs: 0 };
  let page: DatabaseFigures["page"] = { error: skipped };
  if (all) {
    progress("analytics functions…");
    analytics = await benchmarkAnalytics(prisma, { shop: SHOP, now, days: DAYS, time });
    progress(
      `analytics p95 ${ms(Math.min(...analytics.map((a) => a.rollups.p95Ms)))} to ${ms(Math.max(...analytics.map((a) => a.rollups.p95Ms)))}`,
    );

    progress("overview loader…");
    // Each range's floor: the rollup rows its view is made from, read bare.
    ({ ranges: loader, authentication } = await benchmarkOverviewLoader({
      shop: SHOP,
      floorOf: (range) => () => overviewRows(prisma, SHOP, range, now, DEMO_DEFAULTS.timeZone),
    }));

    progress("overview page in Chromium…");
    try {
      page = await benchmarkOverviewPage({ databaseUrl: process.env.DATABASE_URL! });
    } catch (error) {
      page = { error: (error as Error).message.split("\n")[0]! };
      progress(`the page benchmark failed: ${page.error}`);
    }
  }

  const exported = exportFigures();

  progress(all ? "tracker overhead…" : "the other figures: skipped (BENCH_ONLY=export)");
  const tracker = all ? await benchmarkTrackerOverhead({ shop: SHOP, ms }) : [];
  return {
    phase: "figures",
    database: databaseProvider,
    version,
    loopMs,
    shopCalls,
    allCalls,
    ingest,
    rollupRows,
    analytics,
    loader,
    authentication,
    page,
    export: exported,
    tracker,
  };
}

async function analyticsPhase(): Promise<AnalyticsAtSize> {
  const runs = Number(process.env.BENCH_RUNS ?? 40);
  const loopMs = calibration().loopMs;
  const sizes = await counts();
  progress(`analytics functions at ${thousands(sizes.shopCalls)} calls for the shop, ${runs} runs each…`);
  const analytics = await benchmarkAnalytics(prisma, {
    shop: SHOP,
    now,
    days: DAYS,
    time: (run, count, warmup) => time(run, count ?? runs, warmup),
    runs,
  });
  return { ...sizes, loopMs, analytics };
}

async function growPhase(): Promise<Growth> {
  const targets = [
    { shop: SHOP, calls: settings.growthCalls, isMain: true },
    ...OTHER_SHOPS.map((shop) => ({ shop, calls: Math.round(settings.growthCalls * OTHER_SHOP_SHARE), isMain: false })),
  ];
  let written = 0;
  let seconds = 0;
  for (const [index, target] of targets.entries()) {
    const has = await prisma.aPIUsageLog.count({ where: { shop: target.shop } });
    if (has >= target.calls) continue;
    progress(`growing ${target.shop} from ${thousands(has)} to ${thousands(target.calls)} calls`);
    const result = await seed(
      target.shop,
      target.calls - has,
      `bench-growth-${index}`,
      100 + index * 100,
      target.isMain,
    );
    written += result.written;
    seconds += result.seconds;
  }
  const ingest = { written, seconds, callsPerSecond: seconds > 0 ? written / seconds : 0 };
  progress(`grew by ${thousands(written)} calls at ${thousands(ingest.callsPerSecond)} calls/s`);
  await settle();
  return { ingest };
}

const PHASES = { figures: figuresPhase, grow: growPhase, analytics: analyticsPhase } as const;
const phase = process.env.BENCH_PHASE as keyof typeof PHASES;
if (!(phase in PHASES)) throw new Error(`BENCH_PHASE must be one of ${Object.keys(PHASES).join(", ")}`);
const result = await PHASES[phase]();
await prisma.$disconnect();
console.log(JSON.stringify(result));
// The usage recorder and the export's reader pools keep timers and connections: nothing is left to do.
process.exit(0);
