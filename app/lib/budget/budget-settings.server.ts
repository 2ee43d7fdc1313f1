import { Prisma } from "@prisma/client";
import prisma, { type Db } from "~/db.server";
import { bigintOf, dialect, refusingOverflow } from "~/lib/database/index.server";
import { usd } from "~/lib/format";
import { currentMonthToDate, addDays, formatDay, monthKeyOf, monthOf, type LocalDay } from "~/lib/time";

/**
 * The budget hook: a shop with a hard monthly cap that has spent its budget gets no new Claude calls until
 * the next local month or a higher budget. The check reads the month's rollups, so it costs one indexed query;
 * the shop's budget settings are cached briefly because they are read before every call.
 */
export class BudgetExceededError extends Error {
  override name = "BudgetExceededError";
  constructor(
    readonly shop: string,
    readonly budgetPicos: bigint,
    readonly spentPicos: bigint,
    /** The local day the cap lifts (the first of next month). */
    readonly resetsOn: LocalDay,
    /** What the refused call could have cost at most, when the budget is not used up but that would not fit. */
    readonly callBoundPicos: bigint | null = null,
  ) {
    super(
      spentPicos >= budgetPicos || callBoundPicos === null
        ? `This month's AI budget of ${usd(budgetPicos)} is used up (${usd(spentPicos)} spent). ` +
            `New Claude calls are paused until ${formatDay(resetsOn, true)}, or until the budget is raised.`
        : `This month's AI budget of ${usd(budgetPicos)} has ${usd(budgetPicos - spentPicos)} left ` +
            `(${usd(spentPicos)} spent or held by calls in progress), less than this Claude call could cost ` +
            `(up to ${usd(callBoundPicos)}). It was not sent. Calls that could pass the budget are paused until ` +
            `${formatDay(resetsOn, true)}, or until the budget is raised.`,
    );
  }
}

export interface BudgetSettings {
  monthlyBudgetPicos: bigint | null;
  hardCap: boolean;
  timeZone: string;
}

const SETTINGS_TTL_MS = 5_000;
const settingsCache = new Map<string, { settings: BudgetSettings; expires: number }>();

/**
 * The shop's budget settings and time zone as one row (`budget`, `hardCap`, `timeZone`, all text): read alone by
 * `readBudgetSettings`, or as part of a page's statement.
 */
export function budgetSettingsSql(shop: string): Prisma.Sql {
  return Prisma.sql`SELECT CAST("monthlyBudgetPicos" AS TEXT) AS "budget",
      CASE WHEN "budgetHardCap" THEN 'yes' ELSE 'no' END AS "hardCap", "ianaTimezone" AS "timeZone"
    FROM "Shop" WHERE "shop" = ${shop}`;
}

/** The settings of a `budgetSettingsSql` row; without one (a shop not installed yet), no budget, in UTC. */
export function budgetSettingsOf(
  row: { budget: string | null; hardCap: string | null; timeZone: string | null } | undefined,
): BudgetSettings {
  return {
    monthlyBudgetPicos: row?.budget == null ? null : BigInt(row.budget),
    hardCap: row?.hardCap === "yes",
    timeZone: row?.timeZone ?? "UTC",
  };
}

/**
 * The shop's budget settings and time zone as stored now, without the cache, in plain SQL (Prisma's query compiler
 * costs more than this one-row read).
 */
export async function readBudgetSettings(shop: string): Promise<BudgetSettings> {
  const [row] = await prisma.$queryRaw<Array<{ budget: string | null; hardCap: string; timeZone: string }>>(
    budgetSettingsSql(shop),
  );
  return budgetSettingsOf(row);
}

export async function getBudgetSettings(shop: string): Promise<BudgetSettings> {
  const cached = settingsCache.get(shop);
  if (cached && cached.expires > Date.now()) return cached.settings;
  const settings = await readBudgetSettings(shop);
  settingsCache.set(shop, { settings, expires: Date.now() + SETTINGS_TTL_MS });
  return settings;
}

export class InvalidBudgetError extends Error {
  override name = "InvalidBudgetError";
}

/** Sets (or clears, with null) the shop's monthly budget and whether it is a hard cap. */
export async function storeBudgetSettings(
  shop: string,
  update: { monthlyBudgetPicos: bigint | null; hardCap: boolean },
): Promise<void> {
  if (update.monthlyBudgetPicos !== null && update.monthlyBudgetPicos <= 0n) {
    throw new InvalidBudgetError("The monthly budget must be more than $0");
  }
  const result = await prisma.shop.updateMany({
    where: { shop },
    data: {
      monthlyBudgetPicos: update.monthlyBudgetPicos,
      budgetHardCap: update.monthlyBudgetPicos !== null && update.hardCap,
    },
  });
  if (result.count === 0) throw new InvalidBudgetError(`Unknown shop ${shop}`);
  settingsCache.delete(shop);
}

