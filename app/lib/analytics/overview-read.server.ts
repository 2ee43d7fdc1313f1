import { Prisma } from "@prisma/client";
import prisma from "~/db.server";
import { dialect, refusingOverflow } from "~/lib/database/index.server";
import {
  addDays,
  assertValidRange,
  daysInRange,
  eachDay,
  MAX_RANGE_DAYS,
  type DayRange,
  type LocalDay,
} from "~/lib/time";
import type { StaffSessionRow } from "~/lib/shop/index.server";
import { BREAKDOWN_DIMENSIONS } from "./breakdown-dimensions";
import {
  PACKED_SUMS_EXPRESSION,
  rangeBreakdownsOf,
  type PartialDayRange,
  type RangeBreakdowns,
  type RollupGroup,
} from "./usage-analytics.server";
import { addTotals, emptyTotals, totalsFromPackedSums, type UsageTotals } from "./usage-totals";

/**
 * The AI usage page's reads in one statement: each statement costs a round of Prisma and of the driver (about 0.2 ms,
 * more than SQLite spends on a few hundred rows), and the page needs several reads: its rollups, and beside them the
 * month's unshown budget crossings, the staff sessions that name its staff breakdown and the shop's settings row. Each
 * part of the UNION is tagged; every value comes back as text, exact at any size.
 */

/** What a trend point and the forecast show of a day. */
export type DayFigures = Pick<UsageTotals, "calls" | "unpricedCalls" | "totalTokens" | "costPicos"> & { day: LocalDay };

export interface OverviewReadRequest {
  shop: string;
  /** The days drawn: both trend lines, the forecast's weeks, today (read at once when they span at most a year). */
  days: readonly DayRange[];
  /** The range whose breakdowns are shown. */
  current: DayRange;
  /** What it is compared with: whole days, or whole days and the last one before a local hour (a running period). */
  previous: PartialDayRange;
  /** The month's budget crossings no page has shown (columns `id`, `threshold`, `amount`), read in the same statement. */
  unshownAlerts: Prisma.Sql;
  /** The shop's staff sessions whose names label the staff breakdown (`staffSessionsSql`), read in the same statement. */
  staffSessions: Prisma.Sql;
  /** The shop's settings row (`budgetSettingsSql`: `budget`, `hardCap`, `timeZone`), read in the same statement. */
  settings: Prisma.Sql;
}

export interface OverviewRollups {
  /** The figures of each day of `range` (one of the request's `days`), days without calls as zeros. */
  dayFigures(range: DayRange): DayFigures[];
  current: RangeBreakdowns<(typeof BREAKDOWN_DIMENSIONS)[number]>;
  previous: RangeBreakdowns<(typeof BREAKDOWN_DIMENSIONS)[number]>;
  /**
   * False when the comparison's last day was to be cut at an hour but has no hourly detail (calls written before the
   * hourly rollup existed): `previous` then holds the previous range's whole days.
   */
  previousCut: boolean;
  firstUsageDay: LocalDay | null;
  unshownAlerts: Array<{ id: string; threshold: string; amount: string }>;
  /** The staff sessions, newest first. */
  staffSessions: StaffSessionRow[];
  /** The settings row as the statement read it (undefined: the shop has none). */
  settings: { budget: string | null; hardCap: string | null; timeZone: string | null } | undefined;
}

/** The four figures a trend point shows, in DAY_FIGURES_FIELDS order, from the day's row of UsageDailyTotal. */
const DAY_FIGURES_FIELDS = ["calls", "unpricedCalls", "totalTokens", "costPicos"] as const;
const DAY_FIGURES = Prisma.raw(DAY_FIGURES_FIELDS.map((column) => `CAST("${column}" AS TEXT)`).join(" || ',' || "));
const CALLS_AND_COST = Prisma.raw(`CAST(SUM("calls") AS TEXT) || ',' || CAST(SUM("costPicos") AS TEXT)`);
const NO_KEY = Prisma.raw(`CAST(NULL AS TEXT)`);

interface PartRow {
  part: string;
  a: string | null;
  b: string | null;
  c: string | null;
  e: string | null;
  sums: string | null;
}

/**
 * A range's sums per model, feature, resource type and staff member, from the daily rollup. On SQLite each group of
 * keys found in the range is summed by a seek into the index ordered by those keys and the day: grouping the range's
 * rows instead made SQLite sort all of them (about 2.5 times a plain pass). PostgreSQL groups them in a hash table,
 * faster than the seeks there (0.8 against 1.5 ms over 30 days).
 */
