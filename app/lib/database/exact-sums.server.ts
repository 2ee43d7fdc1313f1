/**
 * Money is bigint pico-dollars in 64-bit integer columns (decision 0004). A total beyond 2^63 - 1 pico-dollars (about
 * $9.2 million) is exact or refused with a clear error, never wrong (docs/decisions/0016): PostgreSQL sums bigint
 * exactly (a numeric) and refuses to store an overflowing bigint; SQLite's sum() refuses with "integer overflow", and
 * the app's own additions in SQLite go through sum() (SqlDialect.checkedAdd). This turns those refusals into one
 * error that says what happened.
 */
export const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

export class AmountOutOfRangeError extends Error {
  override name = "AmountOutOfRangeError";
  constructor(what: string, cause?: unknown) {
    super(
      `${what}: a total beyond 9,223,372,036,854,775,807 pico-dollars (about $9.2 million), the most a 64-bit ` +
        "integer column holds. Nothing was stored or shown wrong; narrow the range (or, for the operator's all-shops " +
        "figures on SQLite, report per shop).",
      { cause },
    );
  }
}

const OVERFLOW =
  /integer overflow|integer out of range|bigint out of range|out of range for type bigint|numeric field overflow/i;

/** Whether a database error is a 64-bit integer refusing to overflow. */
export function isIntegerOverflow(error: unknown): boolean {
  return error instanceof Error && OVERFLOW.test(error.message);
}

/** Runs `query`; a 64-bit overflow in it becomes an AmountOutOfRangeError that names `what`. */
export async function refusingOverflow<T>(what: string, query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    if (isIntegerOverflow(error)) throw new AmountOutOfRangeError(what, error);
    throw error;
  }
}

/** Refuses an amount a 64-bit integer column cannot hold (SQLite would clamp it when casting). */
export function assertInt64(value: bigint, what: string): bigint {
  if (value > INT64_MAX || value < INT64_MIN) throw new AmountOutOfRangeError(what);
  return value;
}

/** A sum the database returned as text (or a number for a count): exact as a bigint. */
export function bigintOf(value: unknown): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === "bigint") return value;
  if (typeof value === "number") return BigInt(value);
  return BigInt(String(value));
}
