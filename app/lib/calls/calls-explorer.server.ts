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
import { callRowJson, type CallRow, type CallRowJson } from "./call-columns";
import { decodeCursor, encodeCursor, getFilterOptions, readCalls } from "./call-query.server";
import { localTimeFormatter } from "~/lib/time";

/**
 * One page of the calls explorer, newest first, by keyset: `after` a cursor goes to older calls, `before` a cursor
 * to newer ones. Rows travel as JSON (money as a string of pico-dollars, null when the cost is unknown).
 */
export interface CallsPage {
  rows: CallRowJson[];
  /** Cursor for the next (older) page, when there is one. */
  olderCursor: string | null;
  /** Cursor for the previous (newer) page, when there is one. */
  newerCursor: string | null;
}

const CALLS_PAGE_SIZE = 25;

export interface CallsPageRequest {
  shop: string;
  timeZone: string;
  filters: CallFilters;
  /** Encoded cursors from the page's links; a cursor that does not decode starts from the newest calls. */
  after?: string | null;
  before?: string | null;
  limit?: number;
}

async function getCallsPage(request: CallsPageRequest): Promise<CallsPage> {
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
      rows: page.map((row) => callRowJson(row, localTime)),
      newerCursor: rows.length > limit && page.length > 0 ? cursorOf(page[0]!) : null,
      olderCursor: page.length > 0 ? cursorOf(page[page.length - 1]!) : null,
    };
  }
  const rows = await readCalls(request.shop, request.filters, { cursor: after, direction: "desc", limit: limit + 1 });
  const page = rows.slice(0, limit);
  return {
    rows: page.map((row) => callRowJson(row, localTime)),
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
  /** What the page shows instead when the URL could not be used: the default view, or the newest page of the filters. */
  shownInstead: "default-view" | "newest-page" | null;
  options: FilterOptions;
  /** False for a shop that has never made a Claude call (the page shows its empty state). */
  hasAnyCalls: boolean;
  page: CallsPage;
  health: EndpointHealth[];
}

const DEFAULT_EXPLORER_DAYS = 30;

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
    filters = parseCallFilters(fieldsOf(params, FILTER_FIELDS), { today, defaultRange: defaults });
    assertKnownFilterValues(filters, options);
  } catch (error) {
    if (!(error instanceof InvalidFilterError)) throw error;
    filters = { range: defaults };
    filterError = error.message;
  }
  const after = params.get("after");
  const before = params.get("before");
  let shownInstead: CallsExplorerData["shownInstead"] = filterError === null ? null : "default-view";
  if (filterError === null && [after, before].some((cursor) => cursor && decodeCursor(cursor) === null)) {
    filterError = "That page of calls can no longer be found.";
    shownInstead = "newest-page";
  }
  const useCursors = filterError === null;
  const [page, health] = await Promise.all([
    getCallsPage({
      shop,
      timeZone,
      filters,
      after: useCursors ? after : null,
      before: useCursors ? before : null,
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
    shownInstead,
    options,
    hasAnyCalls: options.models.length > 0,
    page,
    health,
  };
}
