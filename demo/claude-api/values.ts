/** Small helpers for handling untrusted JSON: type guards, a stable serialization and a fast string hash. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted, so two equal values always serialize the same way. `omitKeys` are dropped at every depth. */
export function stableStringify(value: unknown, omitKeys: ReadonlySet<string> = new Set()): string {
  if (Array.isArray(value)) return `[${value.map((item) => stableStringify(item, omitKeys)).join(",")}]`;
  if (isRecord(value)) {
    const entries = Object.keys(value)
      .filter((key) => !omitKeys.has(key) && value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableStringify(value[key], omitKeys)}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * A 106-bit non-cryptographic string hash (two 53-bit cyrb53 passes with different seeds), as hex.
 * Enough to tell prompt prefixes apart without node:crypto (this module also runs inside the Remix bundle).
 */
export function hashString(text: string): string {
  return (
    cyrb53(text, 0x9e3779b1).toString(16).padStart(14, "0") + cyrb53(text, 0x85ebca77).toString(16).padStart(14, "0")
  );
}

function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
