/**
 * CSV export throughput and peak memory, for the benchmark script: runs the calls export of a shop whose database
 * already holds its calls (about a million for the target figures) through `exportCallsCsv`, the function the
 * /app/export action streams to the browser, and reads the stream to the end as a download would.
 *
 * Targets: 1,000,000 rows in under 10 s with peak RSS under 200 MB. Measured on the 2-core benchmark machine with a
 * million synthetic calls (inserted in random time order, so every row read is a random page access): 6.7-9.2 s
 * depending on the machine's other load, peak RSS 161-181 MB of which 129-151 MB is the process before the export.
 *
 * Run alone (the database is DATABASE_URL):
 *   DATABASE_URL=file:./bench.sqlite npx tsx --tsconfig tsconfig.json scripts/bench/export-bench.ts <shop> [from] [to]
 */
import { pathToFileURL } from "node:url";
import prisma from "~/db.server";
import { exportCallsCsv } from "~/lib/export/index.server";
import type { DayRange } from "~/lib/time";
import { timeZoneOf } from "~/lib/analytics/index.server";

export interface ExportBenchmarkOptions {
  shop: string;
  /** Local days to export; defaults to the shop's first through last day with calls. */
  range?: DayRange;
  /** Rows per database query (the action's default when absent). */
  pageSize?: number;
  /** How often RSS is sampled while the export runs. */
  sampleEveryMs?: number;
}

export interface ExportBenchmarkResult {
  /** CSV records written, header excluded. */
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  /** Highest resident set size seen during the run (the whole process: its baseline included). */
  peakRssMb: number;
  /** Resident set size just before the export started, to tell the export's own share from the process's. */
  baselineRssMb: number;
}

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function shopDays(shop: string): Promise<DayRange> {
  const [first, last] = await Promise.all([
    prisma.usageRollupDaily.findFirst({ where: { shop }, orderBy: { day: "asc" }, select: { day: true } }),
    prisma.usageRollupDaily.findFirst({ where: { shop }, orderBy: { day: "desc" }, select: { day: true } }),
  ]);
  if (!first || !last) throw new Error(`${shop} has no calls to export`);
  return { from: first.day, to: last.day };
}

const QUOTE = 0x22;
const LF = 0x0a;

/**
 * Counts CSV records by their line ends outside quoted fields (an error message may hold a newline). Scans with
 * the native `indexOf` so the counting does not weigh on the export it measures.
 */
function recordCounter() {
  let inQuotes = false;
  let records = 0;
  return {
    add(chunk: Uint8Array) {
      let position = 0;
      let quote = chunk.indexOf(QUOTE);
      for (;;) {
        if (inQuotes) {
          if (quote === -1) return;
          inQuotes = false;
          position = quote + 1;
          quote = chunk.indexOf(QUOTE, position);
          continue;
        }
        const lineEnd = chunk.indexOf(LF, position);
        if (lineEnd === -1 && quote === -1) return;
        if (lineEnd !== -1 && (quote === -1 || lineEnd < quote)) {
          records++;
          position = lineEnd + 1;
        } else {
          inQuotes = true;
          position = quote + 1;
          quote = chunk.indexOf(QUOTE, position);
        }
      }
    },
    get records() {
      return records;
    },
  };
}

export async function benchmarkExport(options: ExportBenchmarkOptions): Promise<ExportBenchmarkResult> {
  const [range, timeZone] = await Promise.all([
    options.range ?? shopDays(options.shop),
    timeZoneOf({ shop: options.shop }),
  ]);
  const baselineRss = process.memoryUsage.rss();
  let peakRss = baselineRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, options.sampleEveryMs ?? 50);

  const started = performance.now();
  const counter = recordCounter();
  let bytes = 0;
  try {
    const reader = exportCallsCsv({
      shop: options.shop,
      timeZone,
      filters: { range },
      pageSize: options.pageSize,
    }).getReader();
    for (let chunks = 1; ; chunks++) {
      const { done, value: chunk } = await reader.read();
      if (done) break;
      bytes += chunk.byteLength;
      counter.add(chunk);
      // Also between chunks, since a read that never waits on I/O (SQLite's) gives the timer no turn; every eighth
      // (about half a megabyte of CSV), since reading RSS costs a system call that the export itself does not make.
      if (chunks % 8 === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = counter.records - 1;
  return {
    rows,
    bytes,
    seconds,
    rowsPerSecond: Math.round(rows / seconds),
    peakRssMb: megabytes(peakRss),
    baselineRssMb: megabytes(baselineRss),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [shop, from, to] = process.argv.slice(2);
  if (!shop) {
    console.error("usage: export-bench.ts <shop> [from YYYY-MM-DD] [to YYYY-MM-DD]");
    process.exit(2);
  }
  const result = await benchmarkExport({ shop, range: from && to ? { from, to } : undefined });
  console.log(JSON.stringify(result));
  await prisma.$disconnect();
}
