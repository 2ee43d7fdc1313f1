/**
 * The SQL that differs between SQLite and PostgreSQL (one version per database, docs/decisions/0016), and exact money
 * sums: a total beyond 2^63 pico-dollars is exact or refused with a clear error. The Prisma client itself is
 * app/db.server.ts.
 */
export { DIALECTS, dialect, sqlDateTime, type ColumnType, type SqlDialect } from "./sql-dialect.server";
export {
  AmountOutOfRangeError,
  INT64_MAX,
  assertInt64,
  bigintOf,
  isIntegerOverflow,
  refusingOverflow,
} from "./exact-sums.server";
