/** Waiting between tries: the one backoff formula and retry loop the app uses. Pure, safe in the browser. */
export * from "./retry";
