/** CSV exports of a shop's usage (calls and daily summary), streamed, safe to open in a spreadsheet. */
export { exportCallsCsv } from "./calls-csv.server";
export { exportResponse } from "./export-request.server";
export { callRowOf, openBulkCallReader, sqliteFileOf } from "./bulk-call-readers.server";
