import type Anthropic from "@anthropic-ai/sdk";
import type { PrismaClient, Reconciliation } from "@prisma/client";
import { appUsageByDayAndModel } from "./app-figures.server";
import { anthropicUsageByDayAndModel } from "./anthropic-report.server";
import { compareUsage, type Comparison } from "./compare";

export interface ReconcileOptions {
  /** UTC days, inclusive (YYYY-MM-DD). */
  fromDay: string;
  toDay: string;
  /** Cost difference allowed per day and model, in pico-dollars; tokens and calls must match exactly. */
  tolerancePicos: bigint;
  /** When the run happened (stored with the result). */
  now?: Date;
}

export interface ReconcileResult extends Comparison {
  fromDay: string;
  toDay: string;
  tolerancePicos: bigint;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Compares the app's records with Anthropic's usage and cost report for the range, day by day and model by model,
 * and stores the outcome as the last reconciliation (shown by `operator report`).
 */
export async function reconcileWithAnthropic(
  db: PrismaClient,
  adminClient: Anthropic,
  options: ReconcileOptions,
): Promise<ReconcileResult> {
  const { fromDay, toDay, tolerancePicos } = options;
  if (!DAY.test(fromDay) || !DAY.test(toDay) || fromDay > toDay) {
    throw new RangeError(`--from and --to must be days (YYYY-MM-DD), from ≤ to; got ${fromDay} and ${toDay}`);
  }
  if (tolerancePicos < 0n) throw new RangeError("the tolerance cannot be negative");
  const [app, anthropic] = await Promise.all([
    appUsageByDayAndModel(db, fromDay, toDay),
    anthropicUsageByDayAndModel(adminClient, fromDay, toDay),
  ]);
  const comparison = compareUsage(app, anthropic, tolerancePicos);
  const result = { ...comparison, fromDay, toDay, tolerancePicos };
  await db.reconciliation.create({
    data: {
      ranAt: options.now ?? new Date(),
      fromDay,
      toDay,
      agreed: comparison.agreed,
      tolerancePicos,
      appCostPicos: comparison.appCostPicos,
      reportCostPicos: comparison.anthropicCostPicos,
      differences: comparison.rows.filter((row) => row.cause !== null).length,
      summary: JSON.stringify(summaryOf(result)),
    },
  });
  return result;
}

/** The differing rows, as stored (bigints as strings). */
function summaryOf(result: ReconcileResult) {
  return result.rows
    .filter((row) => row.cause !== null)
    .map((row) => ({
      day: row.day,
      model: row.model,
      cause: row.cause,
      differences: row.differences.map((entry) => ({
        figure: entry.figure,
        app: entry.app.toString(),
        anthropic: entry.anthropic.toString(),
        difference: entry.difference.toString(),
      })),
    }));
}

export async function lastReconciliation(db: PrismaClient): Promise<Reconciliation | null> {
  return db.reconciliation.findFirst({ orderBy: [{ ranAt: "desc" }, { id: "desc" }] });
}
