import { execFileSync } from "node:child_process";
import { availableParallelism, cpus } from "node:os";
import path from "node:path";
import { Prisma, type PrismaClient } from "@prisma/client";
import { addDays, localDayOf, parseRangeParams, type DayRange } from "~/lib/time";
import { forecastRanges } from "~/lib/analytics/usage-analytics.server";
import { comparisonFor } from "~/lib/analytics/period-comparison";
import { ROLLUP_SUM_COLUMNS } from "~/lib/usage";
import { postgresqlBinDir } from "../postgresql/local-server";

/**
 * What the hardware allows, measured in the same run as the figures (issue 13): each figure is printed beside its
 * floor and their ratio, which two runs on different machines (or on one busy machine) can compare where absolute
 * times cannot.
 */

/** The machine: cores, CPU model, and the time of a fixed CPU loop (lower is a faster or idler machine). */
export function calibration(): { cores: number; cpu: string; loopMs: number } {
  const started = performance.now();
  let x = 0;
  for (let i = 1; i <= 30_000_000; i++) x += Math.sqrt(i) % 7;
  const loopMs = performance.now() - started;
  if (x < 0) console.log(x); // keeps the loop from being optimised away
  return { cores: availableParallelism(), cpu: cpus()[0]?.model.trim() ?? "unknown", loopMs };
}

// Floors read the same rollup rows as the figure, through the same driver, and return one row: the database reading
// every value the figure is made from (each summed column of each row), without the grouping, shaping, transfer or
// further statements the figure needs on top. Reading fewer columns than the figure needs (once only `calls`) would
// measure less work than any answer takes. Written once for both databases: `Prisma.sql` numbers the placeholders for
// the client's database (`?` on SQLite, `$1` on PostgreSQL), and every identifier is quoted (PostgreSQL folds unquoted
// ones to lower case).
const TOUCH = Prisma.raw(
  ['COUNT(*) AS "rows"', ...ROLLUP_SUM_COLUMNS.map((column) => `SUM("${column}") AS "${column}"`)].join(", "),
);
/** The day totals' values, in TOUCH's columns (the rollup's other sums are not in the table). */
const DAY_TOTAL_COLUMNS = new Set(["calls", "unpricedCalls", "totalTokens", "costPicos"]);
const TOUCH_DAY_TOTALS = Prisma.raw(
  [
    'COUNT(*) AS "rows"',
    ...ROLLUP_SUM_COLUMNS.map((column) =>
      DAY_TOTAL_COLUMNS.has(column) ? `SUM("${column}") AS "${column}"` : `NULL AS "${column}"`,
    ),
  ].join(", "),
);
/** The latency histograms' values: each row's bucket and its calls. */
const TOUCH_HISTOGRAM = Prisma.raw(`COUNT(*) AS "rows", SUM("bucket") AS "buckets", SUM("calls") AS "calls"`);

/** A bare pass over a shop's daily rollup rows for a range (null: every shop's). */
export function dailyRollupRows(db: PrismaClient, shop: string | null, range: DayRange) {
  return shop === null
    ? db.$queryRaw(
        Prisma.sql`SELECT ${TOUCH} FROM "UsageRollupDaily" WHERE "day" >= ${range.from} AND "day" <= ${range.to}`,
      )
    : db.$queryRaw(
        Prisma.sql`SELECT ${TOUCH} FROM "UsageRollupDaily" WHERE "shop" = ${shop} AND "day" >= ${range.from} AND "day" <= ${range.to}`,
      );
}

/** A bare pass over a shop's latency histogram rows for a range. */
export function latencyRows(db: PrismaClient, shop: string, range: DayRange) {
  return db.$queryRaw(
    Prisma.sql`SELECT ${TOUCH_HISTOGRAM} FROM "LatencyHistogramDaily" WHERE "shop" = ${shop} AND "day" >= ${range.from} AND "day" <= ${range.to}`,
  );
}

