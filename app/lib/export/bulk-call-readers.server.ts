import path from "node:path";
import { CALL_COLUMNS, NO_RESOURCE, type CallFilters, type CallRow, type StoredKind } from "~/lib/calls";
import {
  assertExportable,
  eachCallPage,
  inDayRange,
  timeWindow,
  type CallCursor,
  type RowKeys,
  type WindowPageReader,
} from "~/lib/calls/index.server";

/**
 * The export's bulk readers: every call of a shop matching the filters, oldest first, each row handed over by the
 * database as one JSON array text and made a plain array by `JSON.parse` (no object per row), one version per database
 * (docs/decisions/0016). Through Prisma every row is built as an object twice over, which capped reading at about
 * 35,000 rows a second on the benchmark machine. A test checks that each returns exactly the rows the Prisma reader
 * returns.
 *
 * - SQLite: keyset pages (as `eachCallPage` reads them) through libSQL's native binding on the database file. It has
 *   to know how Prisma's libSQL adapter stores a DateTime (ISO-8601 text ending in "+00:00", its default "iso8601"
 *   format), to compare the column with bounds written the same way.
 * - PostgreSQL: one query through a cursor on a connection of its own, planned for all its rows as `COPY` plans them.
 *   Where the table is not in time order (the benchmark writes calls in random order), pages read by the timestamp
 *   index cost a heap page per row, 1 M random page reads, where a sequential scan and a sort cost what the
 *   database's own dump costs (EXPLAIN ANALYZE on the benchmark's database); planned for all rows, the planner picks
 *   by total cost, the index where the table is in time order.
 *
 * A row (`RawCall`) holds the fields in `CALL_COLUMNS` order: the timestamp as UTC ISO-8601 text as
 * `Date.prototype.toISOString` writes it, money as decimal text (exact at any size), booleans as the driver gives them
 * (SQLite 0/1, PostgreSQL true/false), other integers as numbers (32-bit by the schema), text as text.
 */
export type RawCall = Array<string | number | boolean | null>;

/** Every call of `shop` matching `filters` whose local day is in the range, oldest first, in batches. */
export type BulkCallReader = (shop: string, filters: CallFilters) => AsyncGenerator<RawCall[]>;

/** The fields in `CALL_COLUMNS` order, money as text. */
const FIELDS = CALL_COLUMNS.map(({ field, kind }) =>
  kind === "picosOrNull" ? `CAST("${field}" AS TEXT)` : `"${field}"`,
).join(", ");

const at = (field: string) => CALL_COLUMNS.findIndex((column) => column.field === field);
const ID = at("id");
const TIMESTAMP = at("timestamp");
const LOCAL_DAY = at("localDay");

const RAW_KEYS: RowKeys<RawCall> = {
  localDay: (row) => row[LOCAL_DAY] as string,
  cursor: (row) => ({ timestamp: new Date(row[TIMESTAMP] as string), id: row[ID] as string }),
};

interface PageSqlStyle {
  /** What the query selects for a row. */
  selected: string;
  /** The n-th (1-based) placeholder. */
  placeholder(n: number): string;
  /** A bound as the database compares it with the timestamp column. */
  instant(value: Date): string | Date;
}

/**
 * The page query: shop, time window, optional filters, strictly after the cursor in the page's order, and at most
 * `limit` rows (null: every row of the window).
 */
function pageSql(
  style: PageSqlStyle,
  shop: string,
  filters: CallFilters,
  cursor: CallCursor | null,
  direction: "asc" | "desc",
  limit: number | null,
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
  const sql = `SELECT ${style.selected} FROM "APIUsageLog" WHERE ${conditions.join(" AND ")} ORDER BY "timestamp" ${order}, "id" ${order}`;
  return limit === null ? { sql, args } : { sql: `${sql} LIMIT ${bind(limit)}`, args };
}

/** How a raw row's fields become what Prisma would return. */
const DECODE: Record<StoredKind, (value: RawCall[number]) => unknown> = {
  text: (value) => value,
  textOrNull: (value) => value,
  int: (value) => value,
  intOrNull: (value) => value,
  bool: (value) => value === 1 || value === true,
  picosOrNull: (value) => (value === null ? null : BigInt(value as string)),
  instant: (value) => new Date(value as string),
};
const DECODERS = CALL_COLUMNS.map(({ field, kind }) => [field, DECODE[kind]] as const);

