/**
 * The time zone each shop had when this process last read its settings: what the AI usage page builds its one
 * statement's days with, so it need not read the shop's row first. Only a guess: the statement reads the row too, and a
 * page whose guess was wrong (the shop moved, another instance saw it first) is read again in the stored time zone, so
 * no instance shows figures for a time zone the shop has left. At most MAX_SHOPS shops, the least recently used
 * forgotten first.
 */
const MAX_SHOPS = 10_000;
const hints = new Map<string, string>();

export function lastKnownTimeZone(shop: string): string | undefined {
  return hints.get(shop);
}

export function rememberTimeZone(shop: string, timeZone: string): void {
  hints.delete(shop);
  if (hints.size >= MAX_SHOPS) hints.delete(hints.keys().next().value!);
  hints.set(shop, timeZone);
}

/** How many shops are remembered (for tests of the bound). */
export function rememberedShops(): number {
  return hints.size;
}
