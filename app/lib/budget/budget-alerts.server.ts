import { Prisma, type BudgetAlert } from "@prisma/client";
import prisma, { type Db } from "~/db.server";
import { bigintOf, dialect, refusingOverflow } from "~/lib/database/index.server";
import { usd } from "~/lib/format";
import type { Wire } from "~/lib/wire";
import {
  addDays,
  currentMonthToDate,
  formatDay,
  localDateTimeOf,
  localDayOf,
  monthKeyOf,
  monthOf,
  type LocalDay,
} from "~/lib/time";
import {
  getBudgetSettings,
  type BudgetSettings,
  monthToDateSpendPicos,
  rollupSpendPicos,
  rollupSpendSql,
  storeBudgetSettings,
} from "./budget-settings.server";
import { enqueueAlertDeliveries } from "./alert-delivery.server";

/**
 * Budget warnings at 80, 90 and 100 % of a local month's spend.
 *
 * A crossing is recorded where the spend that crosses it is written: in the usage writer's transaction, right after
 * the rollups it reads (and when a merchant lowers the budget below what is already spent, or a repriced call adds
 * cost). Each crossing is one `BudgetAlert` row, unique per (shop, local month, threshold), so a retried write or two
 * writers at once record it once. Pages only read: a page that finds alerts nobody has been shown asks, with a
 * POST, to claim them (a conditional update only one request can win) and shows the toast only if it won, so two
 * tabs or a reload toast once. A new local month has a new month key, so the warnings start over.
 */
const BUDGET_THRESHOLDS = [80, 90, 100] as const;
export type BudgetThreshold = (typeof BUDGET_THRESHOLDS)[number];

export interface BudgetStatus {
  /** The shop's current local month, "YYYY-MM". */
  monthKey: string;
  timeZone: string;
  budgetPicos: bigint | null;
  hardCap: boolean;
  /** This local month's spend so far (priced calls). */
  spentPicos: bigint;
  /** Spend as a percentage of the budget (two decimals), null without a budget. */
  usedPercent: number | null;
  /** The highest threshold the spend is at or over now, null below 80 % or without a budget. */
  reachedThreshold: BudgetThreshold | null;
  /** The first day of the next local month, when the month's spend (and a hard cap) starts over. */
  resetsOn: LocalDay;
}

/** The thresholds `spent` is at or over, lowest first. Exact: spent × 100 ≥ budget × threshold. */
export function thresholdsReached(spentPicos: bigint, budgetPicos: bigint | null): BudgetThreshold[] {
  if (budgetPicos === null || budgetPicos <= 0n) return [];
  return BUDGET_THRESHOLDS.filter((threshold) => spentPicos * 100n >= budgetPicos * BigInt(threshold));
}

function usedPercentOf(spentPicos: bigint, budgetPicos: bigint): number {
  return Number((spentPicos * 10_000n + budgetPicos / 2n) / budgetPicos) / 100;
}

/** Where the shop's spend stands against its budget now (reads only). */
async function getBudgetStatus(shop: string, now: Date = new Date()): Promise<BudgetStatus> {
  const settings = await getBudgetSettings(shop);
  return budgetStatusOf(settings, await monthToDateSpendPicos(shop, settings.timeZone, now), now);
}

function budgetStatusOf(settings: BudgetSettings, spentPicos: bigint, now: Date): BudgetStatus {
  const today = localDayOf(now, settings.timeZone);
  const budgetPicos = settings.monthlyBudgetPicos;
  const reached = thresholdsReached(spentPicos, budgetPicos);
  return {
    monthKey: monthKeyOf(today),
    timeZone: settings.timeZone,
    budgetPicos,
    hardCap: budgetPicos !== null && settings.hardCap,
    spentPicos,
    usedPercent: budgetPicos === null ? null : usedPercentOf(spentPicos, budgetPicos),
    reachedThreshold: reached.at(-1) ?? null,
    resetsOn: addDays(monthOf(today).to, 1),
  };
}

/** Spend that was just written: a shop, one of its local days, and when the latest of that spend happened. */
export interface SpendWritten {
  shop: string;
  day: LocalDay;
  at: Date;
}

/**
 * Records the thresholds that the month's spend now reaches for every (shop, local month) touched, inside the
 * transaction that wrote the spend, so the rollups it sums include it. Shops without a budget cost one query.
 */
