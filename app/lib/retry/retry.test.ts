import { afterEach, describe, expect, test, vi } from "vitest";
import { backoffDelay, retry } from "./retry";

/** A sleep that only writes down how long it was asked to wait. */
function recordedSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

/** Fails with the given errors, one per try, then answers "done". */
function failing(...errors: unknown[]) {
  const tries: number[] = [];
  const run = async (attempt: number) => {
    tries.push(attempt);
    if (tries.length <= errors.length) throw errors[tries.length - 1];
    return "done";
  };
  return { tries, run };
}

describe("backoffDelay", () => {
  test.each([
    // The usage recorder's database retries: 100 ms, doubling, at most 5 s.
    [{ firstMs: 100, maxMs: 5_000 }, [1, 2, 3, 6, 7, 8], [100, 200, 400, 3_200, 5_000, 5_000]],
    // Shopify's HTTP 429 and 5xx: 1 s, doubling, at most 20 s.
    [{ firstMs: 1_000, maxMs: 20_000 }, [1, 2, 5, 6], [1_000, 2_000, 16_000, 20_000]],
  ])("with %o, the waits after failures %o are %o ms", (backoff, attempts, waits) => {
    expect(attempts.map((attempt) => backoffDelay(attempt, backoff))).toEqual(waits);
  });

  test("stays at the cap however long the outage lasts, and starts at the first wait", () => {
    expect(backoffDelay(5_000, { firstMs: 100, maxMs: 5_000 })).toBe(5_000);
    expect(backoffDelay(0, { firstMs: 100, maxMs: 5_000 })).toBe(100);
  });
});

describe("retry", () => {
  test("tries again after each failure, waiting the backoff, until it succeeds", async () => {
    const { waits, sleep } = recordedSleep();
    const { tries, run } = failing(new Error("busy"), new Error("busy"));
    await expect(retry(run, { attempts: 5, delay: { firstMs: 100, maxMs: 5_000 }, sleep })).resolves.toBe("done");
    expect(tries).toEqual([1, 2, 3]);
    expect(waits).toEqual([100, 200]);
  });

  test("rethrows the last failure unchanged once the tries run out", async () => {
    const { waits, sleep } = recordedSleep();
    const last = new Error("still busy");
    const { tries, run } = failing(new Error("busy"), new Error("busy"), last);
    await expect(retry(run, { attempts: 3, delay: { firstMs: 10, maxMs: 15 }, sleep })).rejects.toBe(last);
    expect(tries).toEqual([1, 2, 3]);
    expect(waits).toEqual([10, 15]);
  });

  test("a failure not worth retrying is rethrown at once", async () => {
    const { waits, sleep } = recordedSleep();
    const refused = new TypeError("bad request");
    const { tries, run } = failing(refused);
    const shouldRetry = (error: unknown) => !(error instanceof TypeError);
    await expect(retry(run, { attempts: 5, delay: { firstMs: 10, maxMs: 10 }, shouldRetry, sleep })).rejects.toBe(
      refused,
    );
    expect(tries).toEqual([1]);
    expect(waits).toEqual([]);
  });

  test("the wait can be worked out from the failure and the try's number", async () => {
    const { waits, sleep } = recordedSleep();
    const { run } = failing({ retryAfterMs: 4_570 }, { retryAfterMs: 250 });
    const delay = (attempt: number, error: unknown) => (error as { retryAfterMs: number }).retryAfterMs + attempt;
    await retry(run, { attempts: 3, delay, sleep });
    expect(waits).toEqual([4_571, 252]);
  });

  test("always tries at least once", async () => {
    const { tries, run } = failing();
    await expect(retry(run, { attempts: 0, delay: { firstMs: 1, maxMs: 1 } })).resolves.toBe("done");
    expect(tries).toEqual([1]);
  });

  describe("without an injected sleep", () => {
    afterEach(() => void vi.useRealTimers());

    test("it waits on the clock, so fake timers decide when the next try runs", async () => {
      vi.useFakeTimers();
      const { tries, run } = failing(new Error("busy"));
      const result = retry(run, { attempts: 2, delay: { firstMs: 1_000, maxMs: 1_000 } });
      await vi.advanceTimersByTimeAsync(999);
      expect(tries).toEqual([1]);
      await vi.advanceTimersByTimeAsync(1);
      expect(tries).toEqual([1, 2]);
      await expect(result).resolves.toBe("done");
    });
  });
});