/**
 * The shop's written spend over a range of its local days, as an exact decimal text (null: none): one SELECT that
 * other statements put in a UNION beside what they read with it. From the day totals: a row per day rather than a
 * row per day and key (the hard cap reads this before every Claude call).
 */
export function rollupSpendSql(shop: string, from: LocalDay, to: LocalDay): Prisma.Sql {
  return Prisma.sql`SELECT CAST(SUM("costPicos") AS TEXT) FROM "UsageDailyTotal"
    WHERE "shop" = ${shop} AND "day" >= ${from} AND "day" <= ${to}`;
}

/** What the shop's written calls cost over a range of its local days (exact; AmountOutOfRangeError past 2^63). */
export async function rollupSpendPicos(db: Db, shop: string, from: LocalDay, to: LocalDay): Promise<bigint> {
  const [row] = await refusingOverflow("Summing the month's spend", () =>
    db.$queryRaw<Array<{ spent: string | null }>>(Prisma.sql`SELECT (${rollupSpendSql(shop, from, to)}) AS "spent"`),
  );
  return bigintOf(row?.spent);
}

/** What the shop has spent in its current local month (priced calls; unknown-price calls count $0 here). */
export async function monthToDateSpendPicos(shop: string, timeZone: string, now: Date = new Date()): Promise<bigint> {
  const month = currentMonthToDate(now, timeZone);
  return rollupSpendPicos(prisma, shop, month.from, month.to);
}

let unwrittenSpend: ((shop: string, reserved: ReadonlySet<string>) => bigint) | null = null;

/**
 * The spend this process has recorded but not yet written (the usage writer groups calls into transactions), so the
 * cap counts it at once. Registered by the usage tracker. Calls whose ids are in `reserved` are left out: their
 * reservation (settled to their cost) counts them, in every process, until the writer deletes it with their row.
 */
export function countUnwrittenSpend(spend: (shop: string, reserved: ReadonlySet<string>) => bigint): void {
  unwrittenSpend = spend;
}

/** The shop's local month at `now`: its days so far, its key ("YYYY-MM") and the day the cap lifts. */
export function budgetMonthOf(now: Date, timeZone: string) {
  const month = currentMonthToDate(now, timeZone);
  return { ...month, key: monthKeyOf(month.from), resetsOn: addDays(monthOf(month.from).to, 1) };
}

/**
 * What counts against the cap now: the month's written spend (rollups), its unexpired reservations (calls in flight or
 * not yet written, in any process) and this process's unwritten calls that hold no reservation. Each call counts once:
 * the writer deletes a call's reservation in the transaction that adds it to the rollups, and both are read in one
 * statement (one snapshot on PostgreSQL, where each statement of a transaction sees the latest commits), so a write
 * committing between two reads cannot make a call count nowhere.
 */
export async function committedSpendPicos(db: Db, shop: string, timeZone: string, now: Date): Promise<bigint> {
  const month = budgetMonthOf(now, timeZone);
  const rows = await refusingOverflow("Summing the month's spend", () =>
    db.$queryRaw<Array<{ id: string | null; amount: string | null }>>(
      Prisma.sql`SELECT NULL AS "id", (${rollupSpendSql(shop, month.from, month.to)}) AS "amount"
       UNION ALL
       SELECT "id", CAST("amountPicos" AS TEXT) AS "amount" FROM "BudgetReservation"
       WHERE "shop" = ${shop} AND "monthKey" = ${month.key} AND "expiresAt" > ${dialect.instant(now)}`,
    ),
  );
  const reserved = new Set(rows.flatMap((row) => (row.id === null ? [] : [row.id])));
  const total = rows.reduce((sum, row) => sum + bigintOf(row.amount), 0n);
  return total + (unwrittenSpend?.(shop, reserved) ?? 0n);
}

/** Throws BudgetExceededError, before any request is sent, when the shop's hard cap is reached. */
export async function assertWithinBudget(shop: string, now: Date = new Date()): Promise<void> {
  const settings = await getBudgetSettings(shop);
  if (!settings.hardCap || settings.monthlyBudgetPicos === null) return;
  const spent = await committedSpendPicos(prisma, shop, settings.timeZone, now);
  if (spent < settings.monthlyBudgetPicos) return;
  throw new BudgetExceededError(
    shop,
    settings.monthlyBudgetPicos,
    spent,
    budgetMonthOf(now, settings.timeZone).resetsOn,
  );
}
