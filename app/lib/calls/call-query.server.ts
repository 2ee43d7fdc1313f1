import type { Prisma } from "@prisma/client";
import { CALL_ROW_SELECT, type CallRow } from "./call-columns";
import prisma from "~/db.server";
import { addDays, type DayRange, EARLIEST_DAY } from "~/lib/time";
import { KNOWN_RESOURCE_TYPES, NO_RESOURCE, type CallFilters, type FilterOptions } from "./call-filters";

/**
 * Reads one shop's raw call records for the calls page and the CSV export, by keyset on (timestamp, id): each
 * page starts right after the last row of the one before, so pages never skip or repeat a call (as OFFSET would
 * when calls arrive meanwhile) and every page costs the same at row 10 or row 1,000,000.
 *
 * A call belongs to the local day it was recorded on (`localDay`, the day the rollups count it under), so a range
 * of days means exactly those calls, as in every total the app shows, even for calls recorded before the shop
 * changed its time zone.
 */

/** Where a page ends: the last row's timestamp and id. */
export interface CallCursor {
  timestamp: Date;
  id: string;
}

export function encodeCursor(cursor: CallCursor): string {
  return Buffer.from(`${cursor.timestamp.toISOString()}|${cursor.id}`, "utf8").toString("base64url");
}

/** The cursor in a URL, or null when it is not one this app made (a stale or edited link starts over). */
export function decodeCursor(text: string | null | undefined): CallCursor | null {
  if (!text || text.length > MAX_CURSOR_LENGTH) return null;
  const decoded = Buffer.from(text, "base64url").toString("utf8");
  const separator = decoded.indexOf("|");
  if (separator < 0) return null;
  const timestamp = new Date(decoded.slice(0, separator));
  const id = decoded.slice(separator + 1);
  if (Number.isNaN(timestamp.getTime()) || id === "" || id.length > 200) return null;
  // A page starts inside the calendar the app keeps: nothing before 2000, nothing after tomorrow.
  if (timestamp < EARLIEST_INSTANT || timestamp.getTime() > Date.now() + 2 * 86_400_000) return null;
  return { timestamp, id };
}

const MAX_CURSOR_LENGTH = 400;
const EARLIEST_INSTANT = new Date(`${EARLIEST_DAY}T00:00:00.000Z`);

