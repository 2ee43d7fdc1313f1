/**
 * Backoff and retries, one way for the whole app: the usage recorder's database writes, Shopify's rate limits.
 * Nothing here reads the clock; waiting goes through a `sleep` the caller can replace, so tests control time.
 */

/** Exponential backoff: `firstMs` after the first failure, doubled after each further one, never above `maxMs`. */
export interface Backoff {
  firstMs: number;
  maxMs: number;
}

/** The wait after failure number `attempt` (1 for the first failure): 100, 200, 400 … ms for `firstMs: 100`. */
export function backoffDelay(attempt: number, { firstMs, maxMs }: Backoff): number {
  return Math.min(firstMs * 2 ** (Math.max(1, attempt) - 1), maxMs);
}

export type Sleep = (ms: number) => Promise<void>;

/** Waits `ms` milliseconds (the default `sleep`). */
export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryOptions {
  /** Tries in all, the first included (at least one). */
  attempts: number;
  /** The wait after failed try number `attempt`: a backoff, or worked out from the failure (e.g. a rate limit's reset). */
  delay: Backoff | ((attempt: number, error: unknown) => number);
  /** Whether a failure is worth another try; by default every failure is. */
  shouldRetry?: (error: unknown, attempt: number) => boolean;
  sleep?: Sleep;
}

/**
 * Runs `run` (given the try's number, from 1) until it succeeds, a failure is not worth retrying, or the tries run
 * out; then rethrows the last failure unchanged, for the caller to explain.
 */
export async function retry<T>(run: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { attempts, delay, shouldRetry = () => true, sleep: wait = sleep } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt);
    } catch (error) {
      if (attempt >= attempts || !shouldRetry(error, attempt)) throw error;
      await wait(typeof delay === "function" ? delay(attempt, error) : backoffDelay(attempt, delay));
    }
  }
}
