/** Calls, the browser-safe side: which calls a merchant asked for (filters) and what a row of the explorer shows. */
export {
  type CallFilters,
  FILTER_FIELDS,
  type FilterOptions,
  InvalidFilterError,
  NO_RESOURCE,
  assertKnownFilterValues,
  fieldsOf,
  lastDays,
  parseCallFilters,
} from "./call-filters";
export {
  CALL_COLUMNS,
  CALL_CSV_HEADER,
  type CallColumn,
  type CallRow,
  type CallRowJson,
  type CsvFormat,
  type StoredKind,
} from "./call-columns";
export { CALLS_EXPLORER_PATH, type CallsLinkFilters, breakdownFilter, callsExplorerPath } from "./call-links";
export type { CallsExplorerData, ExplorerRow } from "./calls-explorer.server";
