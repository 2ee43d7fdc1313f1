/** Usage, the browser-safe side: the latency histogram buckets the writer fills and analytics reads. */
export { quantileFromHistogram } from "./latency-buckets";
