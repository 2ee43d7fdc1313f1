/**
 * The shop's calendar: days and months in the shop's IANA time zone, day ranges and their limits, the range presets
 * the pages offer, and wall-clock times. Pure functions, safe in the browser.
 */
export * from "./shop-calendar";
export * from "./date-range";
export * from "./local-time";