export async function recordBudgetCrossings(tx: Db, written: readonly SpendWritten[]): Promise<void> {
  if (written.length === 0) return;
  const shops = [...new Set(written.map((entry) => entry.shop))];
  const budgets = await tx.shop.findMany({
    where: { shop: { in: shops }, monthlyBudgetPicos: { not: null } },
    select: { shop: true, monthlyBudgetPicos: true },
  });
  if (budgets.length === 0) return;
  const budgetOf = new Map(budgets.map((row) => [row.shop, row.monthlyBudgetPicos!]));
  const months = new Map<string, { shop: string; monthKey: string; at: Date }>();
  for (const entry of written) {
    if (!budgetOf.has(entry.shop)) continue;
    const monthKey = monthKeyOf(entry.day);
    const key = `${entry.shop}\u0000${monthKey}`;
    const seen = months.get(key);
    if (!seen || entry.at > seen.at) months.set(key, { shop: entry.shop, monthKey, at: entry.at });
  }
  for (const { shop, monthKey, at } of months.values()) {
    const month = monthOf(`${monthKey}-01`);
    const spent = await rollupSpendPicos(tx, shop, month.from, month.to);
    await insertCrossings(tx, shop, monthKey, budgetOf.get(shop)!, spent, at);
  }
}

async function insertCrossings(
  tx: Db,
  shop: string,
  monthKey: string,
  budgetPicos: bigint,
  spentPicos: bigint,
  at: Date,
): Promise<void> {
  for (const threshold of thresholdsReached(spentPicos, budgetPicos)) {
    // ON CONFLICT: another writer (or a retried batch) may have recorded this crossing first; the first one stands.
    // Only the writer that records it gets its id back, and queues its email and webhook deliveries (an outbox).
    const recorded = await tx.$queryRaw<Array<{ id: number | bigint }>>(
      Prisma.sql`INSERT INTO "BudgetAlert" ("shop", "monthKey", "threshold", "budgetPicos", "spentPicos", "crossedAt")
       VALUES (${shop}, ${monthKey}, ${threshold}, ${budgetPicos}, ${spentPicos}, ${dialect.instant(at)})
       ON CONFLICT ("shop", "monthKey", "threshold") DO NOTHING RETURNING "id"`,
    );
    for (const { id } of recorded) await enqueueAlertDeliveries(tx, Number(id), shop, at);
  }
}

/** After the budget changed: a lower budget may already be crossed by this month's spend. */
async function recordCrossingsForCurrentMonth(shop: string, now: Date = new Date()): Promise<void> {
  const status = await getBudgetStatus(shop, now);
  if (status.budgetPicos === null) return;
  await insertCrossings(prisma, shop, status.monthKey, status.budgetPicos, status.spentPicos, now);
}

/** Sets (or clears) the monthly budget; a budget lowered below this month's spend is crossed at once. */
export async function updateBudgetSettings(
  shop: string,
  update: { monthlyBudgetPicos: bigint | null; hardCap: boolean },
  now: Date = new Date(),
): Promise<void> {
  await storeBudgetSettings(shop, update);
  await recordCrossingsForCurrentMonth(shop, now);
}

/** The toast for crossings nobody has been shown yet: one message, for the highest threshold among them. */
export interface BudgetToast {
  /** The alerts it announces; a page claims them (POST) before showing it. */
  alertIds: number[];
  threshold: BudgetThreshold;
  message: string;
  isError: boolean;
}

function budgetToastFor(
  threshold: BudgetThreshold,
  status: Pick<BudgetStatus, "budgetPicos" | "hardCap" | "resetsOn">,
): Omit<BudgetToast, "alertIds"> {
  const budget = usd(status.budgetPicos ?? 0n);
  if (threshold < 100) {
    return { threshold, message: `AI spend reached ${threshold}% of this month's ${budget} budget`, isError: false };
  }
  const message = status.hardCap
    ? `AI budget of ${budget} used up: new Claude calls are paused until ${formatDay(status.resetsOn, true)}`
    : `AI spend reached this month's ${budget} budget`;
  return { threshold, message, isError: true };
}

function toastOf(
  alerts: ReadonlyArray<Pick<BudgetAlert, "id" | "threshold" | "budgetPicos">>,
  status: BudgetStatus,
): BudgetToast | null {
  if (alerts.length === 0) return null;
  const highest = alerts.reduce((top, alert) => (alert.threshold > top.threshold ? alert : top));
  const toast = budgetToastFor(highest.threshold as BudgetThreshold, { ...status, budgetPicos: highest.budgetPicos });
  return { alertIds: alerts.map((alert) => alert.id).sort((a, b) => a - b), ...toast };
}

/** A month's crossings no page has shown yet: its `id`, `threshold` and the budget it crossed, `amount`, as text. */
export function unshownBudgetAlertsSql(shop: string, monthKey: string): Prisma.Sql {
  return Prisma.sql`SELECT CAST("id" AS TEXT) AS "id", CAST("threshold" AS TEXT) AS "threshold",
      CAST("budgetPicos" AS TEXT) AS "amount" FROM "BudgetAlert"
    WHERE "shop" = ${shop} AND "monthKey" = ${monthKey} AND "notifiedAt" IS NULL`;
}

