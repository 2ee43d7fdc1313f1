import {
  getLatencyAndErrorsByEndpoint,
  getUsageTotals,
  timeZoneOf,
  todayOf,
  type EndpointHealth,
  type UsageTotals,
} from "~/lib/analytics/index.server";
import { adminProductUrl, featureName, modelName, staffName } from "~/lib/format/index.server";
import { staffNamesOf } from "~/lib/shop/index.server";
import { resourceNamesOf, type AdminGraphqlClient } from "~/lib/seo/index.server";
import {
  assertKnownFilterValues,
  fieldsOf,
  FILTER_FIELDS,
  InvalidFilterError,
  lastDays,
  parseCallFilters,
  type CallFilters,
  type FilterOptions,
  NO_RESOURCE,
} from "./call-filters";
import { callRowJson, type CallRow, type CallRowJson } from "./call-columns";
import { decodeCursor, encodeCursor, getFilterOptions, readCalls } from "./call-query.server";
import { localTimeFormatter } from "~/lib/time";
import { toWire, type Wire } from "~/lib/wire";
import { env } from "~/env.server";

/**
 * One page of the calls explorer, newest first, by keyset: `after` a cursor goes to older calls, `before` a cursor
 * to newer ones. Rows travel as JSON (money as a string of pico-dollars, null when the cost is unknown).
 */
/** A call as the explorer shows it: the stored fields plus the names a merchant reads instead of ids. */
export type ExplorerRow = CallRowJson & {
  modelName: string;
  featureName: string;
  staffName: string;
  /** The product the call was about (for an image, its product), when the app knows its title. */
  resource: { title: string; kind: "product" | "image"; adminUrl: string | null } | null;
};

export interface CallsPage {
  rows: ExplorerRow[];
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
  /** The signed-in staff member (shown as "You"). */
  viewerUserId?: string | null;
  /** Shopify's Admin API, to name resources the app's own records do not know. */
  admin?: AdminGraphqlClient;
  /** Encoded cursors from the page's links; a cursor that does not decode starts from the newest calls. */
  after?: string | null;
  before?: string | null;
  limit?: number;
}

async function named(request: CallsPageRequest, rows: CallRow[]): Promise<ExplorerRow[]> {
  const localTime = localTimeFormatter(request.timeZone);
  const [staff, resources] = await Promise.all([
    staffNamesOf(
      request.shop,
      rows.map((row) => row.userId),
    ),
    resourceNamesOf(
      request.shop,
      rows.map((row) => row.resourceId),
      request.admin,
    ),
  ]);
  return rows.map((row) => {
    const resource = row.resourceId ? resources[row.resourceId] : undefined;
    return {
      ...callRowJson(row, localTime),
      modelName: modelName(row.model),
      featureName: featureName(row.endpoint),
      staffName: staffName(row.userId, staff, request.viewerUserId ?? null),
      resource: resource
        ? { title: resource.title, kind: resource.kind, adminUrl: adminProductUrl(resource.productId) }
        : null,
    };
  });
}

async function getCallsPage(request: CallsPageRequest): Promise<CallsPage> {
  const limit = request.limit ?? CALLS_PAGE_SIZE;
  const after = decodeCursor(request.after);
  const before = after ? null : decodeCursor(request.before);
  const cursorOf = (row: CallRow) => encodeCursor({ timestamp: row.timestamp, id: row.id });

  if (before) {
    // Newer calls: read upwards from the cursor, then show them newest first.
    const rows = await readCalls(request.shop, request.filters, { cursor: before, direction: "asc", limit: limit + 1 });
    const page = rows.slice(0, limit).reverse();
    return {
      rows: await named(request, page),
      newerCursor: rows.length > limit && page.length > 0 ? cursorOf(page[0]!) : null,
      olderCursor: page.length > 0 ? cursorOf(page[page.length - 1]!) : null,
    };
  }
  const rows = await readCalls(request.shop, request.filters, { cursor: after, direction: "desc", limit: limit + 1 });
  const page = rows.slice(0, limit);
  return {
    rows: await named(request, page),
    newerCursor: after && page.length > 0 ? cursorOf(page[0]!) : null,
    olderCursor: rows.length > limit ? cursorOf(page[page.length - 1]!) : null,
  };
}

/** The rollups' view of the same calls (a resource type of "none" is stored as "" there). */
function rollupFilterOf(filters: CallFilters) {
  return {
    model: filters.model,
    endpoint: filters.endpoint,
    status: filters.status,
    resourceType: filters.resourceType === NO_RESOURCE ? "" : filters.resourceType,
    userId: filters.userId,
  };
}

export interface CallsExplorerData {
  timeZone: string;
  today: string;
  /** The filters shown, as form values ("" = no filter). */
  filters: {
    from: string;
    to: string;
    model: string;
    endpoint: string;
    status: string;
    resourceType: string;
    userId: string;
  };
  /** Why the URL's filters were not used (the page then shows the last 30 days unfiltered). */
  filterError: string | null;
  /** What the page shows instead when the URL could not be used: the default view, or the newest page of the filters. */
  shownInstead: "default-view" | "newest-page" | null;
  options: FilterOptions;
  /** What the filter choices are called: model names, feature names, staff names. */
  optionLabels: { models: Record<string, string>; endpoints: Record<string, string>; staff: Record<string, string> };
  /** Every call the filters match (from the daily rollups): the figure a link from another page promised. */
  totals: Wire<UsageTotals>;
  /** Raw calls older than this many days are kept only as totals (0: kept for good). */
  retentionDays: number;
  /** False for a shop that has never made a Claude call (the page shows its empty state). */
  hasAnyCalls: boolean;
  page: CallsPage;
  health: EndpointHealth[];
}

const DEFAULT_EXPLORER_DAYS = 30;

/** Everything the calls page shows, for the authenticated shop and the URL's search parameters. */
export async function loadCallsExplorer(
  shop: string,
  params: URLSearchParams,
  viewer: { viewerUserId?: string | null; admin?: AdminGraphqlClient } = {},
): Promise<CallsExplorerData> {
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
  const [page, health, totals, staff] = await Promise.all([
    getCallsPage({
      shop,
      timeZone,
      filters,
      after: useCursors ? after : null,
      before: useCursors ? before : null,
      viewerUserId: viewer.viewerUserId,
      admin: viewer.admin,
    }),
    getLatencyAndErrorsByEndpoint({ shop }, filters.range),
    getUsageTotals({ shop }, filters.range, rollupFilterOf(filters)),
    staffNamesOf(shop, options.staff),
  ]);
  const labelled = (values: string[], nameOf: (value: string) => string) =>
    Object.fromEntries(values.map((value) => [value, nameOf(value)]));
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
      userId: filters.userId ?? "",
    },
    filterError,
    shownInstead,
    options,
    optionLabels: {
      models: labelled(options.models, modelName),
      endpoints: labelled(options.endpoints, featureName),
      staff: labelled(options.staff, (id) => staffName(id, staff, viewer.viewerUserId ?? null)),
    },
    totals: toWire(totals),
    retentionDays: env.usageRetentionDays,
    hasAnyCalls: options.models.length > 0,
    page,
    health,
  };
}
