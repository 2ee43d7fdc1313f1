import path from "node:path";
import { NO_RESOURCE, type CallFilters } from "~/lib/calls";
import { CALL_COLUMNS, type CallRow, type StoredKind } from "~/lib/calls";
import { timeWindow, type CallCursor, type WindowPageReader } from "~/lib/calls/index.server";

/**
 * The export's bulk readers: the same query as `readWindowPageWithPrisma`, run through the database's own driver with
 * rows as plain arrays, one version per database (docs/decisions/0016). Through Prisma every row is built as an object
 * twice over, which caps reading at about 35,000 rows a second on the benchmark machine (30 s for a million calls).
 * A test checks that each returns exactly the rows the Prisma reader returns.
 *
 * - SQLite: libSQL's native binding on the database file. It has to know how Prisma's libSQL adapter stores a
 *   DateTime (ISO-8601 text ending in "+00:00", its default "iso8601" format), to compare the column with bounds
 *   written the same way.
 * - PostgreSQL: node-postgres on a small pool of its own, `timestamp(3)` columns read and compared as UTC.
 *
 * Integers are read as JS numbers (small ones cost no allocation); money alone is read as text and made a bigint, so
 * it stays exact at any size. Token counts and latencies are 32-bit by the schema.
 */
const SELECTED = CALL_COLUMNS.map(({ field, kind }) =>
  kind === "picosOrNull" ? `CAST("${field}" AS TEXT) AS "${field}"` : `"${field}"`,
).join(", ");

type Raw = Array<string | number | boolean | Date | null>;

interface PageSqlStyle {
  /** The n-th (1-based) placeholder. */
  placeholder(n: number): string;
  /** A bound as the database compares it with the timestamp column. */
  instant(value: Date): string | Date;
}

/** The page query: shop, time window, optional filters, and strictly after the cursor in the page's order. */
function pageSql(
  style: PageSqlStyle,
  shop: string,
  filters: CallFilters,
  cursor: CallCursor | null,
  direction: "asc" | "desc",
  limit: number,
) {
  const window = timeWindow(filters.range);
  const args: Array<string | number | Date> = [];
  const bind = (value: string | number | Date) => {
    args.push(value);
    return style.placeholder(args.length);
  };
  const conditions = [`"shop" = ${bind(shop)}`];
  const lower = direction === "asc" && cursor && cursor.timestamp > window.gte ? cursor.timestamp : window.gte;
  const upperInclusive = direction === "desc" && cursor && cursor.timestamp < window.lt;
  conditions.push(`"timestamp" >= ${bind(style.instant(lower))}`);
  conditions.push(
    upperInclusive
      ? `"timestamp" <= ${bind(style.instant(cursor.timestamp))}`
      : `"timestamp" < ${bind(style.instant(window.lt))}`,
  );
  const equal = (column: string, value: string | undefined) => {
    if (value !== undefined) conditions.push(`"${column}" = ${bind(value)}`);
  };
  equal("model", filters.model);
  equal("endpoint", filters.endpoint);
  equal("status", filters.status);
  equal("userId", filters.userId);
  if (filters.resourceType === NO_RESOURCE) conditions.push('"resourceType" IS NULL');
  else equal("resourceType", filters.resourceType);
  if (cursor) {
    const at = bind(style.instant(cursor.timestamp));
    conditions.push(`NOT ("timestamp" = ${at} AND "id" ${direction === "asc" ? "<=" : ">="} ${bind(cursor.id)})`);
  }
  const order = direction === "asc" ? "ASC" : "DESC";
  const sql = `SELECT ${SELECTED} FROM "APIUsageLog" WHERE ${conditions.join(" AND ")} ORDER BY "timestamp" ${order}, "id" ${order} LIMIT ${bind(limit)}`;
  return { sql, args };
}

/** How each driver hands back each kind of stored field, turned into what Prisma would return. */
const DECODE: Record<StoredKind, (value: Raw[number]) => unknown> = {
  text: (value) => value,
  textOrNull: (value) => value,
  int: (value) => value,
  intOrNull: (value) => value,
  bool: (value) => value === 1 || value === true,
  picosOrNull: (value) => (value === null ? null : BigInt(value as string)),
  instant: (value) => (value instanceof Date ? value : new Date(value as string)),
};
const DECODERS = CALL_COLUMNS.map(({ field, kind }) => [field, DECODE[kind]] as const);

/** One raw row as Prisma would return it. */
function toCallRow(raw: Raw): CallRow {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < DECODERS.length; i++) row[DECODERS[i]![0]] = DECODERS[i]![1](raw[i]!);
  return row as CallRow;
}

/** The SQLite file of a `file:` DATABASE_URL (relative paths from the working directory), or null for any other. */
export function sqliteFileOf(databaseUrl: string): string | null {
  if (!databaseUrl.startsWith("file:")) return null;
  const location = databaseUrl.slice("file:".length).split("?")[0]!;
  if (location === "" || location === ":memory:") return null;
  const filePath = location.startsWith("//") ? new URL(databaseUrl).pathname : location;
  return path.resolve(filePath);
}

