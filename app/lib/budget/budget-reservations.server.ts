import { Prisma } from "@prisma/client";
import prisma, { SQLITE_BUSY_TIMEOUT_MS } from "~/db.server";
import { dialect } from "~/lib/database/index.server";
import { usd } from "~/lib/format";
import { BudgetExceededError, budgetMonthOf, committedSpendPicos, getBudgetSettings } from "./budget-settings.server";

/**
 * Reservations hold the hard cap across concurrent calls and processes (docs/decisions/0017): before a call is sent, a
 * bound on its cost is reserved under a per-shop lock, against the month's spend plus every other reservation; the
 * call's end settles it to the real cost; the usage writer deletes it in the transaction that writes the call's row.
 */

/** How long a call's reservation counts: longer than any request (the SDK gives up after 10 minutes). */
export const RESERVATION_TTL_MS = 15 * 60_000;
/** A batch's: its results can take up to 24 hours, and are recorded by the next poll after that. */
export const BATCH_RESERVATION_TTL_MS = 26 * 60 * 60_000;

/** A call to a model with no known price while the shop has a hard cap: its cost could not be held against it. */
export class UnpricedCallRefusedError extends BudgetExceededError {
  override name = "UnpricedCallRefusedError";
  constructor(
    shop: string,
    budgetPicos: bigint,
    spentPicos: bigint,
    resetsOn: BudgetExceededError["resetsOn"],
    readonly model: string,
  ) {
    super(shop, budgetPicos, spentPicos, resetsOn);
    this.message =
      `${model} has no known price, so its cost cannot be held against this month's AI budget of ` +
      `${usd(budgetPicos)}: the call was not sent. Use a model with a price, or turn off the hard cap.`;
  }
}

/** A call to hold budget for: its id (the usage record's), model, and bound (null: its price is unknown). */
export interface ReservationRequest {
  id: string;
  model: string;
  boundPicos: bigint | null;
}

export interface BudgetReservation {
  id: string;
  shop: string;
  amountPicos: bigint;
}

export interface ReserveOptions {
  now?: Date;
  ttlMs?: number;
}

/**
 * Reserves each call's bound (the most it can cost) under its call id, or throws BudgetExceededError (nothing is
 * reserved; the caller sends nothing) when the month's spend, the other reservations and these would pass the hard
 * cap. Calls reserved together (a batch's requests) fit together or not at all. Null when the shop has no hard cap:
 * nothing to hold. `calls` is asked for only when a cap is set (pricing the bound may read negotiated prices).
 */
export async function reserveBudget(
  shop: string,
  calls: () => Promise<readonly ReservationRequest[]> | readonly ReservationRequest[],
  { now = new Date(), ttlMs = RESERVATION_TTL_MS }: ReserveOptions = {},
): Promise<BudgetReservation[] | null> {
  const settings = await getBudgetSettings(shop);
  const budget = settings.monthlyBudgetPicos;
  if (!settings.hardCap || budget === null) return null;
  const month = budgetMonthOf(now, settings.timeZone);
  const requests = await calls();
  const reservations = requests.map(({ id, boundPicos }) => ({ id, shop, amountPicos: boundPicos ?? 0n }));
  const total = reservations.reduce((sum, reservation) => sum + reservation.amountPicos, 0n);
  const unpriced = requests.find((request) => request.boundPicos === null);
  return prisma.$transaction(
    async (tx) => {
      // The shop's lock first, with a write: PostgreSQL locks the row until commit; SQLite's first write takes the
      // database's write lock (a read first would fail with SQLITE_BUSY instead of waiting). A transaction's SQLite
      // connection is a fresh one, so it is told to wait here too.
      if (dialect.provider === "sqlite") await tx.$queryRawUnsafe(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      await tx.$executeRaw(Prisma.sql`UPDATE "Shop" SET "shop" = "shop" WHERE "shop" = ${shop}`);
      const committed = await committedSpendPicos(tx, shop, settings.timeZone, now);
      if (unpriced) throw new UnpricedCallRefusedError(shop, budget, committed, month.resetsOn, unpriced.model);
      if (committed + total > budget) throw new BudgetExceededError(shop, budget, committed, month.resetsOn, total);
      const expiresAt = new Date(now.getTime() + ttlMs);
      await tx.budgetReservation.createMany({
        data: reservations.map((reservation) => ({ ...reservation, monthKey: month.key, expiresAt })),
      });
      return reservations;
    },
    { maxWait: 30_000, timeout: 30_000 },
  );
}

/** The call ended: its reservation holds its real cost until the writer replaces it with the call's row. */
export async function settleReservation(id: string, costPicos: bigint): Promise<void> {
  await prisma.budgetReservation.updateMany({ where: { id }, data: { amountPicos: costPicos, settled: true } });
}

/** A reservation whose call was never sent (its request failed to build): nothing to hold. */
/**
 * Deletes reservations that expired (a process that died mid-call, a record set aside): they already count for
 * nothing, and the daily prune keeps the table from growing with them. Returns how many went.
 */
export async function pruneExpiredReservations(now: Date = new Date()): Promise<number> {
  const { count } = await prisma.budgetReservation.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}

export async function releaseReservation(id: string): Promise<void> {
  await prisma.budgetReservation.deleteMany({ where: { id } });
}