function utcMidnight(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** The UTC instants that hold every local day of the range in any zone (UTC-12 to UTC+14): one day either side. */
export function timeWindow(range: DayRange): { gte: Date; lt: Date } {
  return { gte: utcMidnight(addDays(range.from, -1)), lt: utcMidnight(addDays(range.to, 2)) };
}

/**
 * The filters as SQL sees them: shop, time window and the optional columns. The local-day range itself is checked
 * on the rows read (`inDayRange`), not in SQL: given both a `localDay` and a `timestamp` range, SQLite's planner
 * (libSQL's 3.44) picks the localDay index and sorts the whole range for every page, over a second per page at a
 * million rows; on the timestamp index alone a page takes milliseconds. The window is at most a day wider on each
 * side than the range, so at most those rows are read and dropped.
 */
function filterWhere(shop: string, filters: CallFilters): Prisma.APIUsageLogWhereInput {
  if (!shop) throw new Error("A calls query needs a shop");
  return {
    shop,
    ...(filters.model ? { model: filters.model } : {}),
    ...(filters.endpoint ? { endpoint: filters.endpoint } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.resourceType
      ? { resourceType: filters.resourceType === NO_RESOURCE ? null : filters.resourceType }
      : {}),
    ...(filters.userId ? { userId: filters.userId } : {}),
  };
}

export function inDayRange(localDay: string, range: DayRange): boolean {
  return localDay >= range.from && localDay <= range.to;
}

const NOTHING: Prisma.APIUsageLogWhereInput = { id: { in: [] } };

/**
 * The filters plus "strictly after the cursor" in the page's order. The cursor's timestamp replaces the window's
 * bound on that side rather than being added beside it, so the index range starts at the cursor.
 */
function pageWhere(
  shop: string,
  filters: CallFilters,
  cursor: CallCursor | null | undefined,
  direction: "asc" | "desc",
): Prisma.APIUsageLogWhereInput {
  const window = timeWindow(filters.range);
  const base = filterWhere(shop, filters);
  if (!cursor) return { ...base, timestamp: window };
  if (direction === "asc") {
    if (cursor.timestamp >= window.lt) return { AND: [base, NOTHING] };
    const from = cursor.timestamp > window.gte ? cursor.timestamp : window.gte;
    return {
      ...base,
      timestamp: { gte: from, lt: window.lt },
      NOT: { timestamp: cursor.timestamp, id: { lte: cursor.id } },
    };
  }
  if (cursor.timestamp < window.gte) return { AND: [base, NOTHING] };
  return {
    ...base,
    timestamp: { gte: window.gte, lte: cursor.timestamp },
    NOT: { timestamp: cursor.timestamp, id: { gte: cursor.id } },
  };
}

/** Reads up to `limit` rows of the window strictly after the cursor, in (timestamp, id) order; no local-day check. */
export type WindowPageReader<Row = CallRow> = (
  shop: string,
  filters: CallFilters,
  cursor: CallCursor | null,
  direction: "asc" | "desc",
  limit: number,
) => Promise<Row[]>;

/**
 * Where a reader's rows keep the local day and the keyset position: a `CallRow`'s own fields, or the places in the
 * export's raw rows (arrays straight from the driver, not made into objects).
 */
export interface RowKeys<Row> {
  localDay: (row: Row) => string;
  cursor: (row: Row) => CallCursor;
}

const CALL_ROW_KEYS: RowKeys<CallRow> = {
  localDay: (row) => row.localDay,
  cursor: (row) => ({ timestamp: row.timestamp, id: row.id }),
};

/** A reader of `Row`s with their keys; Prisma's reader of `CallRow`s by default. */
export interface RowSource<Row> {
  reader: WindowPageReader<Row>;
  keys: RowKeys<Row>;
}

/** The rows to read: `source`, else `CallRow`s from `reader` (Prisma's by default). */
function sourceOf<Row>(options: { reader?: WindowPageReader<CallRow>; source?: RowSource<Row> }): RowSource<Row> {
  if (options.source) return options.source;
  const callRows: RowSource<CallRow> = { reader: options.reader ?? readWindowPageWithPrisma, keys: CALL_ROW_KEYS };
  // Without a source of its own, Row is CallRow (the default type argument).
  return callRows as unknown as RowSource<Row>;
}

export const readWindowPageWithPrisma: WindowPageReader = (shop, filters, cursor, direction, limit) =>
  prisma.aPIUsageLog.findMany({
    where: pageWhere(shop, filters, cursor, direction),
    orderBy: [{ timestamp: direction }, { id: direction }],
    take: limit,
    select: CALL_ROW_SELECT,
  });

/**
 * Up to `limit` matching calls after the cursor in the given order: window pages are read until `limit` rows of
 * the range are found or the window ends.
 */
export async function readCalls<Row = CallRow>(
  shop: string,
  filters: CallFilters,
  options: {
    cursor?: CallCursor | null;
    direction: "asc" | "desc";
    limit: number;
    reader?: WindowPageReader<CallRow>;
    source?: RowSource<Row>;
  },
): Promise<Row[]> {
  const { reader: read, keys } = sourceOf<Row>(options);
  const found: Row[] = [];
  let cursor = options.cursor ?? null;
  for (let scanned = 0; ;) {
    if (scanned > MAX_ROWS_SCANNED) throw new Error(`A calls read scanned more than ${MAX_ROWS_SCANNED} rows`);
    const rows = await read(shop, filters, cursor, options.direction, options.limit);
    scanned += rows.length;
    for (const row of rows) {
      if (!inDayRange(keys.localDay(row), filters.range)) continue;
      found.push(row);
      if (found.length === options.limit) return found;
    }
    if (rows.length < options.limit) return found;
    cursor = keys.cursor(rows[rows.length - 1]!);
  }
}

/**
 * Hard bounds on the loops below, far above real use (366 days of a busy shop's calls, a day either side of the
 * window): whatever the data, a read ends.
 */
const MAX_ROWS_PER_READ = 20_000_000;
const MAX_ROWS_SCANNED = MAX_ROWS_PER_READ;

/** Every matching call, oldest first, a page at a time (the export's reader). */
export async function* eachCallPage<Row = CallRow>(
  shop: string,
  filters: CallFilters,
  options: { pageSize?: number; reader?: WindowPageReader<CallRow>; source?: RowSource<Row> } = {},
): AsyncGenerator<Row[]> {
  const limit = options.pageSize ?? 5_000;
  const source = sourceOf<Row>(options);
  let cursor: CallCursor | null = null;
  for (let total = 0; ;) {
    const rows = await readCalls(shop, filters, { cursor, direction: "asc", limit, source });
    total += rows.length;
    assertExportable(total);
    if (rows.length > 0) yield rows;
    if (rows.length < limit) return;
    cursor = source.keys.cursor(rows[rows.length - 1]!);
  }
}

/** Refuses a read of more calls than any real range holds (see MAX_ROWS_PER_READ). */
export function assertExportable(rows: number): void {
  if (rows > MAX_ROWS_PER_READ) throw new Error(`A calls export may hold at most ${MAX_ROWS_PER_READ} calls`);
}

/** The models, endpoints and resource types the shop's calls have used (from the rollups: a few thousand rows). */
export async function getFilterOptions(shop: string): Promise<FilterOptions> {
  const groups = await prisma.usageRollupDaily.groupBy({
    by: ["model", "endpoint", "resourceType", "userId"],
    where: { shop },
  });
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
  return {
    models: sorted(groups.map((group) => group.model)),
    endpoints: sorted(groups.map((group) => group.endpoint)),
    resourceTypes: sorted([
      ...KNOWN_RESOURCE_TYPES,
      ...groups.flatMap((group) => (group.resourceType ? [group.resourceType] : [])),
    ]),
    staff: sorted(groups.map((group) => group.userId)),
  };
}
