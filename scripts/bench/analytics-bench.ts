import type { PrismaClient } from "@prisma/client";
import * as usage from "~/lib/analytics/index.server";
import { addDays, localDayOf } from "~/lib/time";
import { timeAlternating, type Timing } from "./stats";
import { dailyRollupRows, latencyRows } from "./floors";

/** One analytics function: read from rollups, its floor (the bare read of those rollup rows), and a raw scan. */
export interface AnalyticsFigure {
  function: string;
  rollups: Timing;
  floor: Timing;
  /** The same figures computed by scanning the raw calls (null where there is no such query, or BENCH_SKIP_RAW). */
  raw: Timing | null;
}

/** Each analytics function over `days` days from rollups, and the same figures computed from the raw calls. */
export async function benchmarkAnalytics(
  db: PrismaClient,
  options: {
    shop: string;
    now: Date;
    days: number;
    time: (run: () => Promise<unknown>, runs?: number, warmup?: number) => Promise<Timing>;
    /** Runs of each function and of its floor, in alternation (default FIGURE_RUNS). */
    runs?: number;
  },
): Promise<AnalyticsFigure[]> {
  const scope = { shop: options.shop };
  const today = localDayOf(options.now, "America/New_York");
  const range = { from: addDays(today, -(options.days - 1)), to: today };
  const rawWhere = { shop: options.shop, localDay: { gte: range.from, lte: range.to } };
  const rawSums = { totalCostPicos: true, totalTokens: true, inputTokens: true, outputTokens: true } as const;
  const rawGroup = (by: "model" | "endpoint" | "resourceType" | "userId" | "localDay") => () =>
    db.aPIUsageLog.groupBy({ by: [by, "status"], where: rawWhere, _count: true, _sum: rawSums });

  // Each function's floor: the bare read of the rollup rows it is made from (the same driver, no shaping).
  const shopRows = () => dailyRollupRows(db, options.shop, range);
  const month = { from: `${today.slice(0, 7)}-01`, to: today };
  const twoPeriods = { from: addDays(range.from, -options.days), to: range.to };
  const history = { from: addDays(today, -89), to: today };
  type Case = [string, () => Promise<unknown>, (() => Promise<unknown>) | null, () => Promise<unknown>];
  const cases: Case[] = [
    [
      "getUsageTotals",
      () => usage.getUsageTotals(scope, range),
      () => db.aPIUsageLog.groupBy({ by: ["status"], where: rawWhere, _count: true, _sum: rawSums }),
      shopRows,
    ],
    [
      "getCurrentMonthUsage",
      () => usage.getCurrentMonthUsage(scope, options.now),
      null,
      () => dailyRollupRows(db, options.shop, month),
    ],
    ["getUsageByModel", () => usage.getUsageByModel(scope, range), rawGroup("model"), shopRows],
    ["getUsageByEndpoint", () => usage.getUsageByEndpoint(scope, range), rawGroup("endpoint"), shopRows],
    ["getUsageByResourceType", () => usage.getUsageByResourceType(scope, range), rawGroup("resourceType"), shopRows],
    ["getUsageByUser", () => usage.getUsageByUser(scope, range), rawGroup("userId"), shopRows],
    ["getDailyUsageTrends", () => usage.getDailyUsageTrends(scope, range), rawGroup("localDay"), shopRows],
    [
      "comparePeriods",
      () => usage.comparePeriods(scope, range),
      null,
      () => dailyRollupRows(db, options.shop, twoPeriods),
    ],
    [
      "getLatencyAndErrorsByEndpoint",
      () => usage.getLatencyAndErrorsByEndpoint(scope, range),
      null,
      () => Promise.all([shopRows(), latencyRows(db, options.shop, range)]),
    ],
    ["getCacheEfficiency", () => usage.getCacheEfficiency(scope, range), null, shopRows],
    [
      "predictNextMonthUsage",
      () => usage.predictNextMonthUsage(scope, options.now),
      null,
      () => dailyRollupRows(db, options.shop, history),
    ],
    [
      "getUsageByShop (operator)",
      () => usage.getUsageByShop(range),
      () =>
        db.aPIUsageLog.groupBy({
          by: ["shop", "status"],
          where: { localDay: rawWhere.localDay },
          _count: true,
          _sum: rawSums,
        }),
      () => dailyRollupRows(db, null, range),
    ],
  ];

  const rows: AnalyticsFigure[] = [];
  for (const [name, fromRollups, fromRaw, floorRead] of cases) {
    const [rollup, floor] = await timeAlternating(fromRollups, floorRead, options.runs);
    // Raw scans take a second or more at a million calls: a few runs show the ratio.
    const raw = fromRaw && !process.env.BENCH_SKIP_RAW ? await options.time(fromRaw, 5, 1) : null;
    rows.push({ function: name, rollups: rollup, floor, raw });
  }
  return rows;
}