const SQLITE_STYLE: PageSqlStyle = {
  placeholder: () => "?",
  instant: (value) => value.toISOString().replace("Z", "+00:00"),
};

type LibsqlDatabase = InstanceType<typeof import("libsql")>;
type Statement = ReturnType<LibsqlDatabase["prepare"]>;

/**
 * One connection per database file for the life of the process, never closed. It goes through `libsql`, the same
 * native SQLite build Prisma's adapter loads, so SQLite's in-process lock bookkeeping covers both: two different
 * SQLite builds in one process would not see each other's POSIX locks, and closing a connection of one can drop
 * the other's (sqlite.org/howtocorrupt.html, 2.2.1).
 */
const sqliteConnections = new Map<string, { db: LibsqlDatabase; statements: Map<string, Statement> }>();

async function sqliteConnectionTo(file: string) {
  let connection = sqliteConnections.get(file);
  if (!connection) {
    const { default: Database } = await import("libsql");
    const db = new Database(file);
    // The app's writers may hold the write lock for a moment (WAL readers are not blocked, but a checkpoint can be).
    db.prepare("PRAGMA busy_timeout = 5000").get();
    connection = { db, statements: new Map() };
    sqliteConnections.set(file, connection);
  }
  return connection;
}

/** A page reader on the SQLite file (on the process's one connection to it, which stays open). */
export async function openSqliteCallReader(file: string): Promise<WindowPageReader> {
  const { db, statements } = await sqliteConnectionTo(file);
  return async (shop, filters, cursor, direction, limit) => {
    const { sql, args } = pageSql(SQLITE_STYLE, shop, filters, cursor, direction, limit);
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql).raw(true);
      statements.set(sql, statement);
    }
    return (statement.all(args) as unknown as Raw[]).map(toCallRow);
  };
}

/** `timestamp(3)` as PostgreSQL prints it ("2026-11-27 09:00:00.123"), which is UTC here. */
function formatPgTimestamp(value: Date): string {
  return value.toISOString().replace("T", " ").replace("Z", "");
}

const POSTGRESQL_STYLE: PageSqlStyle = {
  placeholder: (n) => `$${n}`,
  instant: (value) => formatPgTimestamp(value),
};

type PgPool = import("pg").Pool;
const pgPools = new Map<string, PgPool>();

/** Decoders for what the export reads: int8 stays text (made a bigint above), `timestamp` is UTC. */
const PG_TIMESTAMP = 1114;
const PG_INT8 = 20;

async function pgPoolFor(url: string): Promise<PgPool> {
  let pool = pgPools.get(url);
  if (!pool) {
    const { default: pg } = await import("pg");
    pool = new pg.Pool({ connectionString: url, max: 2 });
    pool.on("error", (error) => console.error("export reader: an idle PostgreSQL connection failed", error.message));
    pgPools.set(url, pool);
  }
  return pool;
}

/** A page reader on PostgreSQL (its own pool of two connections, kept for the life of the process). */
export async function openPostgresqlCallReader(url: string): Promise<WindowPageReader> {
  const pool = await pgPoolFor(url);
  const { default: pg } = await import("pg");
  const types = {
    getTypeParser: (oid: number, format?: "text" | "binary") => {
      if (oid === PG_TIMESTAMP) return (text: string) => new Date(`${text.replace(" ", "T")}Z`);
      if (oid === PG_INT8) return (text: string) => text;
      return pg.types.getTypeParser(oid, format as "text");
    },
  };
  return async (shop, filters, cursor, direction, limit) => {
    const { sql, args } = pageSql(POSTGRESQL_STYLE, shop, filters, cursor, direction, limit);
    const result = await pool.query<Raw>({ text: sql, values: args, rowMode: "array", types: types as never });
    return result.rows.map(toCallRow);
  };
}

/** The fast reader for DATABASE_URL's database, with the page size that suits it; null when there is none. */
export async function openBulkCallReader(
  databaseUrl: string,
): Promise<{ reader: WindowPageReader; pageRows: number } | null> {
  const file = sqliteFileOf(databaseUrl);
  if (file) return { reader: await openSqliteCallReader(file), pageRows: SQLITE_PAGE_ROWS };
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    return { reader: await openPostgresqlCallReader(databaseUrl), pageRows: POSTGRESQL_PAGE_ROWS };
  }
  return null;
}

/**
 * Rows per query. In-process SQLite has no round trip to amortise, and small pages keep each page's rows from
 * outliving a young-generation collection: measured at a million rows, 250-row pages ran in 7 s with 25 MB above
 * the process's baseline, 5,000-row pages in 8.5-10 s with 160 MB above it. Over a network a larger page saves round
 * trips.
 */
const SQLITE_PAGE_ROWS = 250;
const POSTGRESQL_PAGE_ROWS = 2_000;
