import Anthropic from "@anthropic-ai/sdk";
import { scaledIntegerFromDecimal } from "~/lib/money";
import { canonicalModel } from "./app-figures.server";
import { addFigures, emptyFigures, type DayModelFigures } from "./compare";

/**
 * Anthropic's own account of the organization's usage, read with an Admin API key through the SDK: the Usage and
 * Cost Analytics API (`GET /v1/organizations/analytics/usage` and `/cost`, beta `analytics-usage-cost-2026-08-24`),
 * per UTC day (`time_bucket_width=1d`) and model. A request may span at most 31 days, so longer ranges are asked for
 * in pieces.
 */

export interface AdminClientSettings {
  adminKey: string;
  /** Defaults to Anthropic's API; the local Claude server answers these endpoints too. */
  baseURL?: string;
}

export function createAdminClient({ adminKey, baseURL }: AdminClientSettings): Anthropic {
  return new Anthropic({ apiKey: adminKey, baseURL, maxRetries: 2 });
}

const DAY_MS = 86_400_000;
const MAX_DAYS_PER_REQUEST = 31;

/** [start, end) pieces of at most 31 UTC days covering fromDay..toDay inclusive. */
export function reportWindows(fromDay: string, toDay: string): Array<{ starting_at: string; ending_at: string }> {
  const windows = [];
  const end = Date.parse(`${toDay}T00:00:00Z`) + DAY_MS;
  for (let start = Date.parse(`${fromDay}T00:00:00Z`); start < end; start += MAX_DAYS_PER_REQUEST * DAY_MS) {
    const stop = Math.min(start + MAX_DAYS_PER_REQUEST * DAY_MS, end);
    windows.push({ starting_at: new Date(start).toISOString(), ending_at: new Date(stop).toISOString() });
  }
  return windows;
}

/** Fractional cents ("12.3456789") as pico-dollars: 1 cent is 10^10 picos. */
export function picosFromCents(cents: string): bigint {
  return scaledIntegerFromDecimal(cents, 10);
}

function figuresOf(
  rows: Map<string, DayModelFigures>,
  startingAt: string,
  model: string | null,
): DayModelFigures["figures"] {
  const day = startingAt.slice(0, 10);
  const name = canonicalModel(model ?? "(no model)");
  const id = `${day}\u0000${name}`;
  let row = rows.get(id);
  if (!row) {
    row = { day, model: name, figures: emptyFigures() };
    rows.set(id, row);
  }
  return row.figures;
}

/** Every day-and-model row of usage and cost Anthropic reports between fromDay and toDay (UTC, inclusive). */
export async function anthropicUsageByDayAndModel(
  client: Anthropic,
  fromDay: string,
  toDay: string,
): Promise<DayModelFigures[]> {
  const rows = new Map<string, DayModelFigures>();
  for (const window of reportWindows(fromDay, toDay)) {
    const query = { ...window, time_bucket_width: "1d" as const, group_by: ["model" as const], limit: 1000 };
    for await (const item of client.beta.organization.analytics.usage.list(query)) {
      const usage = item.usage;
      addFigures(figuresOf(rows, item.starting_at, item.group.model), {
        ...emptyFigures(),
        calls: BigInt(usage.requests ?? 0),
        uncachedInputTokens: BigInt(usage.uncached_input_tokens),
        cacheWrite5mTokens: BigInt(usage.cache_creation.ephemeral_5m_input_tokens),
        cacheWrite1hTokens: BigInt(usage.cache_creation.ephemeral_1h_input_tokens),
        cacheReadTokens: BigInt(usage.cache_read_input_tokens),
        outputTokens: BigInt(usage.output_tokens),
        webSearchRequests: BigInt(usage.server_tool_use.web_search_requests),
      });
    }
    for await (const item of client.beta.organization.analytics.cost.list(query)) {
      if (item.cost.currency !== "USD") throw new Error(`cost report in ${item.cost.currency}, expected USD`);
      figuresOf(rows, item.starting_at, item.group.model).costPicos += picosFromCents(item.cost.amount);
    }
  }
  return [...rows.values()];
}
