import path from "node:path";
import { NO_RESOURCE, type CallFilters } from "~/lib/calls";
import { CALL_COLUMNS, type CallRow, type StoredKind } from "~/lib/calls";
import { timeWindow, type CallCursor, type WindowPageReader } from "~/lib/calls/index.server";

/**
 * The export's bulk reader on SQLite: the same query as `readWindowPageWithPrisma`, run through libSQL's native
 * binding directly, rows as plain arrays. Through Prisma and @libsql/client every row is built as an object twice
 * over, which caps reading at about 35,000 rows a second on the benchmark machine (30 s for a million calls).
 * PostgreSQL and any other database keep the Prisma reader.
 *
 * It has to know how Prisma's libSQL adapter stores a DateTime (ISO-8601 text ending in "+00:00", its default
 * "iso8601" format), to compare the column with bounds written the same way. A test checks that both readers return
 * the same rows.
 */

/**
 * Integers are read as JS numbers (small ones cost no allocation); money alone is read as text and made a bigint,
 * so it stays exact at any size. Token counts and latencies are 32-bit by the schema.
 */
const SELECTED = CALL_COLUMNS.map(({ field, kind }) =>
  kind === "picosOrNull" ? `CAST("${field}" AS TEXT) AS "${field}"` : `"${field}"`,
).join(", ");

/** The SQLite file of a `file:` DATABASE_URL (relative paths from the working directory), or null for any other. */
export function sqliteFileOf(databaseUrl: string): string | null {
  if (!databaseUrl.startsWith("file:")) return null;
  const location = databaseUrl.slice("file:".length).split("?")[0]!;
  if (location === "" || location === ":memory:") return null;
  const filePath = location.startsWith("//") ? new URL(databaseUrl).pathname : location;
  return path.resolve(filePath);
}

function storedTimestamp(instant: Date): string {
  return instant.toISOString().replace("Z", "+00:00");
}

function pageSql(filters: CallFilters, cursor: CallCursor | null, direction: "asc" | "desc") {
  const window = timeWindow(filters.range);
  const conditions = ['"shop" = ?'];
  const args: Array<string | number> = [];
  const lower = direction === "asc" && cursor && cursor.timestamp > window.gte ? cursor.timestamp : window.gte;
  const upperInclusive = direction === "desc" && cursor && cursor.timestamp < window.lt;
  conditions.push('"timestamp" >= ?', upperInclusive ? '"timestamp" <= ?' : '"timestamp" < ?');
  args.push(storedTimestamp(lower), storedTimestamp(upperInclusive ? cursor.timestamp : window.lt));
  const equal = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    conditions.push(`"${column}" = ?`);
    args.push(value);
  };
  equal("model", filters.model);
  equal("endpoint", filters.endpoint);
  equal("status", filters.status);
  if (filters.resourceType === NO_RESOURCE) conditions.push('"resourceType" IS NULL');
  else equal("resourceType", filters.resourceType);
  equal("userId", filters.userId);
  if (cursor) {
    conditions.push(`NOT ("timestamp" = ? AND "id" ${direction === "asc" ? "<=" : ">="} ?)`);
    args.push(storedTimestamp(cursor.timestamp), cursor.id);
  }
  const order = direction === "asc" ? "ASC" : "DESC";
  const sql = `SELECT ${SELECTED} FROM "APIUsageLog" WHERE ${conditions.join(" AND ")} ORDER BY "timestamp" ${order}, "id" ${order} LIMIT ?`;
  return { sql, args };
}

type Raw = Array<string | number | null>;
type LibsqlDatabase = InstanceType<typeof import("libsql")>;
type Statement = ReturnType<LibsqlDatabase["prepare"]>;

/** How SQLite hands back each kind of stored field, turned into what Prisma would return. */
const DECODE: Record<StoredKind, (value: string | number | null) => unknown> = {
  text: (value) => value,
  textOrNull: (value) => value,
  int: (value) => value,
  intOrNull: (value) => value,
  bool: (value) => value === 1,
  picosOrNull: (value) => (value === null ? null : BigInt(value)),
  instant: (value) => new Date(value as string),
};
const DECODERS = CALL_COLUMNS.map(({ field, kind }) => [field, DECODE[kind]] as const);

/** One raw row as Prisma would return it. */
function toCallRow(raw: Raw): CallRow {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < DECODERS.length; i++) row[DECODERS[i]![0]] = DECODERS[i]![1](raw[i]!);
  return row as CallRow;
}

/**
 * One connection per database file for the life of the process, never closed. It goes through `libsql`, the same
 * native SQLite build Prisma's adapter loads, so SQLite's in-process lock bookkeeping covers both: two different
 * SQLite builds in one process would not see each other's POSIX locks, and closing a connection of one can drop
 * the other's (sqlite.org/howtocorrupt.html, 2.2.1).
 */
const connections = new Map<string, { db: LibsqlDatabase; statements: Map<string, Statement> }>();

async function connectionTo(file: string) {
  let connection = connections.get(file);
  if (!connection) {
    const { default: Database } = await import("libsql");
    const db = new Database(file);
    // The app's writers may hold the write lock for a moment (WAL readers are not blocked, but a checkpoint can be).
    db.prepare("PRAGMA busy_timeout = 5000").get();
    connection = { db, statements: new Map() };
    connections.set(file, connection);
  }
  return connection;
}

/** A page reader on the SQLite file (on the process's one connection to it, which stays open). */
export async function openSqliteCallReader(file: string): Promise<WindowPageReader> {
  const { db, statements } = await connectionTo(file);
  return async (shop, filters, cursor, direction, limit) => {
    const { sql, args } = pageSql(filters, cursor, direction);
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql).raw(true);
      statements.set(sql, statement);
    }
    return (statement.all([shop, ...args, limit]) as unknown as Raw[]).map(toCallRow);
  };
}
