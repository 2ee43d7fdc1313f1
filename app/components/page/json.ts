import type { SerializeFrom } from "@remix-run/node";

/** A loader's value as the page receives it (after JSON): what components are typed against. */
export type JsonOf<T> = SerializeFrom<T>;
