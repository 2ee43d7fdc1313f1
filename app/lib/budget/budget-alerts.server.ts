import type { BudgetAlert } from "@prisma/client";
import prisma from "~/db.server";
import { formatUsd } from "~/lib/money";
import { getBudgetSettings, monthToDateSpendPicos } from "./budget-settings.server";
import { addDays, localDateTimeOf, localDayOf, monthKeyOf, monthOf, type LocalDay, formatDay } from "~/lib/time";

/**
 * Budget warnings at 80, 90 and 100 % of the month's spend.
 *
 * Where crossings are detected: in the loaders of the pages a merchant watches (Home, AI usage, Budget), from
 * the month's rollups, and again on every 10-second live refresh. The tracker's hot path stays untouched, and a
 * crossing is seen within seconds while the app is open (or on the next visit, which is when a toast can be seen
 * at all). Each crossing is one `BudgetAlert` row, unique per (shop, local month, threshold): loading a page
 * twice, two tabs at once or a reload record it once. The first page load that finds a row not yet notified
 * claims it (a conditional update only one request can win) and shows the toast, so a reload does not toast
 * again. A new local month has a new month key, so the warnings start over.
 */
export const BUDGET_THRESHOLDS = [80, 90, 100] as const;
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
export async function getBudgetStatus(shop: string, now: Date = new Date()): Promise<BudgetStatus> {
  const settings = await getBudgetSettings(shop);
  const today = localDayOf(now, settings.timeZone);
  const spentPicos = await monthToDateSpendPicos(shop, settings.timeZone, now);
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

/** The toast a page shows for crossings it claimed: one message, for the highest threshold among them. */
export interface BudgetToast {
  /** Stable for the claimed alerts, so a page re-rendering the same data does not show it twice. */
  id: string;
  threshold: BudgetThreshold;
  message: string;
  isError: boolean;
}

export function budgetToastFor(
  threshold: BudgetThreshold,
  status: Pick<BudgetStatus, "budgetPicos" | "hardCap" | "resetsOn">,
): Omit<BudgetToast, "id"> {
  const budget = formatUsd(status.budgetPicos ?? 0n, 2);
  if (threshold < 100) {
    return { threshold, message: `AI spend reached ${threshold}% of this month's ${budget} budget`, isError: false };
  }
  const message = status.hardCap
    ? `AI budget of ${budget} used up: new Claude calls are paused until ${formatDay(status.resetsOn, true)}`
    : `AI spend reached this month's ${budget} budget`;
  return { threshold, message, isError: true };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/** Records the thresholds reached this month that have no row yet (a concurrent request may win the insert). */
async function recordCrossings(shop: string, status: BudgetStatus, now: Date): Promise<void> {
  const reached = thresholdsReached(status.spentPicos, status.budgetPicos);
  if (reached.length === 0 || status.budgetPicos === null) return;
  const existing = await prisma.budgetAlert.findMany({
    where: { shop, monthKey: status.monthKey },
    select: { threshold: true },
  });
  const known = new Set(existing.map((row) => row.threshold));
  for (const threshold of reached.filter((candidate) => !known.has(candidate))) {
    try {
      await prisma.budgetAlert.create({
        data: {
          shop,
          monthKey: status.monthKey,
          threshold,
          budgetPicos: status.budgetPicos,
          spentPicos: status.spentPicos,
          crossedAt: now,
        },
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
}

/** Marks this month's not-yet-notified alerts as notified; returns the ones this request won. */
async function claimUnnotified(shop: string, monthKey: string, now: Date): Promise<BudgetAlert[]> {
  const pending = await prisma.budgetAlert.findMany({ where: { shop, monthKey, notifiedAt: null } });
  const claimed: BudgetAlert[] = [];
  for (const alert of pending) {
    const won = await prisma.budgetAlert.updateMany({
      where: { id: alert.id, notifiedAt: null },
      data: { notifiedAt: now },
    });
    if (won.count === 1) claimed.push({ ...alert, notifiedAt: now });
  }
  return claimed;
}

/**
 * For a page load: the budget status, with any new crossing recorded, and the toast to show if this load is the
 * first to see one (null otherwise). Several thresholds crossed at once give one toast, for the highest.
 */
export async function checkBudgetAlerts(
  shop: string,
  now: Date = new Date(),
): Promise<{ status: BudgetStatus; toast: BudgetToast | null }> {
  const status = await getBudgetStatus(shop, now);
  await recordCrossings(shop, status, now);
  const claimed = await claimUnnotified(shop, status.monthKey, now);
  if (claimed.length === 0) return { status, toast: null };
  const highest = claimed.reduce((top, alert) => (alert.threshold > top.threshold ? alert : top));
  const toast = budgetToastFor(highest.threshold as BudgetThreshold, { ...status, budgetPicos: highest.budgetPicos });
  return { status, toast: { id: `budget-alert-${claimed.map((alert) => alert.id).join("-")}`, ...toast } };
}

/** The shop's recorded crossings, newest first. */
export async function listBudgetAlerts(shop: string, limit = 36): Promise<BudgetAlert[]> {
  return prisma.budgetAlert.findMany({
    where: { shop },
    orderBy: [{ monthKey: "desc" }, { threshold: "desc" }],
    take: limit,
  });
}

/** The status as a loader sends it (money as decimal strings of pico-dollars). */
export function budgetStatusToJson(status: BudgetStatus) {
  return {
    ...status,
    budgetPicos: status.budgetPicos === null ? null : status.budgetPicos.toString(),
    spentPicos: status.spentPicos.toString(),
  };
}
export type BudgetStatusJson = ReturnType<typeof budgetStatusToJson>;

/** The history as a loader sends it: money as pico strings, times in the shop's local wall-clock time. */
export function budgetAlertsToJson(alerts: BudgetAlert[], timeZone: string) {
  return alerts.map((alert) => ({
    id: alert.id,
    monthKey: alert.monthKey,
    threshold: alert.threshold,
    budgetPicos: alert.budgetPicos.toString(),
    spentPicos: alert.spentPicos.toString(),
    crossedAt: localDateTimeOf(alert.crossedAt, timeZone),
    notifiedAt: alert.notifiedAt ? localDateTimeOf(alert.notifiedAt, timeZone) : null,
  }));
}
export type BudgetAlertJson = ReturnType<typeof budgetAlertsToJson>[number];
