/** Exact money: amounts are bigint pico-dollars (docs/decisions/0004). Pure, safe in the browser. */
export * from "./money";
