/**
 * Usage, the browser-safe side: the latency histogram buckets the writer fills and analytics reads, and the columns
 * the rollups sum.
 */
export { quantileFromHistogram } from "./latency-buckets";
export { ROLLUP_SUM_COLUMNS } from "./rollup-columns";
