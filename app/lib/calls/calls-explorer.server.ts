import { getLatencyAndErrorsByEndpoint, timeZoneOf, todayOf, type EndpointHealth } from "~/lib/analytics/index.server";
import {
  assertKnownFilterValues,
  fieldsOf,
  FILTER_FIELDS,
  InvalidFilterError,
  lastDays,
  parseCallFilters,
  type CallFilters,
  type FilterOptions,
} from "./call-filters";
import { decodeCursor, encodeCursor, getFilterOptions, readCalls, type CallRow } from "./call-query.server";
import { localTimeFormatter } from "~/lib/time";

/**
 * One page of the calls explorer, newest first, by keyset: `after` a cursor goes to older calls, `before` a cursor
 * to newer ones. Rows travel as JSON (money as a string of pico-dollars, null when the cost is unknown).
 */
export interface CallRowJson {
  id: string;
  /** The shop's wall-clock time, "YYYY-MM-DD HH:mm:ss". */
  localTime: string;
  timeUtc: string;
  userId: string;
  endpoint: string;
  model: string;
  resourceType: string | null;
  resourceId: string | null;
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  /** Pico-dollars as a decimal string; null = unknown (the model had no price). */
  costPicos: string | null;
  latencyMs: number;
  status: string;
  errorType: string | null;
  errorMessage: string | null;
  cached: boolean;
  batch: boolean;
}

export interface CallsPage {
  rows: CallRowJson[];
  /** Cursor for the next (older) page, when there is one. */
  olderCursor: string | null;
  /** Cursor for the previous (newer) page, when there is one. */
  newerCursor: string | null;
}

export const CALLS_PAGE_SIZE = 25;

function toJson(row: CallRow, localTime: (instant: Date) => string): CallRowJson {
  return {
    id: row.id,
    localTime: localTime(row.timestamp),
    timeUtc: row.timestamp.toISOString(),
    userId: row.userId,
    endpoint: row.endpoint,
    model: row.model,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    inputTokens: row.inputTokens,
    outputTokens: row.outputTokens,
    cacheWriteTokens: row.cacheCreationInputTokens,
    cacheReadTokens: row.cacheReadInputTokens,
    costPicos: row.totalCostPicos === null ? null : row.totalCostPicos.toString(),
    latencyMs: row.latencyMs,
    status: row.status,
    errorType: row.errorType,
    errorMessage: row.errorMessage,
    cached: row.cached,
    batch: row.batch,
  };
}

export interface CallsPageRequest {
  shop: string;
  timeZone: string;
  filters: CallFilters;
  /** Encoded cursors from the page's links; a cursor that does not decode starts from the newest calls. */
  after?: string | null;
  before?: string | null;
  limit?: number;
}

export async function getCallsPage(request: CallsPageRequest): Promise<CallsPage> {
  const limit = request.limit ?? CALLS_PAGE_SIZE;
  const after = decodeCursor(request.after);
  const before = after ? null : decodeCursor(request.before);
  const localTime = localTimeFormatter(request.timeZone);
  const cursorOf = (row: CallRow) => encodeCursor({ timestamp: row.timestamp, id: row.id });

  if (before) {
    // Newer calls: read upwards from the cursor, then show them newest first.
    const rows = await readCalls(request.shop, request.filters, { cursor: before, direction: "asc", limit: limit + 1 });
    const page = rows.slice(0, limit).reverse();
    return {
      rows: page.map((row) => toJson(row, localTime)),
      newerCursor: rows.length > limit && page.length > 0 ? cursorOf(page[0]!) : null,
      olderCursor: page.length > 0 ? cursorOf(page[page.length - 1]!) : null,
    };
  }
  const rows = await readCalls(request.shop, request.filters, { cursor: after, direction: "desc", limit: limit + 1 });
  const page = rows.slice(0, limit);
  return {
    rows: page.map((row) => toJson(row, localTime)),
    newerCursor: after && page.length > 0 ? cursorOf(page[0]!) : null,
    olderCursor: rows.length > limit ? cursorOf(page[page.length - 1]!) : null,
  };
}

export interface CallsExplorerData {
  timeZone: string;
  today: string;
  /** The filters shown, as form values ("" = no filter). */
  filters: { from: string; to: string; model: string; endpoint: string; status: string; resourceType: string };
  /** Why the URL's filters were not used (the page then shows the last 30 days unfiltered). */
  filterError: string | null;
  options: FilterOptions;
  /** False for a shop that has never made a Claude call (the page shows its empty state). */
  hasAnyCalls: boolean;
  page: CallsPage;
  health: EndpointHealth[];
}

export const DEFAULT_EXPLORER_DAYS = 30;

/** Everything the calls page shows, for the authenticated shop and the URL's search parameters. */
export async function loadCallsExplorer(shop: string, params: URLSearchParams): Promise<CallsExplorerData> {
  const [timeZone, today, options] = await Promise.all([
    timeZoneOf({ shop }),
    todayOf({ shop }),
    getFilterOptions(shop),
  ]);
  const defaults = lastDays(today, DEFAULT_EXPLORER_DAYS);
  let filters: CallFilters = { range: defaults };
  let filterError: string | null = null;
  try {
    filters = parseCallFilters(fieldsOf(params, FILTER_FIELDS), defaults);
    assertKnownFilterValues(filters, options);
  } catch (error) {
    if (!(error instanceof InvalidFilterError)) throw error;
    filters = { range: defaults };
    filterError = error.message;
  }
  const useCursors = filterError === null;
  const [page, health] = await Promise.all([
    getCallsPage({
      shop,
      timeZone,
      filters,
      after: useCursors ? params.get("after") : null,
      before: useCursors ? params.get("before") : null,
    }),
    getLatencyAndErrorsByEndpoint({ shop }, filters.range),
  ]);
  return {
    timeZone,
    today,
    filters: {
      from: filters.range.from,
      to: filters.range.to,
      model: filters.model ?? "",
      endpoint: filters.endpoint ?? "",
      status: filters.status ?? "",
      resourceType: filters.resourceType ?? "",
    },
    filterError,
    options,
    hasAnyCalls: options.models.length > 0,
    page,
    health,
  };
}