/** One raw row as Prisma would return it (for the Prisma reader's rows to be compared with these). */
export function callRowOf(raw: RawCall): CallRow {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < DECODERS.length; i++) row[DECODERS[i]![0]] = DECODERS[i]![1](raw[i]!);
  return row as CallRow;
}

/** A row Prisma returned, as the bulk readers give it (the export's path when there is no bulk reader). */
export function rawCallOf(row: CallRow): RawCall {
  return CALL_COLUMNS.map(({ field, kind }) => {
    const value = row[field];
    if (value instanceof Date) return value.toISOString();
    return kind === "picosOrNull" && value !== null ? String(value) : (value as RawCall[number]);
  });
}

/** The SQLite file of a `file:` DATABASE_URL (relative paths from the working directory), or null for any other. */
export function sqliteFileOf(databaseUrl: string): string | null {
  if (!databaseUrl.startsWith("file:")) return null;
  const location = databaseUrl.slice("file:".length).split("?")[0]!;
  if (location === "" || location === ":memory:") return null;
  const filePath = location.startsWith("//") ? new URL(databaseUrl).pathname : location;
  return path.resolve(filePath);
}

/**
 * SQLite hands each row over as one JSON array text, which `JSON.parse` makes the row: libSQL's binding builds every
 * value of a row through a native call of its own, which on a million rows took about as long again as SQLite's own
 * reading (a JSON text per row: half the time of 24 values per row, measured on the benchmark's file). JSON keeps
 * text exactly; money is cast to text first, so no amount passes through a JavaScript number.
 */
const SQLITE_STYLE: PageSqlStyle = {
  selected: `json_array(${FIELDS})`,
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

/**
 * A stored timestamp as `toISOString` writes it. The adapter stores "2026-11-27T14:05:09.123+00:00", which is cut;
 * anything else is parsed as the adapter parses it.
 */
function isoOfSqliteText(text: string): string {
  if (text.length === 29 && text.charCodeAt(10) === 0x54 && text.endsWith("+00:00")) return `${text.slice(0, 23)}Z`;
  return new Date(text).toISOString();
}

/** Keyset pages of raw rows on the SQLite file (on the process's one connection to it, which stays open). */
async function openSqliteCallReader(file: string, pageRows: number): Promise<BulkCallReader> {
  const { db, statements } = await sqliteConnectionTo(file);
  const reader: WindowPageReader<RawCall> = async (shop, filters, cursor, direction, limit) => {
    const { sql, args } = pageSql(SQLITE_STYLE, shop, filters, cursor, direction, limit);
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql).raw(true);
      statements.set(sql, statement);
    }
    const texts = statement.all(args) as unknown as Array<[string]>;
    const rows = new Array<RawCall>(texts.length);
    for (let i = 0; i < texts.length; i++) {
      const row = JSON.parse(texts[i]![0]) as RawCall;
      row[TIMESTAMP] = isoOfSqliteText(row[TIMESTAMP] as string);
      rows[i] = row;
    }
    return rows;
  };
  return (shop, filters) => eachCallPage(shop, filters, { pageSize: pageRows, source: { reader, keys: RAW_KEYS } });
}

/**
 * `timestamp(3)` as PostgreSQL writes it in JSON (UTC here: "2026-11-27T09:00:00.12", fraction digits only when not
 * zero) as `toISOString` writes it.
 */
function isoOfPgTimestamp(text: string): string {
  const length = text.length;
  if (
    text.charCodeAt(10) === 0x54 &&
    (length === 19 || (length >= 21 && length <= 23 && text.charCodeAt(19) === 0x2e))
  ) {
    const fraction = length === 19 ? "000" : text.slice(20) + "00".slice(length - 21);
    return `${text.slice(0, 19)}.${fraction}Z`;
  }
  return new Date(`${text}Z`).toISOString();
}

/** `timestamp(3)` as PostgreSQL prints it ("2026-11-27 09:00:00.123"), which is UTC here. */
function formatPgTimestamp(value: Date): string {
  return value.toISOString().replace("T", " ").replace("Z", "");
}