function breakdownPart(part: string, shop: string, range: DayRange): Prisma.Sql {
  const tag = Prisma.raw(`'${part}'`);
  if (dialect.provider === "postgresql") {
    return Prisma.sql`SELECT ${tag} AS "part", "model" AS "a", "endpoint" AS "b", "resourceType" AS "c", "userId" AS "e",
        ${PACKED_SUMS_EXPRESSION} AS "sums"
      FROM "UsageRollupDaily" WHERE "shop" = ${shop} AND "day" >= ${range.from} AND "day" <= ${range.to}
      GROUP BY "model", "endpoint", "resourceType", "userId"`;
  }
  return Prisma.sql`SELECT ${tag} AS "part", "k"."model" AS "a", "k"."endpoint" AS "b",
      "k"."resourceType" AS "c", "k"."userId" AS "e",
      (SELECT ${PACKED_SUMS_EXPRESSION} FROM "UsageRollupDaily" AS "d"
        WHERE "d"."shop" = ${shop} AND "d"."model" = "k"."model" AND "d"."endpoint" = "k"."endpoint"
          AND "d"."resourceType" = "k"."resourceType" AND "d"."userId" = "k"."userId"
          AND "d"."day" >= ${range.from} AND "d"."day" <= ${range.to}) AS "sums"
    FROM (SELECT DISTINCT "model", "endpoint", "resourceType", "userId" FROM "UsageRollupDaily"
      WHERE "shop" = ${shop} AND "day" >= ${range.from} AND "day" <= ${range.to}) AS "k"`;
}

/**
 * The same from the hourly rollup for one day, before a local hour (tagged `h`), and the calls and cost of the rest
 * of the day (`ha`): with the `h` groups, the day's hourly totals, to check against its daily ones. Only the hours
 * before the cut are grouped; the rest is summed.
 */
function hourlyBreakdownParts(shop: string, day: LocalDay, beforeHour: number): Prisma.Sql[] {
  return [
    Prisma.sql`SELECT 'h' AS "part", "model" AS "a", "endpoint" AS "b", "resourceType" AS "c", "userId" AS "e",
        ${PACKED_SUMS_EXPRESSION} AS "sums"
      FROM "UsageRollupHourly" WHERE "shop" = ${shop} AND "day" = ${day} AND "hour" < ${beforeHour}
      GROUP BY "model", "endpoint", "resourceType", "userId"`,
    Prisma.sql`SELECT 'ha' AS "part", ${NO_KEY} AS "a", ${NO_KEY} AS "b", ${NO_KEY} AS "c", ${NO_KEY} AS "e",
        ${CALLS_AND_COST} AS "sums"
      FROM "UsageRollupHourly" WHERE "shop" = ${shop} AND "day" = ${day} AND "hour" >= ${beforeHour}`,
  ];
}

function wholeDays(range: PartialDayRange): DayRange {
  return { from: range.from, to: range.to };
}

async function readParts(parts: Prisma.Sql[]): Promise<PartRow[]> {
  return refusingOverflow("Summing usage", () =>
    prisma.$queryRaw<PartRow[]>(Prisma.sql`${Prisma.join(parts, " UNION ALL ")}`),
  );
}

function groupOf(row: PartRow): RollupGroup {
  return {
    model: row.a!,
    endpoint: row.b!,
    resourceType: row.c!,
    userId: row.e!,
    totals: totalsFromPackedSums(row.sums),
  };
}

function dayFiguresOf(day: LocalDay, sums: string | null): DayFigures {
  const [calls, unpricedCalls, totalTokens, costPicos] = (sums ?? "0,0,0,0").split(",");
  return {
    day,
    calls: Number(calls),
    unpricedCalls: Number(unpricedCalls),
    totalTokens: BigInt(totalTokens!),
    costPicos: BigInt(costPicos!),
  };
}

/**
 * Whether the cut day's hourly rows hold all of its calls (calls recorded before the hourly rollup existed have none):
 * its hourly groups, before and after the cut, add up to its daily calls and cost.
 */
function hasHourlyDetail(rows: PartRow[]): boolean {
  const callsAndCost = (part: string) => {
    const [calls, cost] = (rows.find((row) => row.part === part)?.sums ?? "0,0").split(",");
    return { calls: Number(calls || 0), costPicos: BigInt(cost || 0) };
  };
  const daily = callsAndCost("xd");
  const hourly = rows
    .filter((row) => row.part === "h")
    .reduce((totals, row) => addTotals(totals, totalsFromPackedSums(row.sums)), emptyTotals());
  const afterCut = callsAndCost("ha");
  return hourly.calls + afterCut.calls === daily.calls && hourly.costPicos + afterCut.costPicos === daily.costPicos;
}

/** Texts joined with ";" (in no particular order), as one value of one row. */
const JOINED = (text: string) =>
  Prisma.raw(dialect.provider === "postgresql" ? `string_agg(${text}, ';')` : `group_concat(${text}, ';')`);

/**
 * Each day's figures from the day totals (summing the day's rollup rows of every key was a second pass over the rows
 * the breakdowns read): one read of every day drawn when they span at most a year (the trend's two lines and the
 * forecast's weeks are next to each other), otherwise one per range (a custom range years back is not read up to
 * today). Each read is one row, its days joined as "day=calls,unpriced,tokens,cost;…": a row per day cost more in the
 * driver and Prisma (an object per row, and its garbage) than the database spent reading them.
 */
