import type { Prisma } from "@prisma/client";
import { toWire, type Wire } from "~/lib/wire";

/**
 * The one table of what a call record shows outside the database: which stored fields the calls explorer and the
 * CSV export read (the query's select, and the SQLite bulk reader's columns and decoders), the CSV columns each field
 * becomes, and the keys of the explorer's JSON rows. Adding a column to calls is one entry here (after the schema):
 * the query, both readers, the CSV and the page's typed JSON follow.
 */

/** How a field is stored, which decides how readers decode it and how it travels as JSON. */
export type StoredKind = "text" | "textOrNull" | "int" | "intOrNull" | "bool" | "picosOrNull" | "instant";

export interface StoredValue {
  text: string;
  textOrNull: string | null;
  int: number;
  intOrNull: number | null;
  bool: boolean;
  /** Exact money (pico-dollars); null when the model had no price. */
  picosOrNull: bigint | null;
  instant: Date;
}

/**
 * How a field becomes one CSV cell: as its value (text through the formula guard), or, for the derived cells, the
 * call's wall-clock time and time zone, and whether the cost is known plus the cost in USD (6 and 12 decimals).
 */
/** …and the names beside the ids: the model's name, the feature's, the staff member's, the product's title. */
export type CsvFormat =
  | "value"
  | "localTime"
  | "timeZone"
  | "costKnown"
  | "usd6"
  | "usdExact"
  | "modelName"
  | "featureName"
  | "staffName"
  | "resourceTitle";

/** How a field appears in the explorer's JSON rows: as its value (bigint and Date as strings) or as wall-clock time. */
export type JsonFormat = "value" | "localTime";

type Field = keyof Prisma.APIUsageLogSelect & string;

export interface CallColumn<
  F extends Field = Field,
  K extends StoredKind = StoredKind,
  J extends ReadonlyArray<readonly [string, JsonFormat]> = ReadonlyArray<readonly [string, JsonFormat]>,
> {
  field: F;
  kind: K;
  csv: ReadonlyArray<readonly [header: string, format: CsvFormat]>;
  json: J;
}

function column<
  const F extends Field,
  const K extends StoredKind,
  const J extends ReadonlyArray<readonly [string, JsonFormat]> = readonly [],
>(
  field: F,
  kind: K,
  output: { csv?: string | ReadonlyArray<readonly [string, CsvFormat]>; json?: J },
): CallColumn<F, K, J> {
  const csv = typeof output.csv === "string" ? ([[output.csv, "value"]] as const) : (output.csv ?? []);
  return { field, kind, csv, json: (output.json ?? []) as J };
}

/** In CSV column order (the header of the calls CSV, oldest call first). */
export const CALL_COLUMNS = [
  column("id", "text", { csv: "call_id", json: [["id", "value"]] }),
  column("requestId", "textOrNull", { csv: "request_id" }),
  column("timestamp", "instant", {
    csv: [
      ["time_utc", "value"],
      ["local_time", "localTime"],
      ["time_zone", "timeZone"],
    ],
    json: [
      ["timeUtc", "value"],
      ["localTime", "localTime"],
    ],
  }),
  column("localDay", "text", { csv: "local_day" }),
  column("userId", "text", {
    csv: [
      ["staff_user_id", "value"],
      ["staff_name", "staffName"],
    ],
    json: [["userId", "value"]],
  }),
  column("endpoint", "text", {
    csv: [
      ["endpoint", "value"],
      ["feature", "featureName"],
    ],
    json: [["endpoint", "value"]],
  }),
  column("model", "text", {
    csv: [
      ["model", "value"],
      ["model_name", "modelName"],
    ],
    json: [["model", "value"]],
  }),
  column("resourceType", "textOrNull", { csv: "resource_type", json: [["resourceType", "value"]] }),
  column("resourceId", "textOrNull", {
    csv: [
      ["resource_id", "value"],
      ["resource_title", "resourceTitle"],
    ],
    json: [["resourceId", "value"]],
  }),
  column("fixType", "textOrNull", { csv: "fix_type" }),
  column("status", "text", { csv: "status", json: [["status", "value"]] }),
  column("errorType", "textOrNull", { csv: "error_type", json: [["errorType", "value"]] }),
  column("errorMessage", "textOrNull", { csv: "error_message", json: [["errorMessage", "value"]] }),
  column("httpStatus", "intOrNull", { csv: "http_status" }),
  column("inputTokens", "int", { csv: "input_tokens", json: [["inputTokens", "value"]] }),
  column("outputTokens", "int", { csv: "output_tokens", json: [["outputTokens", "value"]] }),
  column("cacheCreationInputTokens", "int", { csv: "cache_write_tokens", json: [["cacheWriteTokens", "value"]] }),
  column("cacheReadInputTokens", "int", { csv: "cache_read_tokens", json: [["cacheReadTokens", "value"]] }),
  column("totalTokens", "int", { csv: "total_tokens" }),
  column("webSearchRequests", "int", { csv: "web_search_requests" }),
  column("batch", "bool", { csv: "batch", json: [["batch", "value"]] }),
  column("cached", "bool", { csv: "cached", json: [["cached", "value"]] }),
  column("latencyMs", "int", { csv: "latency_ms", json: [["latencyMs", "value"]] }),
  column("totalCostPicos", "picosOrNull", {
    csv: [
      ["cost_known", "costKnown"],
      ["cost_usd", "usd6"],
      ["cost_usd_exact", "usdExact"],
    ],
    json: [["costPicos", "value"]],
  }),
] as const;

type Column = (typeof CALL_COLUMNS)[number];

/** The select every reader of calls uses (Prisma's, and the SQLite bulk reader's column list). */
export const CALL_ROW_SELECT = Object.fromEntries(CALL_COLUMNS.map((entry) => [entry.field, true])) as {
  [C in Column as C["field"]]: true;
};

/** A call record as the readers return it. */
export type CallRow = Prisma.APIUsageLogGetPayload<{ select: typeof CALL_ROW_SELECT }>;

/** The CSV header, from the table. */
export const CALL_CSV_HEADER: readonly string[] = CALL_COLUMNS.flatMap((entry) => entry.csv.map(([header]) => header));

type JsonValueOf<K extends StoredKind, F extends JsonFormat> = F extends "localTime" ? string : Wire<StoredValue[K]>;
type JsonOfColumn<C> =
  C extends CallColumn<Field, infer K, infer J> ? { [E in J[number] as E[0]]: JsonValueOf<K, E[1]> } : never;
type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void
  ? I
  : never;

/** One row of the calls explorer as its loader sends it: keys and types follow from the table. */
export type CallRowJson = UnionToIntersection<JsonOfColumn<Column>> extends infer R ? { [K in keyof R]: R[K] } : never;

/** The explorer's JSON for a row; `localTime` formats an instant in the shop's zone. */
export function callRowJson(row: CallRow, localTime: (instant: Date) => string): CallRowJson {
  const json: Record<string, unknown> = {};
  for (const entry of CALL_COLUMNS) {
    const value = row[entry.field];
    for (const [key, format] of entry.json as ReadonlyArray<readonly [string, JsonFormat]>) {
      json[key] = format === "localTime" ? localTime(value as Date) : toWire(value);
    }
  }
  return json as CallRowJson;
}
