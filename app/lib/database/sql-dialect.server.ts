import { Prisma } from "@prisma/client";
import { databaseProvider, type DatabaseProvider } from "~/db.server";

/**
 * The few places where the app's raw SQL must differ between SQLite and PostgreSQL, each written once per database
 * (docs/decisions/0016). Everything else in raw SQL is written once: Prisma's tagged `Prisma.sql` numbers the
 * placeholders for the database (`?` on SQLite, `$1` on PostgreSQL).
 *
 * - Rows travel as one JSON array per statement (thousands of rows without thousands of bound parameters):
 *   `json_each(?)` on SQLite, `jsonb_array_elements($1::jsonb)` on PostgreSQL. SQLite's column affinity takes each
 *   element as it comes; PostgreSQL needs each one cast to its column's type.
 * - Money is 64-bit (bigint pico-dollars) in both. No total may wrap: PostgreSQL's bigint arithmetic refuses to
 *   overflow and its SUM of bigint is an exact numeric; SQLite's `+` silently turns an overflowing integer into a
 *   float, so additions go through `sum()`, which raises "integer overflow" instead. Sums come back as text, so no
 *   total passes through a JavaScript number or a float.
 * - Booleans are 0/1 in SQLite and true/false in PostgreSQL; DateTime is ISO-8601 text in SQLite (as Prisma's libSQL
 *   adapter writes it) and `timestamp(3)` (UTC) in PostgreSQL.
 */
export type ColumnType = "text" | "int" | "bigint" | "bool" | "instant";

const PG_TYPES: Record<ColumnType, string> = {
  text: "text",
  int: "integer",
  bigint: "bigint",
  bool: "boolean",
  instant: "timestamptz",
};

export interface SqlDialect {
  provider: DatabaseProvider;
  /** `FROM` this: one row per element of the JSON array `json`, the element named `value`. */
  jsonRows(json: string): Prisma.Sql;
  /** Element `index` of a row of `jsonRows`, as a value of `type`. */
  element(index: number, type: ColumnType): Prisma.Sql;
  /** A subquery of the strings in the JSON array `json` (for `IN (…)`). */
  jsonStrings(json: string): Prisma.Sql;
  /** `a + b` for 64-bit integers that raises an error instead of wrapping or turning into a float. */
  checkedAdd(a: string, b: string): string;
  /** The smaller of two values. */
  least(a: string, b: string): string;
  /** A boolean literal. */
  bool(value: boolean): Prisma.Sql;
  /** An instant as a parameter comparable with (and storable in) a DateTime column. */
  instant(value: Date | string): Prisma.Sql;
  /** The UTC calendar day (YYYY-MM-DD) of a DateTime column. */
  utcDay(column: string): string;
}

/** An instant as Prisma keeps DateTime in SQLite (ISO-8601 text with an explicit offset), for raw SQL that writes one. */
export function sqlDateTime(instant: Date | string): string {
  return new Date(instant).toISOString().replace("Z", "+00:00");
}

const sqlite: SqlDialect = {
  provider: "sqlite",
  jsonRows: (json) => Prisma.sql`json_each(${json})`,
  element: (index, type) =>
    type === "bigint" ? Prisma.raw(`CAST(value ->> ${index} AS INTEGER)`) : Prisma.raw(`value ->> ${index}`),
  jsonStrings: (json) => Prisma.sql`SELECT value FROM json_each(${json})`,
  checkedAdd: (a, b) => `(SELECT sum(term) FROM (SELECT ${a} AS term UNION ALL SELECT ${b}))`,
  least: (a, b) => `MIN(${a}, ${b})`,
  bool: (value) => Prisma.raw(value ? "1" : "0"),
  instant: (value) => Prisma.sql`${sqlDateTime(value)}`,
  utcDay: (column) => `substr(${column}, 1, 10)`,
};

const postgresql: SqlDialect = {
  provider: "postgresql",
  jsonRows: (json) => Prisma.sql`jsonb_array_elements(${json}::jsonb) AS elements(value)`,
  element: (index, type) =>
    type === "instant"
      ? Prisma.raw(`((value ->> ${index})::timestamptz AT TIME ZONE 'UTC')`)
      : Prisma.raw(`(value ->> ${index})::${PG_TYPES[type]}`),
  jsonStrings: (json) => Prisma.sql`SELECT jsonb_array_elements_text(${json}::jsonb)`,
  checkedAdd: (a, b) => `${a} + ${b}`,
  least: (a, b) => `LEAST(${a}, ${b})`,
  bool: (value) => Prisma.raw(value ? "true" : "false"),
  instant: (value) => Prisma.sql`(${new Date(value).toISOString()}::timestamptz AT TIME ZONE 'UTC')`,
  utcDay: (column) => `to_char(${column}, 'YYYY-MM-DD')`,
};

export const DIALECTS: Record<DatabaseProvider, SqlDialect> = { sqlite, postgresql };

/** The dialect of the process's database. */
export const dialect: SqlDialect = DIALECTS[databaseProvider];
