import { Prisma, type PrismaClient } from "@prisma/client";
import { dialect, refusingOverflow } from "~/lib/database/index.server";
import { resolveModel } from "~/lib/pricing";
import type { DayModelFigures } from "./compare";

/** The catalog's canonical id for a model name (a dated id and its alias compare as one), else the name. */
export function canonicalModel(model: string): string {
  return resolveModel(model)?.id ?? model;
}

/** Sums come back as text, so that no total passes through a floating-point number. */
interface Row {
  day: string;
  model: string;
  calls: string;
  uncached: string;
  write5m: string;
  write1h: string;
  read: string;
  output: string;
  searches: string;
  cost: string;
  unpriced: string;
}

/**
 * What the app recorded, per UTC day (of the call's timestamp, not the shop's local day) and model, from the raw
 * call records (so the range must be within USAGE_RETENTION_DAYS). Counted: Messages calls that reached the model —
 * successes, and failures that billed tokens (an aborted stream). Not counted: answers from the app's own cache and
 * token counts (no Claude usage is billed for either), and refused calls with no tokens (a 429 bills nothing).
 */
export async function appUsageByDayAndModel(
  db: PrismaClient,
  fromDay: string,
  toDay: string,
): Promise<DayModelFigures[]> {
  const from = dialect.instant(`${fromDay}T00:00:00Z`);
  const until = dialect.instant(new Date(Date.parse(`${toDay}T00:00:00Z`) + 86_400_000));
  const day = Prisma.raw(dialect.utcDay('"timestamp"'));
  const rows = await refusingOverflow("Summing the app's usage for reconciliation", () =>
    db.$queryRaw<Row[]>(
      Prisma.sql`SELECT ${day} AS day, "model" AS model, CAST(COUNT(*) AS TEXT) AS calls,
       CAST(SUM("inputTokens") AS TEXT) AS uncached, CAST(SUM("cacheCreation5mTokens") AS TEXT) AS write5m,
       CAST(SUM("cacheCreation1hTokens") AS TEXT) AS write1h, CAST(SUM("cacheReadInputTokens") AS TEXT) AS read,
       CAST(SUM("outputTokens") AS TEXT) AS output, CAST(SUM("webSearchRequests") AS TEXT) AS searches,
       CAST(COALESCE(SUM("totalCostPicos"), 0) AS TEXT) AS cost,
       CAST(SUM(CASE WHEN "totalCostPicos" IS NULL THEN 1 ELSE 0 END) AS TEXT) AS unpriced
     FROM "APIUsageLog"
     WHERE "timestamp" >= ${from} AND "timestamp" < ${until} AND "cached" = ${dialect.bool(false)}
       AND "callType" = 'messages'
       AND ("status" = 'success' OR "inputTokens" > 0 OR "outputTokens" > 0 OR "cacheCreation5mTokens" > 0
            OR "cacheCreation1hTokens" > 0 OR "cacheReadInputTokens" > 0)
     GROUP BY ${day}, "model"`,
    ),
  );
  return rows.map((row) => ({
    day: row.day,
    model: canonicalModel(row.model),
    figures: {
      calls: BigInt(row.calls),
      uncachedInputTokens: BigInt(row.uncached),
      cacheWrite5mTokens: BigInt(row.write5m),
      cacheWrite1hTokens: BigInt(row.write1h),
      cacheReadTokens: BigInt(row.read),
      outputTokens: BigInt(row.output),
      webSearchRequests: BigInt(row.searches),
      costPicos: BigInt(row.cost),
      unpricedCalls: BigInt(row.unpriced),
    },
  }));
}
