/**
 * The one serializer between loaders and pages. JSON has no bigint, so exact amounts (pico-dollars, token counts)
 * travel as decimal strings, and pages turn them back with `BigInt(…)` (the format module does). Dates travel as
 * ISO-8601 strings, as Remix's `json` sends them. Loaders return `json(toWire(data))`; components are typed with
 * `Wire<…>` of what the library returned, so the two cannot drift apart.
 */
export type Wire<T> = T extends bigint
  ? string
  : T extends Date
    ? string
    : T extends ReadonlyArray<infer Item>
      ? Array<Wire<Item>>
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

export function toWire<T>(value: T): Wire<T> {
  return convert(value) as Wire<T>;
}

function convert(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(convert);
  if (value !== null && typeof value === "object") {
    // Keys, not entries: a page's data has thousands of properties, and a pair per property was most of its garbage.
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = convert((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}
