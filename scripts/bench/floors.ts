import { execFileSync } from "node:child_process";
import { availableParallelism, cpus } from "node:os";
import type { PrismaClient } from "@prisma/client";
import { addDays, type DayRange } from "~/lib/time";

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

// Floors read the same rollup rows as the figure, through the same driver, and return one row: the database's
// work on those rows without any grouping, shaping or transfer a page needs on top.
const TOUCH = `COUNT(*) AS "rows", SUM("calls") AS "calls"`;

/** A bare pass over a shop's daily rollup rows for a range (null: every shop's). */
export function dailyRollupRows(db: PrismaClient, shop: string | null, range: DayRange) {
  return shop === null
    ? db.$queryRawUnsafe(
        `SELECT ${TOUCH} FROM "UsageRollupDaily" WHERE "day" >= ? AND "day" <= ?`,
        range.from,
        range.to,
      )
    : db.$queryRawUnsafe(
        `SELECT ${TOUCH} FROM "UsageRollupDaily" WHERE "shop" = ? AND "day" >= ? AND "day" <= ?`,
        shop,
        range.from,
        range.to,
      );
}

/** A bare pass over a shop's latency histogram rows for a range. */
export function latencyRows(db: PrismaClient, shop: string, range: DayRange) {
  return db.$queryRawUnsafe(
    `SELECT ${TOUCH} FROM "LatencyHistogramDaily" WHERE "shop" = ? AND "day" >= ? AND "day" <= ?`,
    shop,
    range.from,
    range.to,
  );
}

/** A bare pass over a shop's hourly rollup rows of one day. */
export function hourlyRows(db: PrismaClient, shop: string, day: string) {
  return db.$queryRawUnsafe(`SELECT ${TOUCH} FROM "UsageRollupHourly" WHERE "shop" = ? AND "day" = ?`, shop, day);
}

/**
 * The rows the overview reads for a range ending today: the range's and the previous period's daily rollups, today's
 * hourly rows, the latency histograms, all at once.
 */
export function overviewRows(db: PrismaClient, shop: string, range: DayRange, days: number) {
  const previous = { from: addDays(range.from, -days), to: addDays(range.from, -1) };
  return Promise.all([
    dailyRollupRows(db, shop, { from: previous.from, to: range.to }),
    hourlyRows(db, shop, range.to),
    latencyRows(db, shop, range),
  ]);
}

/**
 * The database's own CSV dump of the same rows the export writes (`sqlite3 -csv`), to /dev/null: the export's floor.
 * Null when the sqlite3 program is not installed.
 */
export function sqliteCsvDumpSeconds(databasePath: string, shop: string, columns: readonly string[]): number | null {
  const sql = `SELECT ${columns.map((column) => `"${column}"`).join(", ")} FROM "APIUsageLog" WHERE "shop" = '${shop.replaceAll("'", "''")}' ORDER BY "timestamp", "id"`;
  const started = performance.now();
  try {
    execFileSync("sqlite3", ["-csv", "-header", databasePath, sql], {
      stdio: ["ignore", "ignore", "pipe"],
      maxBuffer: 1 << 30,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return (performance.now() - started) / 1000;
}

/** "2.4×", with the goal it is held to. */
export function ratio(value: number, floor: number, goal: number): string {
  const times = value / floor;
  return `${times.toFixed(1)}× (goal ≤ ${goal}×${times <= goal ? "" : ", not met"})`;
}
