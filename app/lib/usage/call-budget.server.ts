import prisma from "~/db.server";
import {
  RESERVATION_TTL_MS,
  callCostBoundPicos,
  releaseReservation,
  reserveBudget,
  settleReservation,
} from "~/lib/budget/index.server";
import type { PriceOverride } from "~/lib/pricing";
import type { PendingCall } from "./pending-call";
import { loadPriceOverrides } from "./price-overrides.server";
import { priceOf } from "./usage-writer.server";

/** A call's hold on the shop's hard cap (docs/decisions/0017). */
export interface BudgetHold {
  /** The call ended and was recorded as `call`: its reservation now holds its real cost. */
  settle(call: PendingCall): void;
  /** Nothing was sent: nothing to hold. */
  release(): void;
}

type BoundedRequest = Parameters<typeof callCostBoundPicos>[0];

export interface HoldOptions {
  /** Sent through the Message Batches API (half price). */
  batch?: boolean;
  now?: Date;
  ttlMs?: number;
}

function logged(what: string) {
  return (error: unknown) =>
    console.error(`budget: could not ${what} a reservation (${error instanceof Error ? error.message : error})`);
}

/**
 * Reserves the most each call can cost (at the shop's negotiated prices where it has them), under its usage record's
 * id, before anything is sent; throws BudgetExceededError when they do not fit under the shop's hard cap. Null when
 * the shop has no hard cap. A settle or release that fails is logged: the reservation then expires.
 */
export async function holdBudget(
  shop: string,
  calls: ReadonlyArray<{ id: string; request: BoundedRequest }>,
  { batch = false, now = new Date(), ttlMs = RESERVATION_TTL_MS }: HoldOptions = {},
): Promise<Map<string, BudgetHold> | null> {
  let overrides: readonly PriceOverride[] = [];
  const reservations = await reserveBudget(
    shop,
    async () => {
      overrides = (await loadPriceOverrides(prisma, [shop]))(shop);
      return calls.map(({ id, request }) => ({
        id,
        model: request.model,
        boundPicos: callCostBoundPicos(request, { at: now, batch, overrides }),
      }));
    },
    { now, ttlMs },
  );
  if (!reservations) return null;
  return new Map(
    reservations.map(({ id, amountPicos }) => [
      id,
      {
        settle(call) {
          const cost = priceOf(call, overrides).cost?.totalPicos ?? amountPicos;
          void settleReservation(id, cost).catch(logged("settle"));
        },
        release() {
          void releaseReservation(id).catch(logged("release"));
        },
      },
    ]),
  );
}

/** One call's hold (see holdBudget). */
export async function holdCallBudget(
  shop: string,
  id: string,
  request: BoundedRequest,
  options?: HoldOptions,
): Promise<BudgetHold | null> {
  return (await holdBudget(shop, [{ id, request }], options))?.get(id) ?? null;
}