export interface UnshownBudgetAlertRow {
  id: string;
  threshold: string;
  amount: string;
}

/** The local month a page's budget figures are for ("YYYY-MM"). */
export function budgetMonthKey(settings: Pick<BudgetSettings, "timeZone">, now: Date): string {
  return monthKeyOf(currentMonthToDate(now, settings.timeZone).from);
}

/**
 * What a page shows of the budget: its status for the month's spend, and the toast for the crossings in `unshown`
 * (rows of `unshownBudgetAlertsSql`), which the page claims with `claimBudgetAlerts` before showing it.
 */
export function budgetAlertsOf(
  settings: BudgetSettings,
  spentPicos: bigint,
  unshown: readonly UnshownBudgetAlertRow[],
  now: Date,
): { status: BudgetStatus; toast: BudgetToast | null } {
  const status = budgetStatusOf(settings, spentPicos, now);
  const pending = unshown.map((row) => ({
    id: Number(row.id),
    threshold: Number(row.threshold),
    budgetPicos: BigInt(row.amount),
  }));
  return { status, toast: toastOf(pending, status) };
}

/**
 * For a page load (reads only): the budget status and the toast for this month's crossings that no page has shown
 * yet, which the page claims with `claimBudgetAlerts` before showing it.
 */
export async function readBudgetAlerts(
  shop: string,
  now: Date = new Date(),
): Promise<{ status: BudgetStatus; toast: BudgetToast | null }> {
  const settings = await getBudgetSettings(shop);
  const month = currentMonthToDate(now, settings.timeZone);
  // One statement for the month's spend and its unshown alerts: this runs on every page load.
  const rows = await refusingOverflow("Summing the month's spend", () =>
    prisma.$queryRaw<Array<UnshownBudgetAlertRow | { id: null; threshold: null; amount: string | null }>>(
      Prisma.sql`SELECT NULL AS "id", NULL AS "threshold", (${rollupSpendSql(shop, month.from, month.to)}) AS "amount"
        UNION ALL ${unshownBudgetAlertsSql(shop, monthKeyOf(month.from))}`,
    ),
  );
  const spent = bigintOf(rows.find((row) => row.id === null)?.amount);
  return budgetAlertsOf(
    settings,
    spent,
    rows.filter((row): row is UnshownBudgetAlertRow => row.id !== null),
    now,
  );
}

/** At most this many alert ids per claim: a month has three thresholds. */
export const MAX_CLAIMED_ALERTS = BUDGET_THRESHOLDS.length;

/**
 * Marks the shop's given alerts as shown (a POST from the page that is about to show them) and returns the toast
 * for the ones this request won; null when another tab or a reload was first. Other shops' ids change nothing.
 */
export async function claimBudgetAlerts(
  shop: string,
  alertIds: readonly number[],
  now: Date = new Date(),
): Promise<BudgetToast | null> {
  const ids = [...new Set(alertIds)].slice(0, MAX_CLAIMED_ALERTS);
  const pending = await prisma.budgetAlert.findMany({ where: { shop, id: { in: ids }, notifiedAt: null } });
  const claimed: BudgetAlert[] = [];
  for (const alert of pending) {
    const won = await prisma.budgetAlert.updateMany({
      where: { id: alert.id, shop, notifiedAt: null },
      data: { notifiedAt: now },
    });
    if (won.count === 1) claimed.push({ ...alert, notifiedAt: now });
  }
  if (claimed.length === 0) return null;
  return toastOf(claimed, await getBudgetStatus(shop, now));
}

/** The shop's recorded crossings, newest first. */
export async function listBudgetAlerts(shop: string, limit = 36): Promise<BudgetAlert[]> {
  return prisma.budgetAlert.findMany({
    where: { shop },
    orderBy: [{ monthKey: "desc" }, { threshold: "desc" }],
    take: limit,
  });
}

/** The status as a page receives it. */
export type BudgetStatusJson = Wire<BudgetStatus>;

/** The history as the budget page shows it: times in the shop's local wall-clock time. */
export function budgetHistoryOf(alerts: BudgetAlert[], timeZone: string) {
  return alerts.map((alert) => ({
    id: alert.id,
    monthKey: alert.monthKey,
    threshold: alert.threshold,
    budgetPicos: alert.budgetPicos,
    spentPicos: alert.spentPicos,
    crossedAt: localDateTimeOf(alert.crossedAt, timeZone),
    notifiedAt: alert.notifiedAt ? localDateTimeOf(alert.notifiedAt, timeZone) : null,
  }));
}
export type BudgetAlertJson = Wire<ReturnType<typeof budgetHistoryOf>[number]>;
