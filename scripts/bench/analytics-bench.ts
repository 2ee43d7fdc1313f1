import type { PrismaClient } from "@prisma/client";
import * as usage from "~/lib/analytics/index.server";
import { addDays, localDayOf } from "~/lib/time";
import type { Timing } from "./stats";

/** Each analytics function over `days` days from rollups, and the same figures computed from the raw calls. */
export async function benchmarkAnalytics(
  db: PrismaClient,
  options: {
    shop: string;
    now: Date;
    days: number;
    time: (run: () => Promise<unknown>, runs?: number, warmup?: number) => Promise<Timing>;
    ms: (n: number) => string;
  },
) {
  const scope = { shop: options.shop };
  const today = localDayOf(options.now, "America/New_York");
  const range = { from: addDays(today, -(options.days - 1)), to: today };
  const rawWhere = { shop: options.shop, localDay: { gte: range.from, lte: range.to } };
  const rawSums = { totalCostPicos: true, totalTokens: true, inputTokens: true, outputTokens: true } as const;
  const rawGroup = (by: "model" | "endpoint" | "resourceType" | "userId" | "localDay") => () =>
    db.aPIUsageLog.groupBy({ by: [by, "status"], where: rawWhere, _count: true, _sum: rawSums });

  const cases: Array<[string, () => Promise<unknown>, (() => Promise<unknown>) | null]> = [
    [
      "getUsageTotals",
      () => usage.getUsageTotals(scope, range),
      () => db.aPIUsageLog.groupBy({ by: ["status"], where: rawWhere, _count: true, _sum: rawSums }),
    ],
    ["getCurrentMonthUsage", () => usage.getCurrentMonthUsage(scope, options.now), null],
    ["getUsageByModel", () => usage.getUsageByModel(scope, range), rawGroup("model")],
    ["getUsageByEndpoint", () => usage.getUsageByEndpoint(scope, range), rawGroup("endpoint")],
    ["getUsageByResourceType", () => usage.getUsageByResourceType(scope, range), rawGroup("resourceType")],
    ["getUsageByUser", () => usage.getUsageByUser(scope, range), rawGroup("userId")],
    ["getDailyUsageTrends", () => usage.getDailyUsageTrends(scope, range), rawGroup("localDay")],
    ["comparePeriods", () => usage.comparePeriods(scope, range), null],
    ["getLatencyAndErrorsByEndpoint", () => usage.getLatencyAndErrorsByEndpoint(scope, range), null],
    ["getCacheEfficiency", () => usage.getCacheEfficiency(scope, range), null],
    ["predictNextMonthUsage", () => usage.predictNextMonthUsage(scope, options.now), null],
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
    ],
  ];

  const rows = [];
  for (const [name, fromRollups, fromRaw] of cases) {
    const rollup = await options.time(fromRollups);
    // Raw scans take a second or more at a million calls: a few runs show the ratio.
    const raw = fromRaw && !process.env.BENCH_SKIP_RAW ? await options.time(fromRaw, 5, 1) : null;
    rows.push({
      function: name,
      "rollups median": options.ms(rollup.medianMs),
      "rollups p95": options.ms(rollup.p95Ms),
      "raw scan median": raw ? options.ms(raw.medianMs) : "–",
      "raw scan p95": raw ? options.ms(raw.p95Ms) : "–",
      "raw / rollups": raw ? `${(raw.medianMs / rollup.medianMs).toFixed(0)}×` : "–",
    });
  }
  return rows;
}
