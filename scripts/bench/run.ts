/**
 * `npm run bench`: seeds a database with 1,000,000 calls over 90 days for one shop (and some for others) and
 * prints, median and p95, each analytics function read from rollups and the same answered by scanning raw calls,
 * the tracker's overhead per call against a bare SDK call to a local Claude-compatible server, and the ingest
 * rate. BENCH_CALLS=100000 runs a smaller version. Figures go to README's performance section.
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { DEMO_DEFAULTS } from "../../demo/constants";

const root = path.resolve(import.meta.dirname, "../..");
const workDir = path.join(root, ".cache/bench");
const databasePath = path.join(workDir, "bench.sqlite");
const CALLS = Number(process.env.BENCH_CALLS ?? 1_000_000);
// The demo shop, so the page benchmark can sign in to this data through the demo.
const SHOP = DEMO_DEFAULTS.shop;
const OTHER_SHOPS = ["other-1.myshopify.com", "other-2.myshopify.com", "other-3.myshopify.com"];
const DAYS = 90;

rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });
process.env.DATABASE_URL = `file:${databasePath}`;
process.env.USAGE_JOURNAL_DIR = path.join(workDir, "journal");
process.env.NODE_ENV = "production";
process.env.SHOPIFY_API_KEY ??= "bench-api-key";
process.env.SHOPIFY_API_SECRET ??= "bench-api-secret";
process.env.SHOPIFY_APP_URL ??= "https://bench.example";
process.env.SHOPIFY_LOG_LEVEL ??= "error";
execFileSync(process.execPath, [path.join(root, "scripts/prisma.mjs"), "migrate", "deploy"], {
  cwd: root,
  stdio: "ignore",
  env: process.env,
});

const { default: prisma } = await import("~/db.server");
const { seedSyntheticUsage } = await import("../../demo/usage");
const { time, ms, table } = await import("./stats");
const { benchmarkAnalytics } = await import("./analytics-bench");
const { benchmarkTrackerOverhead } = await import("./tracker-bench");
const { benchmarkOverviewLoader } = await import("./loader-bench");
const { benchmarkOverviewPage } = await import("./page-bench");

const { calibration, overviewRows, ratio, sqliteCsvDumpSeconds } = await import("./floors");
const { CALL_COLUMNS } = await import("~/lib/calls");
const { addDays, localDayOf } = await import("~/lib/time");

const now = new Date();
const machine = calibration();
console.log(`Benchmark: ${CALLS.toLocaleString("en-US")} calls over ${DAYS} days for ${SHOP}, Node ${process.version}`);
console.log(
  `Machine: ${machine.cores} cores (${machine.cpu}); calibration loop ${machine.loopMs.toFixed(0)} ms (lower = faster or idler; compare runs by it)`,
);
console.log(
  "Each figure is shown beside its floor (what the hardware does for the same work, measured now) and their ratio.\n",
);

const period = { from: new Date(now.getTime() - DAYS * 86_400_000), to: now };
const ingest = await seedSyntheticUsage(prisma, {
  shop: SHOP,
  shopName: DEMO_DEFAULTS.shopName,
  timeZone: DEMO_DEFAULTS.timeZone,
  calls: CALLS,
  ...period,
  seed: 1,
  idPrefix: "bench",
});
for (const [index, shop] of OTHER_SHOPS.entries()) {
  await seedSyntheticUsage(prisma, {
    shop,
    timeZone: "Asia/Kolkata",
    calls: Math.round(CALLS / 20),
    ...period,
    seed: 10 + index,
    idPrefix: `bench-${index}`,
  });
}
const rollupRows = await prisma.usageRollupDaily.count({ where: { shop: SHOP } });
console.log(
  `Ingest (writeUsageBatch, 2,000 calls per transaction with rollups): ${Math.round(ingest.callsPerSecond).toLocaleString("en-US")} calls/s (${ingest.seconds.toFixed(1)} s)`,
);
console.log(
  `Rollup rows for the shop: ${rollupRows.toLocaleString("en-US")} (for ${ingest.written.toLocaleString("en-US")} calls)\n`,
);

console.log("Analytics over 90 days, read from rollups vs scanning raw calls:");
console.log(table(await benchmarkAnalytics(prisma, { shop: SHOP, now, days: DAYS, time, ms })));

console.log(
  "\nAnalytics overview loader (authenticate.admin + every figure on the page), 1 shop with the calls above:",
);
const loaderTimings = await benchmarkOverviewLoader({ shop: SHOP, time });
const today = localDayOf(now, DEMO_DEFAULTS.timeZone);
const rangeDays: Record<string, number> = {
  "this-month": Number(today.slice(8, 10)),
  "last-30-days": 30,
  "last-90-days": 90,
};
const loaderRows = [];
for (const [range, t] of Object.entries(loaderTimings)) {
  const days = rangeDays[range]!;
  // The floor: the rollup rows this view is made from, read bare (this and the previous period, today's hours).
  const floor = await time(() => overviewRows(prisma, SHOP, { from: addDays(today, -(days - 1)), to: today }, days));
  loaderRows.push({
    range,
    median: ms(t.medianMs),
    p95: ms(t.p95Ms),
    "floor p95": ms(floor.p95Ms),
    "p95 / floor": ratio(t.p95Ms, floor.p95Ms, 3),
    target: "p95 < 50 ms",
  });
}
console.log(table(loaderRows));

console.log("\nAnalytics overview in Chromium (production build on localhost, demo sign-in):");
const pageFigures = await benchmarkOverviewPage({ databasePath });
console.log(
  `  Largest Contentful Paint: median ${ms(pageFigures.lcp.medianMs)}, p95 ${ms(pageFigures.lcp.p95Ms)} over ${pageFigures.lcp.runs} loads (target < 1 s)`,
);
console.log(
  `  Cumulative Layout Shift: median ${pageFigures.cls.median.toFixed(3)}, worst ${pageFigures.cls.worst.toFixed(3)} (target < 0.05)`,
);
console.log(
  `  JavaScript loaded by the page: ${(pageFigures.totalGzipBytes / 1024).toFixed(0)} kB gzip (${(pageFigures.totalBytes / 1024).toFixed(0)} kB raw) in ${pageFigures.scripts.length} files`,
);
for (const script of [...pageFigures.scripts].sort((a, b) => b.gzipBytes - a.gzipBytes).slice(0, 6)) {
  console.log(`    ${(script.gzipBytes / 1024).toFixed(1).padStart(6)} kB gzip  ${script.url}`);
}

console.log(
  "\nCSV export of every call of the shop (the /app/export action's stream, read to the end), in its own process:",
);
const exportOutput = execFileSync(
  process.execPath,
  [
    path.join(root, "node_modules/tsx/dist/cli.mjs"),
    "--tsconfig",
    "tsconfig.json",
    "scripts/bench/export-bench.ts",
    SHOP,
  ],
  { cwd: root, env: process.env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
const exported = JSON.parse(exportOutput.trim().split("\n").at(-1)!) as {
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  baselineRssMb: number;
};
console.log(
  `  ${exported.rows.toLocaleString("en-US")} rows (${(exported.bytes / 1e6).toFixed(0)} MB) in ${exported.seconds.toFixed(1)} s = ${exported.rowsPerSecond.toLocaleString("en-US")} rows/s (target < 10 s)`,
);
console.log(
  `  peak memory ${exported.peakRssMb} MB for the whole process, ${exported.baselineRssMb} MB before the export started (target < 200 MB)`,
);
const dumpSeconds = sqliteCsvDumpSeconds(
  databasePath,
  SHOP,
  CALL_COLUMNS.map((column) => column.field),
);
console.log(
  dumpSeconds === null
    ? "  floor: sqlite3 is not installed (apt-get install -y sqlite3), so no floor was measured"
    : `  floor: sqlite3 -csv of the same rows in ${dumpSeconds.toFixed(1)} s; export / floor ${ratio(exported.seconds, dumpSeconds, 2)}`,
);

console.log("\nTracker overhead per call:");
console.log(table(await benchmarkTrackerOverhead({ shop: SHOP, ms })));

await prisma.$disconnect();
