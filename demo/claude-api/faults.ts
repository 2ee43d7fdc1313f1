/**
 * Faults the stub injects on demand, either queued on the state (`state.enqueueFault`, applied to the next requests
 * that pass validation) or for one request through the `x-stub-fault` header, e.g. `x-stub-fault: overloaded` or
 * `x-stub-fault: slow; delayMs=1500; eventDelayMs=20`.
 */

export type StubFaultKind =
  /** 429 `rate_limit_error` with `retry-after`. */
  | "rate_limit"
  /** 529 `overloaded_error`. */
  | "overloaded"
  /** 500 `api_error`. */
  | "server_error"
  /** A normal answer after `delayMs` (default 2000) before the headers; streams also wait `eventDelayMs` (default 50) between events. */
  | "slow"
  /** Streams: sends `breakAfterEvents` events (default: through the second content delta) then cuts the connection. JSON: cuts the body halfway. */
  | "break_stream"
  /** Streams: sends some events then an SSE `event: error` (default `overloaded_error`) and ends, as the API does when overloaded mid-stream. JSON: a 529. */
  | "stream_error"
  /** 200 whose JSON body (or, for streams, one SSE event's data) is malformed. */
  | "invalid_json"
  /** Any other API error: `status` (default 400) and `errorType` (default `invalid_request_error`). */
  | "http_error";

export const STUB_FAULT_KINDS: readonly StubFaultKind[] = [
  "rate_limit",
  "overloaded",
  "server_error",
  "slow",
  "break_stream",
  "stream_error",
  "invalid_json",
  "http_error",
];

export interface StubFault {
  kind: StubFaultKind;
  /** How many requests this fault applies to (default 1; `Infinity` for all until cleared). */
  times?: number;
  /** Wait before answering, for any kind (default 2000 for `slow`, else 0). */
  delayMs?: number;
  /** `slow` streams: wait between SSE events (default 50). Other stream faults: default 0. */
  eventDelayMs?: number;
  /** Adds `retry-after` (seconds, may be fractional) to the error response. Default 1 for `rate_limit`. */
  retryAfterSeconds?: number;
  /** `break_stream` / `stream_error` / `invalid_json` streams: how many SSE events go out intact first. */
  breakAfterEvents?: number;
  /** `http_error`: the HTTP status. */
  status?: number;
  /** `http_error` / `stream_error`: the error `type` in the body. */
  errorType?: string;
  /** The error message, instead of the default one. */
  message?: string;
}

export const FAULT_HEADER = "x-stub-fault";

const NUMERIC_KEYS = ["times", "delayMs", "eventDelayMs", "retryAfterSeconds", "breakAfterEvents", "status"] as const;
const TEXT_KEYS = ["errorType", "message"] as const;

/** Parses `kind` or `kind; key=value; …` (keys as in `StubFault`). */
export function parseFaultHeader(value: string): { fault: StubFault } | { error: string } {
  const [rawKind, ...params] = value.split(";").map((part) => part.trim());
  const kind = STUB_FAULT_KINDS.find((candidate) => candidate === rawKind);
  if (!kind) {
    return {
      error: `${FAULT_HEADER}: unknown fault "${rawKind ?? ""}" (expected one of ${STUB_FAULT_KINDS.join(", ")})`,
    };
  }
  const fault: StubFault = { kind };
  for (const param of params.filter(Boolean)) {
    const eq = param.indexOf("=");
    const key = eq === -1 ? param : param.slice(0, eq).trim();
    const raw = eq === -1 ? "" : param.slice(eq + 1).trim();
    const numericKey = NUMERIC_KEYS.find((candidate) => candidate === key);
    const textKey = TEXT_KEYS.find((candidate) => candidate === key);
    if (numericKey) {
      const number = Number(raw);
      if (raw === "" || !Number.isFinite(number) || number < 0)
        return { error: `${FAULT_HEADER}: ${key} must be a number >= 0` };
      fault[numericKey] = number;
    } else if (textKey) {
      fault[textKey] = decodeURIComponent(raw);
    } else {
      return { error: `${FAULT_HEADER}: unknown parameter "${key}"` };
    }
  }
  return { fault };
}

/** Faults waiting for the next requests, in order. */
export class FaultQueue {
  readonly #queue: Array<{ fault: StubFault; remaining: number }> = [];

  enqueue(fault: StubFault): void {
    const times = fault.times ?? 1;
    if (!STUB_FAULT_KINDS.includes(fault.kind))
      throw new Error(`claude-stub: unknown fault kind "${String(fault.kind)}"`);
    if (!(times > 0)) throw new Error("claude-stub: a fault's `times` must be > 0");
    this.#queue.push({ fault, remaining: times });
  }

  /** The fault for the next request, if any (counts one use). */
  take(): StubFault | undefined {
    const head = this.#queue[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) this.#queue.shift();
    return head.fault;
  }

  /** The queued faults with their remaining uses. */
  pending(): Array<StubFault & { remaining: number }> {
    return this.#queue.map(({ fault, remaining }) => ({ ...fault, remaining }));
  }

  clear(): void {
    this.#queue.length = 0;
  }
}
