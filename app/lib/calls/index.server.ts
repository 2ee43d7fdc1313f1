/**
 * The calls explorer and the reader of raw call records (keyset pages by time and id) that the explorer and the
 * CSV export share.
 */
export * from "./index";
export {
  type CallCursor,
  type RowKeys,
  type RowSource,
  type WindowPageReader,
  assertExportable,
  eachCallPage,
  getFilterOptions,
  inDayRange,
  readWindowPageWithPrisma,
  timeWindow,
} from "./call-query.server";
export { type CallsExplorerData, loadCallsExplorer } from "./calls-explorer.server";
