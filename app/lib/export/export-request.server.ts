import { timeZoneOf } from "~/lib/analytics/index.server";
import { localDayOf, type LocalDay } from "~/lib/time";
import {
  assertKnownFilterValues,
  fieldsOf,
  FILTER_FIELDS,
  InvalidFilterError,
  parseCallFilters,
  type CallFilters,
} from "~/lib/calls";
import { getFilterOptions } from "~/lib/calls/index.server";
import { allResourceNames, type AdminGraphqlClient } from "~/lib/seo/index.server";
import { staffNamesOf } from "~/lib/shop/index.server";
import { exportCallsCsv } from "./calls-csv.server";
import { exportDailySummaryCsv } from "./daily-summary-csv.server";

/**
 * The export action's work, outside the route: read the form, check it against the shop's own data, and answer
 * with the CSV as a streamed attachment. Every read is scoped to `shop`, the authenticated session's shop.
 */
const EXPORT_KINDS = ["calls", "daily"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export interface ExportRequest {
  kind: ExportKind;
  filters: CallFilters;
}

/** Reads the export form: `kind` (calls or daily) and the call filters, from/to required. */
function parseExportRequest(form: FormData, today: LocalDay): ExportRequest {
  const kind = form.get("kind");
  if (typeof kind !== "string" || !(EXPORT_KINDS as readonly string[]).includes(kind)) {
    const shown = typeof kind === "string" ? `"${kind.slice(0, 40)}"` : "missing";
    throw new InvalidFilterError(`Unknown export kind (${shown}): choose calls or daily.`);
  }
  return { kind: kind as ExportKind, filters: parseCallFilters(fieldsOf(form, FILTER_FIELDS), { today }) };
}

/** "claude-usage-<shop>-<from>_<to>.csv" (the daily summary says so in its name); shop domains are already safe. */
function exportFilename(shop: string, request: ExportRequest): string {
  const safeShop = shop.replace(/[^A-Za-z0-9.-]/g, "_");
  const what = request.kind === "daily" ? "claude-usage-daily" : "claude-usage";
  return `${what}-${safeShop}-${request.filters.range.from}_${request.filters.range.to}.csv`;
}

/** Built by hand: under Remix's Node globals `Response.json` does not exist. */
function jsonError(message: string, status: number): Response {
  return new Response(JSON.stringify({ error: message }), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8" },
  });
}

/**
 * The CSV response for an export form, or a 400 JSON `{ error }` the page shows in a banner when the form asks
 * for something that cannot be answered (bad or reversed dates, over 366 days, an unknown kind or filter value).
 */
export async function exportResponse(
  shop: string,
  form: FormData,
  { admin }: { admin?: AdminGraphqlClient } = {},
): Promise<Response> {
  const timeZone = await timeZoneOf({ shop });
  let request: ExportRequest;
  let staff: string[];
  try {
    request = parseExportRequest(form, localDayOf(new Date(), timeZone));
    const filterOptions = await getFilterOptions(shop);
    assertKnownFilterValues(request.filters, filterOptions);
    staff = filterOptions.staff;
  } catch (error) {
    if (error instanceof InvalidFilterError) return jsonError(error.message, 400);
    throw error;
  }
  const options = { shop, timeZone, filters: request.filters };
  const body =
    request.kind === "daily"
      ? exportDailySummaryCsv(options)
      : exportCallsCsv({
          ...options,
          names: { staff: await staffNamesOf(shop, staff), resources: await allResourceNames(shop, admin) },
        });
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFilename(shop, request)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
