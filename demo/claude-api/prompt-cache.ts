import type { PromptSegment } from "./prompt-segments";
import type { CacheTtl } from "./types";
import { hashString } from "./values";

/**
 * Prompt-cache simulation. Each cache breakpoint (a block with `cache_control`) names the prefix that ends at it,
 * identified by a hash chained over the model and every block up to it. On a request:
 *
 *  - read: the longest prefix already in the cache, looked up at each breakpoint and up to 20 blocks before it
 *    (the API's lookback, which is what lets a growing conversation reuse the previous turn's prefix);
 *  - write: the tokens from the end of that read prefix up to each later breakpoint, attributed to that
 *    breakpoint's TTL (`5m` default, or `1h`);
 *  - uncached: everything after the last breakpoint (`input_tokens`).
 *
 * Every breakpoint's prefix is then stored (a hit refreshes its lifetime at no cost). Entries expire after their
 * TTL on the state's clock. A breakpoint whose prefix is shorter than `minCacheableTokens` is ignored, as the
 * API ignores prefixes under the model's minimum (1024–4096 tokens); the default minimum is 0, so any prefix caches.
 */

export const CACHE_TTL_MS: Record<CacheTtl, number> = { "5m": 5 * 60_000, "1h": 60 * 60_000 };
export const CACHE_LOOKBACK_BLOCKS = 20;

export interface CacheUsage {
  /** Tokens after the last breakpoint (and every token when nothing is cached). */
  inputTokens: number;
  cacheReadInputTokens: number;
  cacheCreation5mInputTokens: number;
  cacheCreation1hInputTokens: number;
}

interface CacheEntry {
  expiresAt: number;
  ttl: CacheTtl;
}

export class PromptCache {
  readonly #entries = new Map<string, CacheEntry>();

  constructor(private readonly minCacheableTokens = 0) {}

  /** Number of live and not yet pruned entries. */
  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }

  /** Whether a prefix written for `model` ending at segment `endIndex` is cached at time `now` (for tests and debugging). */
  has(model: string, segments: readonly PromptSegment[], endIndex: number, now: number): boolean {
    const key = prefixHashes(model, segments)[endIndex];
    const entry = key === undefined ? undefined : this.#entries.get(key);
    return !!entry && entry.expiresAt > now;
  }

  /** Splits the request's input tokens into read / written / uncached, and records the written prefixes. */
  apply(model: string, segments: readonly PromptSegment[], now: number): CacheUsage {
    this.#prune(now);
    const total = segments.reduce((sum, segment) => sum + segment.tokens, 0);
    const cumulative: number[] = [];
    segments.reduce((sum, segment, index) => (cumulative[index] = sum + segment.tokens), 0);
    const prefixTokens = (endIndex: number) => (endIndex < 0 ? 0 : (cumulative[endIndex] ?? 0));

    const breakpoints = segments
      .map((segment, index) => ({ index, ttl: segment.cacheTtl }))
      .filter((point): point is { index: number; ttl: CacheTtl } => point.ttl !== null)
      .filter((point) => prefixTokens(point.index) >= this.minCacheableTokens && prefixTokens(point.index) > 0);
    const uncached: CacheUsage = {
      inputTokens: total,
      cacheReadInputTokens: 0,
      cacheCreation5mInputTokens: 0,
      cacheCreation1hInputTokens: 0,
    };
    if (breakpoints.length === 0) return uncached;

    const hashes = prefixHashes(model, segments);
    const inLookback = (index: number) =>
      breakpoints.some((point) => index <= point.index && index >= point.index - CACHE_LOOKBACK_BLOCKS);
    let readEnd = -1;
    const lastBreakpoint = breakpoints[breakpoints.length - 1]?.index ?? -1;
    for (let index = lastBreakpoint; index >= 0; index--) {
      const key = hashes[index];
      if (key !== undefined && inLookback(index) && this.#entries.has(key)) {
        readEnd = index;
        break;
      }
    }

    const usage: CacheUsage = { ...uncached, cacheReadInputTokens: prefixTokens(readEnd) };
    let writtenUpTo = readEnd;
    for (const point of breakpoints) {
      if (point.index <= writtenUpTo) continue;
      const written = prefixTokens(point.index) - prefixTokens(writtenUpTo);
      if (point.ttl === "1h") usage.cacheCreation1hInputTokens += written;
      else usage.cacheCreation5mInputTokens += written;
      writtenUpTo = point.index;
    }
    usage.inputTokens =
      total - usage.cacheReadInputTokens - usage.cacheCreation5mInputTokens - usage.cacheCreation1hInputTokens;

    const readKey = hashes[readEnd];
    const readEntry = readKey === undefined ? undefined : this.#entries.get(readKey);
    if (readKey !== undefined && readEntry) this.#store(readKey, readEntry.ttl, now);
    for (const point of breakpoints) {
      const key = hashes[point.index];
      if (key !== undefined) this.#store(key, point.ttl, now);
    }
    return usage;
  }

  #store(key: string, ttl: CacheTtl, now: number): void {
    const existing = this.#entries.get(key);
    const expiresAt = now + CACHE_TTL_MS[ttl];
    if (!existing || existing.expiresAt <= expiresAt) {
      this.#entries.set(key, {
        expiresAt,
        ttl: existing && CACHE_TTL_MS[existing.ttl] > CACHE_TTL_MS[ttl] ? existing.ttl : ttl,
      });
    }
  }

  #prune(now: number): void {
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) this.#entries.delete(key);
    }
  }
}

/** `hashes[i]` identifies the prefix made of segments 0..i for `model`. */
function prefixHashes(model: string, segments: readonly PromptSegment[]): string[] {
  const hashes: string[] = [];
  let previous = hashString(`model:${model}`);
  for (const segment of segments) {
    previous = hashString(`${previous}\u0000${segment.fingerprint}`);
    hashes.push(previous);
  }
  return hashes;
}