/** Ranges as few index ranges: next to each other, one (`day >= … OR …` made SQLite collect the rows' ids first). */
function contiguous(ranges: readonly DayRange[]): DayRange[] {
  const sorted = [...ranges].sort((a, b) => (a.from < b.from ? -1 : 1));
  const merged: DayRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.from <= addDays(last.to, 1))
      merged[merged.length - 1] = { from: last.from, to: range.to > last.to ? range.to : last.to };
    else merged.push(range);
  }
  return merged;
}

/**
 * The rows the overview reads for a range preset (`this-month`, `last-30-days`, …) on `now`: the day totals of every
 * day the page draws (the range, the trend's previous line, the forecast's month and weeks, today), the daily rollup
 * rows of the range and of the period it is compared with (its breakdowns), and, for a running period (compared to
 * the hour), the hourly rows of the day where the comparison stops. Read bare, in one statement (a part per table), as
 * the page reads them in one.
 */
export function overviewRows(db: PrismaClient, shop: string, preset: string, now: Date, timeZone: string) {
  const today = localDayOf(now, timeZone);
  const { selection } = parseRangeParams(new URLSearchParams({ range: preset }), today);
  const forecast = forecastRanges(now, timeZone);
  const drawn = [selection.range, selection.trendPreviousRange, forecast.month, forecast.recent];
  const days = {
    from: drawn.reduce((first, range) => (range.from < first ? range.from : first), today),
    to: drawn.reduce((last, range) => (range.to > last ? range.to : last), today),
  };
  const { cut } = comparisonFor(selection, today, now, timeZone);
  const parts = [
    ...contiguous([selection.previousRange, selection.range]).map(
      (range) => Prisma.sql`SELECT ${TOUCH} FROM "UsageRollupDaily"
        WHERE "shop" = ${shop} AND "day" >= ${range.from} AND "day" <= ${range.to}`,
    ),
    Prisma.sql`SELECT ${TOUCH_DAY_TOTALS} FROM "UsageDailyTotal"
      WHERE "shop" = ${shop} AND "day" >= ${days.from} AND "day" <= ${days.to}`,
    ...(cut
      ? [Prisma.sql`SELECT ${TOUCH} FROM "UsageRollupHourly" WHERE "shop" = ${shop} AND "day" = ${cut.day}`]
      : []),
  ];
  return db.$queryRaw(Prisma.join(parts, " UNION ALL "));
}

/** The export's columns, oldest first: the same rows in the same order as the export writes them. */
function exportQuery(shop: string, columns: readonly string[]): string {
  return `SELECT ${columns.map((column) => `"${column}"`).join(", ")} FROM "APIUsageLog" WHERE "shop" = '${shop.replaceAll("'", "''")}' ORDER BY "timestamp", "id"`;
}

/** Runs a database's own command-line client to /dev/null; its time in seconds, or null when it is not installed. */
function timedDump(command: string, args: string[]): number | null {
  const started = performance.now();
  try {
    execFileSync(command, args, { stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 30 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return (performance.now() - started) / 1000;
}

/**
 * The database's own CSV dump of the same rows the export writes, to /dev/null: the export's floor. SQLite:
 * `sqlite3 -csv` on the file; PostgreSQL: `psql` running `COPY (…) TO STDOUT WITH CSV` (the server formats the rows,
 * psql only passes them on). Null when that program is not installed.
 */
export function csvDump(
  databaseUrl: string,
  shop: string,
  columns: readonly string[],
): { tool: string; seconds: number | null } {
  const sql = exportQuery(shop, columns);
  if (databaseUrl.startsWith("file:")) {
    const file = databaseUrl.slice("file:".length).split("?")[0]!;
    return { tool: "sqlite3 -csv", seconds: timedDump("sqlite3", ["-csv", "-header", file, sql]) };
  }
  const psql = path.join(postgresqlBinDir(), "psql");
  return {
    tool: "psql COPY … TO STDOUT WITH CSV",
    seconds: timedDump(psql, [
      "-X",
      "-q",
      "-v",
      "ON_ERROR_STOP=1",
      "-d",
      databaseUrl,
      "-c",
      `COPY (${sql}) TO STDOUT WITH (FORMAT csv, HEADER)`,
    ]),
  };
}
