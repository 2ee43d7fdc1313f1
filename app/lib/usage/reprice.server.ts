import type { APIUsageLog, PrismaClient } from "@prisma/client";
import type { PendingCall } from "./pending-call";
import { loadPriceOverrides } from "./price-overrides.server";
import { recordBudgetCrossings } from "~/lib/budget/index.server";
import { localDayOf, localHourOf } from "~/lib/time";
import { applyRollupEntries, priceOf, spendWrittenBy, type UsageRow } from "./usage-writer.server";

/**
 * Prices calls recorded while their model was unknown, once the catalog or an override knows it. Each call is
 * priced at the date it was made; in one transaction its row gets the price and its rollup contribution moves
 * from "unknown" to the price (taken out of its old rollup row, added to the right one: a long-context call
 * lands on a different row). A row is only updated while still unpriced, so running this twice changes nothing.
 */
function asPendingCall(row: APIUsageLog): PendingCall {
  return {
    ...row,
    status: row.status === "error" ? "error" : "success",
    timestamp: row.timestamp.toISOString(),
    callType: row.callType === "count_tokens" ? "count_tokens" : "messages",
  };
}

/**
 * The call's local hour in the shop's zone now; null when the zone has changed since the call was recorded (its local
 * day differs), so the hourly rollup is left as it was rather than moved to an hour the call was never counted under.
 */
function localHourIn(row: APIUsageLog, timeZone: string): number | null {
  return localDayOf(row.timestamp, timeZone) === row.localDay ? localHourOf(row.timestamp, timeZone) : null;
}

function asUsageRow(row: APIUsageLog, cost: UsageRow["cost"], savings: bigint | null, timeZone: string): UsageRow {
  return {
    ...asPendingCall(row),
    localDay: row.localDay,
    localHour: localHourIn(row, timeZone),
    cacheWriteTokens: row.cacheCreationInputTokens,
    totalTokens: row.totalTokens,
    cost,
    savings,
  };
}

export async function repriceUnpricedCalls(
  db: PrismaClient,
  batchSize = 500,
): Promise<{ priced: number; stillUnknown: number }> {
  let priced = 0;
  let stillUnknown = 0;
  let afterId = "";
  // Ids only grow, so each batch reads new rows; the bound (five million calls a run) holds whatever the data.
  for (let batches = 0; batches < 10_000; batches++) {
    const rows = await db.aPIUsageLog.findMany({
      where: { totalCostPicos: null, id: { gt: afterId } },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    if (rows.length === 0) break;
    afterId = rows[rows.length - 1]!.id;
    const shops = [...new Set(rows.map((row) => row.shop))];
    const overrides = await loadPriceOverrides(db, shops);
    const zones = new Map(
      (await db.shop.findMany({ where: { shop: { in: shops } }, select: { shop: true, ianaTimezone: true } })).map(
        (shop) => [shop.shop, shop.ianaTimezone],
      ),
    );
    const updates = rows.flatMap((row) => {
      const { cost, savings } = priceOf(asPendingCall(row), overrides(row.shop));
      return cost ? [{ row, cost, savings: savings ?? 0n }] : [];
    });
    stillUnknown += rows.length - updates.length;
    if (updates.length === 0) continue;
    await db.$transaction(async (tx) => {
      const moved = [];
      for (const { row, cost, savings } of updates) {
        const changed = await tx.aPIUsageLog.updateMany({
          where: { id: row.id, totalCostPicos: null },
          data: {
            inputCostPicos: cost.inputPicos,
            outputCostPicos: cost.outputPicos,
            cacheWriteCostPicos: cost.cacheWritePicos,
            cacheReadCostPicos: cost.cacheReadPicos,
            webSearchCostPicos: cost.webSearchPicos,
            totalCostPicos: cost.totalPicos,
            cacheSavingsPicos: savings,
            priceSource: cost.source,
            longContext: cost.longContext,
          },
        });
        if (changed.count === 0) continue;
        const zone = zones.get(row.shop) ?? "UTC";
        moved.push(
          { row: asUsageRow(row, null, null, zone), sign: -1 as const },
          { row: asUsageRow(row, cost, savings, zone), sign: 1 as const },
        );
      }
      await applyRollupEntries(tx, moved);
      await recordBudgetCrossings(tx, spendWrittenBy(moved.flatMap((entry) => (entry.sign === 1 ? [entry.row] : []))));
      priced += moved.length / 2;
    });
  }
  return { priced, stillUnknown };
}
