import path from "node:path";
import { NO_RESOURCE, type CallFilters } from "~/lib/calls";
import {
  CALL_ROW_SELECT,
  timeWindow,
  type CallCursor,
  type CallRow,
  type WindowPageReader,
} from "~/lib/calls/index.server";

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

const COLUMNS = Object.keys(CALL_ROW_SELECT) as Array<keyof typeof CALL_ROW_SELECT>;
/**
 * Integers are read as JS numbers (small ones cost no allocation); the cost column alone is read as text and made a
 * bigint, so it stays exact at any size. Token counts and latencies are 32-bit by the schema.
 */
const SELECTED = COLUMNS.map((column) =>
  column === "totalCostPicos" ? `CAST("${column}" AS TEXT) AS "${column}"` : `"${column}"`,
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

const index = Object.fromEntries(COLUMNS.map((column, position) => [column, position])) as Record<
  (typeof COLUMNS)[number],
  number
>;

const int = (value: string | number | null) => value as number;
const intOrNull = (value: string | number | null) => value as number | null;
const text = (value: string | number | null) => value as string;
const textOrNull = (value: string | number | null) => value as string | null;

/** One raw row as Prisma would return it. */
function toCallRow(raw: Raw): CallRow {
  return {
    id: text(raw[index.id]!),
    requestId: textOrNull(raw[index.requestId]!),
    userId: text(raw[index.userId]!),
    model: text(raw[index.model]!),
    endpoint: text(raw[index.endpoint]!),
    inputTokens: int(raw[index.inputTokens]!),
    outputTokens: int(raw[index.outputTokens]!),
    cacheCreationInputTokens: int(raw[index.cacheCreationInputTokens]!),
    cacheReadInputTokens: int(raw[index.cacheReadInputTokens]!),
    totalTokens: int(raw[index.totalTokens]!),
    webSearchRequests: int(raw[index.webSearchRequests]!),
    batch: raw[index.batch] === 1,
    totalCostPicos: raw[index.totalCostPicos] === null ? null : BigInt(raw[index.totalCostPicos] as string),
    fixType: textOrNull(raw[index.fixType]!),
    resourceType: textOrNull(raw[index.resourceType]!),
    resourceId: textOrNull(raw[index.resourceId]!),
    latencyMs: int(raw[index.latencyMs]!),
    cached: raw[index.cached] === 1,
    status: text(raw[index.status]!),
    errorType: textOrNull(raw[index.errorType]!),
    errorMessage: textOrNull(raw[index.errorMessage]!),
    httpStatus: intOrNull(raw[index.httpStatus]!),
    timestamp: new Date(text(raw[index.timestamp]!)),
    localDay: text(raw[index.localDay]!),
  };
}

export interface SqliteCallReader {
  read: WindowPageReader;
  close(): void;
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

/** A reader on the SQLite file; `close` ends the reader, the shared connection stays open. */
export async function openSqliteCallReader(file: string): Promise<SqliteCallReader> {
  const { db, statements } = await connectionTo(file);
  return {
    async read(shop, filters, cursor, direction, limit) {
      const { sql, args } = pageSql(filters, cursor, direction);
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare(sql).raw(true);
        statements.set(sql, statement);
      }
      return (statement.all([shop, ...args, limit]) as unknown as Raw[]).map(toCallRow);
    },
    close() {},
  };
}