/**
 * PostgreSQL too hands each row over as one JSON array (which node-postgres parses with `JSON.parse`): reading 24
 * fields per row through the driver's parser took over twice as long as the database's own dump of the rows, and its
 * garbage outlived young-generation collections (the heap grew by 100 MB).
 */
const POSTGRESQL_STYLE: PageSqlStyle = {
  selected: `json_build_array(${FIELDS})`,
  placeholder: (n) => `$${n}`,
  instant: (value) => formatPgTimestamp(value),
};

type PgPool = import("pg").Pool;
const pgPools = new Map<string, PgPool>();

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

/**
 * The rows through a cursor, `fetchRows` at a time, in a read-only transaction on a connection of the export's own
 * pool (two connections, kept for the life of the process). `cursor_tuple_fraction = 1` plans the cursor for all its
 * rows, as `COPY` is planned, instead of for a fast first tenth (an index scan). The transaction ends when the file
 * does, also when the download is cancelled (the generator's `finally`).
 */
async function openPostgresqlCallReader(url: string, fetchRows: number): Promise<BulkCallReader> {
  const pool = await pgPoolFor(url);

  return async function* readCalls(shop, filters) {
    const { sql, args } = pageSql(POSTGRESQL_STYLE, shop, filters, null, "asc", null);
    const client = await pool.connect();
    const fetch = { text: `FETCH ${fetchRows} FROM export_calls`, rowMode: "array" };
    let inTransaction = false;
    let reusable = true;
    let next: Promise<{ rows: Array<[RawCall]> }> | null = null;
    try {
      await client.query("BEGIN READ ONLY");
      inTransaction = true;
      await client.query("SET LOCAL cursor_tuple_fraction = 1");
      await client.query({ text: `DECLARE export_calls NO SCROLL CURSOR FOR ${sql}`, values: args });
      next = client.query<[RawCall]>(fetch);
      for (let total = 0; next;) {
        const rows: Array<[RawCall]> = (await next).rows;
        // The database reads the next batch while this one is written, instead of waiting for the next FETCH.
        next = rows.length === fetchRows ? client.query<[RawCall]>(fetch) : null;
        total += rows.length;
        assertExportable(total);
        const inRange: RawCall[] = [];
        for (const [row] of rows) {
          if (!inDayRange(row[LOCAL_DAY] as string, filters.range)) continue;
          row[TIMESTAMP] = isoOfPgTimestamp(row[TIMESTAMP] as string);
          inRange.push(row);
        }
        if (inRange.length > 0) yield inRange;
      }
      await client.query("COMMIT");
      inTransaction = false;
    } finally {
      // A fetch still under way when the download stops: its outcome no longer matters, the rollback ends it.
      await next?.catch(() => undefined);
      if (inTransaction) await client.query("ROLLBACK").catch(() => (reusable = false));
      client.release(!reusable);
    }
  };
}

/**
 * The bulk reader for DATABASE_URL's database (null when there is none). `batchRows` is how many rows it reads at a
 * time (tests make it small, to cross many page boundaries).
 */
export async function openBulkCallReader(
  databaseUrl: string,
  { batchRows }: { batchRows?: number } = {},
): Promise<BulkCallReader | null> {
  const file = sqliteFileOf(databaseUrl);
  if (file) return openSqliteCallReader(file, batchRows ?? SQLITE_PAGE_ROWS);
  if (/^postgres(ql)?:\/\//.test(databaseUrl))
    return openPostgresqlCallReader(databaseUrl, batchRows ?? POSTGRESQL_FETCH_ROWS);
  return null;
}

/**
 * Rows per query on SQLite, per FETCH on PostgreSQL. In-process SQLite has no round trip to amortise, and small pages
 * keep each page's rows from outliving a young-generation collection: measured at a million rows, 250-row pages ran
 * in 7 s with 25 MB above the process's baseline, 5,000-row pages in 8.5-10 s with 160 MB above it. PostgreSQL fetches
 * the next batch while one is written, so a batch only has to outlast the round trip (500 rows was no slower than 2,000
 * in the same minute).
 */
const SQLITE_PAGE_ROWS = 250;
const POSTGRESQL_FETCH_ROWS = 500;
