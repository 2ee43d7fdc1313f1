import { env } from "~/env.server";
import { CALL_COLUMNS, CALL_CSV_HEADER, type CallFilters, type CsvFormat, type StoredKind } from "~/lib/calls";
import { eachCallPage } from "~/lib/calls/index.server";
import { CSV_EOL, csvStream, csvText } from "./csv-writer";
import { localTimeOfIsoFormatter } from "~/lib/time";
import { openBulkCallReader, rawCallOf, type RawCall } from "./bulk-call-readers.server";
import { usdCell6OfDecimal, usdCellExactOfDecimal } from "./usd-cells";
import { featureName, modelName, staffName } from "~/lib/format/index.server";
import type { ResourceName } from "~/lib/seo";

/**
 * The calls CSV: one row per Claude call, oldest first. Columns a merchant reconciling with Anthropic's bill needs:
 * - `time_utc` (ISO-8601, as Anthropic's console shows times) and `local_time` in the store's `time_zone`;
 *   `local_day` is the store-calendar day the call counts under in the app's daily figures and the daily summary;
 * - tokens by kind, as the API reported them (cache writes and reads are billed at their own prices);
 * - `cost_usd`: the call's cost rounded to 6 decimals for reading; `cost_usd_exact`: the same cost with all
 *   12 decimals (exact pico-dollars). Rounding each row to 6 decimals makes a column total drift by up to half a
 *   micro-dollar per row, so sum `cost_usd_exact` to get exactly the total the app shows;
 * - `cost_known`: false when the model had no price when the call was made: both cost cells are then empty,
 *   never 0, because the cost is unknown, not free.
 */
export interface CallsCsvOptions {
  shop: string;
  timeZone: string;
  filters: CallFilters;
  /** Rows read per database query (default: what suits the database's bulk reader). */
  pageSize?: number;
  /** The database to read (default: the app's DATABASE_URL), through its bulk reader. */
  databaseUrl?: string;
  /** Staff names and product titles to write beside their ids (cells stay empty without them). */
  names?: CsvNames;
}

interface CellContext {
  timeZoneCell: string;
  /** The local time of a UTC ISO-8601 text. */
  localTime: (isoUtc: string) => string;
  /** Name cells, escaped once per distinct id. */
  modelName: (model: string) => string;
  featureName: (endpoint: string) => string;
  staffName: (userId: string) => string;
  resourceTitle: (resourceId: string | null) => string;
}

/** A function of one id, remembered per id (a million rows have a handful of models, features and staff). */
function remembered(name: (id: string) => string): (id: string) => string {
  const seen = new Map<string, string>();
  return (id) => {
    let cell = seen.get(id);
    if (cell === undefined) {
      cell = csvText(name(id));
      seen.set(id, cell);
    }
    return cell;
  };
}

/** The names the CSV writes beside the ids: staff names and product titles come with the options. */
export interface CsvNames {
  staff: Readonly<Record<string, string>>;
  resources: ReadonlyMap<string, ResourceName>;
}

type CellValue = RawCall[number];

/**
 * How a cell is written, as a small number: `callRecord` runs once per row and cell (30 million times for a million
 * rows), and one `switch` there lets V8 inline each writer, where a table of writer functions called from one place
 * made every call a megamorphic one (a fifth of the export's formatting time).
 */
const enum Cell {
  Text,
  Number,
  NumberOrNull,
  Bool,
  PicosOrNull,
  Instant,
  LocalTime,
  TimeZone,
  CostKnown,
  Usd6,
  UsdExact,
  ModelName,
  FeatureName,
  StaffName,
  ResourceTitle,
}

/**
 * A stored value as its own cell, from a raw row (see `RawCall`): text through the one cell writer's formula guard,
 * and everything else as `csvCell` writes the value Prisma would return (an instant as `toISOString`, money in picos).
 */
const VALUE_CELLS: Record<StoredKind, Cell> = {
  text: Cell.Text,
  textOrNull: Cell.Text,
  int: Cell.Number,
  intOrNull: Cell.NumberOrNull,
  bool: Cell.Bool,
  picosOrNull: Cell.PicosOrNull,
  instant: Cell.Instant,
};

const FORMAT_CELLS: Record<Exclude<CsvFormat, "value">, Cell> = {
  localTime: Cell.LocalTime,
  timeZone: Cell.TimeZone,
  costKnown: Cell.CostKnown,
  usd6: Cell.Usd6,
  usdExact: Cell.UsdExact,
  modelName: Cell.ModelName,
  featureName: Cell.FeatureName,
  staffName: Cell.StaffName,
  resourceTitle: Cell.ResourceTitle,
};