function dayParts(shop: string, days: readonly DayRange[]): Prisma.Sql[] {
  const span: DayRange = {
    from: days.reduce((first, range) => (range.from < first ? range.from : first), days[0]!.from),
    to: days.reduce((last, range) => (range.to > last ? range.to : last), days[0]!.to),
  };
  return (daysInRange(span) <= MAX_RANGE_DAYS ? [span] : days).map(
    (range) => Prisma.sql`SELECT 'd' AS "part", ${NO_KEY} AS "a", ${NO_KEY} AS "b", ${NO_KEY} AS "c", ${NO_KEY} AS "e",
        ${JOINED(`"day" || '=' || ${DAY_FIGURES.text}`)} AS "sums"
      FROM "UsageDailyTotal" WHERE "shop" = ${shop} AND "day" >= ${range.from} AND "day" <= ${range.to}`,
  );
}

/** The days of a `d` row: "day=figures" items joined by ";" (null: no day with calls). */
function addDayFigures(figures: Map<LocalDay, string>, joined: string | null): void {
  if (joined === null) return;
  for (const item of joined.split(";")) {
    const at = item.indexOf("=");
    figures.set(item.slice(0, at) as LocalDay, item.slice(at + 1));
  }
}

export async function readOverviewRollups(request: OverviewReadRequest): Promise<OverviewRollups> {
  const { shop, days, current, previous, unshownAlerts, staffSessions, settings } = request;
  for (const range of [...days, current, previous]) assertValidRange(range);
  const cutHour = previous.lastDayBeforeHour;
  const parts = [
    ...dayParts(shop, days),
    Prisma.sql`SELECT 'f' AS "part", MIN("day") AS "a", ${NO_KEY} AS "b", ${NO_KEY} AS "c", ${NO_KEY} AS "e",
        ${NO_KEY} AS "sums" FROM "UsageRollupDaily" WHERE "shop" = ${shop}`,
    breakdownPart("c", shop, current),
    Prisma.sql`SELECT 'b' AS "part", "id" AS "a", "threshold" AS "b", ${NO_KEY} AS "c", ${NO_KEY} AS "e",
        "amount" AS "sums" FROM (${unshownAlerts}) AS "alerts"`,
    Prisma.sql`SELECT 'n' AS "part", "userId" AS "a", "firstName" AS "b", "lastName" AS "c", "newest" AS "e",
        ${NO_KEY} AS "sums" FROM (${staffSessions}) AS "staff"`,
    Prisma.sql`SELECT 's' AS "part", "budget" AS "a", "hardCap" AS "b", "timeZone" AS "c", ${NO_KEY} AS "e",
        ${NO_KEY} AS "sums" FROM (${settings}) AS "settings"`,
  ];
  if (cutHour === undefined) {
    parts.push(breakdownPart("p", shop, previous));
  } else {
    const cutDay = previous.to;
    if (previous.from < cutDay) parts.push(breakdownPart("p", shop, { from: previous.from, to: addDays(cutDay, -1) }));
    parts.push(
      ...hourlyBreakdownParts(shop, cutDay, cutHour),
      Prisma.sql`SELECT 'xd' AS "part", ${NO_KEY} AS "a", ${NO_KEY} AS "b", ${NO_KEY} AS "c", ${NO_KEY} AS "e",
          ${CALLS_AND_COST} AS "sums" FROM "UsageRollupDaily" WHERE "shop" = ${shop} AND "day" = ${cutDay}`,
    );
  }
  const rows = await readParts(parts);

  const figures = new Map<LocalDay, string>();
  const currentGroups: RollupGroup[] = [];
  let previousGroups: RollupGroup[] = [];
  let firstUsageDay: LocalDay | null = null;
  const alerts: OverviewRollups["unshownAlerts"] = [];
  const sessions: Array<StaffSessionRow & { newest: number }> = [];
  let settingsRow: OverviewRollups["settings"];
  for (const row of rows) {
    if (row.part === "d") addDayFigures(figures, row.sums);
    else if (row.part === "f") firstUsageDay = row.a as LocalDay | null;
    else if (row.part === "c") currentGroups.push(groupOf(row));
    else if (row.part === "p" || row.part === "h") previousGroups.push(groupOf(row));
    else if (row.part === "b") alerts.push({ id: row.a!, threshold: row.b!, amount: row.sums! });
    else if (row.part === "n")
      sessions.push({ userId: row.a, firstName: row.b, lastName: row.c, newest: Number(row.e) });
    else if (row.part === "s") settingsRow = { budget: row.a, hardCap: row.b, timeZone: row.c };
  }
  // A cut day whose hourly rows miss some of its calls cannot be compared to the hour: the whole previous range is.
  const previousCut = cutHour !== undefined && hasHourlyDetail(rows);
  if (cutHour !== undefined && !previousCut) {
    previousGroups = (await readParts([breakdownPart("p", shop, wholeDays(previous))])).map(groupOf);
  }
  return {
    dayFigures: (range) => eachDay(range).map((day) => dayFiguresOf(day, figures.get(day) ?? null)),
    current: rangeBreakdownsOf(currentGroups, BREAKDOWN_DIMENSIONS),
    previous: rangeBreakdownsOf(previousGroups, BREAKDOWN_DIMENSIONS),
    previousCut,
    firstUsageDay,
    unshownAlerts: alerts,
    staffSessions: sessions.sort((a, b) => a.newest - b.newest),
    settings: settingsRow,
  };
}