/** Every cell of the file, in header order: the column table compiled once into its place in the row and its writer. */
const CELLS = CALL_COLUMNS.flatMap(({ kind, csv }, index) =>
  csv.map(([, format]) => ({ index, cell: format === "value" ? VALUE_CELLS[kind] : FORMAT_CELLS[format] })),
);
const CELL_INDEX = CELLS.map(({ index }) => index);
const CELL_WRITER = CELLS.map(({ cell }) => cell);

function cellOf(cell: Cell, value: CellValue, context: CellContext): string {
  switch (cell) {
    case Cell.Text:
      return csvText(value as string | null);
    case Cell.Number:
      return String(value);
    case Cell.NumberOrNull:
      return value === null ? "" : String(value);
    case Cell.Bool:
      return value === true || value === 1 ? "true" : "false";
    case Cell.PicosOrNull:
      return value === null ? "" : (value as string);
    case Cell.Instant:
      return value as string;
    case Cell.LocalTime:
      return context.localTime(value as string);
    case Cell.TimeZone:
      return context.timeZoneCell;
    case Cell.CostKnown:
      return value === null ? "false" : "true";
    case Cell.Usd6:
      return value === null ? "" : usdCell6OfDecimal(value as string);
    case Cell.UsdExact:
      return value === null ? "" : usdCellExactOfDecimal(value as string);
    case Cell.ModelName:
      return context.modelName(value as string);
    case Cell.FeatureName:
      return context.featureName(value as string);
    case Cell.StaffName:
      return context.staffName(value as string);
    case Cell.ResourceTitle:
      return context.resourceTitle(value as string | null);
  }
}

/** One call as a CSV record (runs a million times per export: a plain loop, no intermediate arrays). */
function callRecord(row: RawCall, context: CellContext): string {
  let line = cellOf(CELL_WRITER[0]!, row[CELL_INDEX[0]!]!, context);
  for (let i = 1; i < CELL_WRITER.length; i++) line += "," + cellOf(CELL_WRITER[i]!, row[CELL_INDEX[i]!]!, context);
  return line + CSV_EOL;
}

/** Rows per query through Prisma (a database without a bulk reader). */
const PRISMA_PAGE_ROWS = 1_000;

/**
 * Rows per chunk handed to the stream: about 64 KB of CSV. Kept well below V8's large-object size, so each chunk's
 * string and bytes die young in the nursery instead of piling up in the old generation until a full collection:
 * with one chunk per 5,000-row page the export's peak memory was 100 MB higher.
 */
const ROWS_PER_CHUNK = 250;

/** The calls to write, in batches: through the database's bulk reader, else through Prisma. */
async function callBatches(options: CallsCsvOptions): Promise<AsyncIterable<RawCall[]>> {
  const bulk = await openBulkCallReader(options.databaseUrl ?? env.databaseUrl, { batchRows: options.pageSize });
  if (bulk) return bulk(options.shop, options.filters);
  return (async function* viaPrisma() {
    const pageSize = options.pageSize ?? PRISMA_PAGE_ROWS;
    for await (const rows of eachCallPage(options.shop, options.filters, { pageSize })) yield rows.map(rawCallOf);
  })();
}

async function* callRecordChunks(options: CallsCsvOptions): AsyncGenerator<string> {
  const staff = options.names?.staff ?? {};
  const resources = options.names?.resources ?? new Map<string, ResourceName>();
  const resourceTitle = remembered((id) => resources.get(id)?.title ?? "");
  const context: CellContext = {
    localTime: localTimeOfIsoFormatter(options.timeZone),
    timeZoneCell: csvText(options.timeZone),
    modelName: remembered(modelName),
    featureName: remembered(featureName),
    staffName: remembered((userId) => staffName(userId, staff, null)),
    resourceTitle: (id) => (id === null ? "" : resourceTitle(id)),
  };
  for await (const rows of await callBatches(options)) {
    for (let start = 0; start < rows.length; start += ROWS_PER_CHUNK) {
      let chunk = "";
      const end = Math.min(start + ROWS_PER_CHUNK, rows.length);
      for (let i = start; i < end; i++) chunk += callRecord(rows[i]!, context);
      yield chunk;
    }
  }
}

/** The calls CSV of one shop as a byte stream, read from the database page by page while it is sent. */
export function exportCallsCsv(options: CallsCsvOptions): ReadableStream<Uint8Array> {
  return csvStream(CALL_CSV_HEADER, callRecordChunks(options));
}
