import type { BetaAnalyticsCostItem } from "@anthropic-ai/sdk/resources/beta/organization/analytics/cost";
import type { BetaAnalyticsUsageItem } from "@anthropic-ai/sdk/resources/beta/organization/analytics/usage";
import { priceCall } from "~/lib/pricing";
import type { ServedUsage, StubState } from "./state";

/**
 * The Admin API's Usage and Cost Analytics reports, answered from the calls this stub actually billed
 * (`state.served`): `GET /v1/organizations/analytics/usage` (tokens and requests) and `GET
 * /v1/organizations/analytics/cost` (USD in fractional cents), each in UTC time buckets (`time_bucket_width` 1d or
 * 1h), grouped by model when `group_by[]=model`, paged with `limit`/`page`. Shapes are the SDK's types
 * (`client.beta.organization.analytics.usage.list` / `.cost.list`). Only what the app's reconciliation asks for is
 * implemented: other dimensions come back null.
 */

export interface ReportQuery {
  startingAt: number;
  endingAt: number;
  bucketMs: number;
  byModel: boolean;
  limit: number;
  offset: number;
}

const BUCKETS: Record<string, number> = { "1d": 24 * 60 * 60_000, "1h": 60 * 60_000, "1m": 60_000 };

export function parseReportQuery(url: URL): ReportQuery | { error: string } {
  const startingAt = Date.parse(url.searchParams.get("starting_at") ?? "");
  if (Number.isNaN(startingAt)) return { error: "starting_at: Field required (RFC 3339)" };
  const width = url.searchParams.get("time_bucket_width") ?? "1d";
  const bucketMs = BUCKETS[width];
  if (!bucketMs) return { error: "time_bucket_width: Input should be '1d', '1h' or '1m'" };
  const endingAt = Date.parse(url.searchParams.get("ending_at") ?? "");
  if (Number.isNaN(endingAt)) return { error: "ending_at: required when time_bucket_width is set" };
  if (endingAt <= startingAt || endingAt - startingAt > 31 * BUCKETS["1d"]!) {
    return { error: "ending_at: the range must be after starting_at and span at most 31 days" };
  }
  const groupBy = [...url.searchParams.getAll("group_by[]"), ...url.searchParams.getAll("group_by")];
  const limit = Math.min(Math.max(Number(url.searchParams.get("limit") ?? 20) || 20, 1), 1000);
  const offset = Number(url.searchParams.get("page") ?? 0) || 0;
  return { startingAt, endingAt, bucketMs, byModel: groupBy.includes("model"), limit, offset };
}

interface Row {
  start: number;
  model: string | null;
  served: ServedUsage[];
}

function rowsOf(state: StubState, query: ReportQuery): Row[] {
  const rows = new Map<string, Row>();
  for (const entry of state.served) {
    if (entry.at < query.startingAt || entry.at >= query.endingAt) continue;
    const start = query.startingAt + Math.floor((entry.at - query.startingAt) / query.bucketMs) * query.bucketMs;
    const model = query.byModel ? entry.model : null;
    const key = `${start}\u0000${model}`;
    const row = rows.get(key) ?? { start, model, served: [] };
    row.served.push(entry);
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => a.start - b.start || String(a.model).localeCompare(String(b.model)));
}

function group(model: string | null) {
  return {
    actor: null,
    actor_type: null,
    agent_id: null,
    api_key_id: null,
    claude_tag_category: null,
    claude_tag_user_id: null,
    context_window: null,
    deployment_id: null,
    environment_id: null,
    inference_geo: null,
    model,
    organization_id: null,
    product: null,
    rbac_group_id: null,
    service_tier: null,
    session_id: null,
    slack_channel_id: null,
    speed: null,
    user_profile_id: null,
    workspace_id: null,
  };
}

function page<T>(items: T[], query: ReportQuery) {
  const data = items.slice(query.offset, query.offset + query.limit);
  const next = query.offset + data.length;
  const hasMore = next < items.length;
  return { data, has_more: hasMore, next_page: hasMore ? String(next) : null, data_refreshed_at: null };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

export function usageReport(state: StubState, query: ReportQuery) {
  const items: BetaAnalyticsUsageItem[] = rowsOf(state, query).map((row) => {
    const sum = (pick: (entry: ServedUsage) => number | null | undefined) =>
      row.served.reduce((total, entry) => total + (pick(entry) ?? 0), 0);
    const uncached = sum((entry) => entry.usage.input_tokens);
    const fiveMinute = sum((entry) => entry.usage.cache_creation?.ephemeral_5m_input_tokens);
    const oneHour = sum((entry) => entry.usage.cache_creation?.ephemeral_1h_input_tokens);
    const read = sum((entry) => entry.usage.cache_read_input_tokens);
    const output = sum((entry) => entry.usage.output_tokens);
    return {
      starting_at: iso(row.start),
      ending_at: iso(row.start + query.bucketMs),
      group: group(row.model),
      usage: {
        uncached_input_tokens: uncached,
        cache_creation: { ephemeral_5m_input_tokens: fiveMinute, ephemeral_1h_input_tokens: oneHour },
        cache_read_input_tokens: read,
        output_tokens: output,
        requests: row.served.length,
        server_tool_use: { web_search_requests: sum((entry) => entry.usage.server_tool_use?.web_search_requests) },
        total_tokens: uncached + fiveMinute + oneHour + read + output,
      },
    };
  });
  return page(items, query);
}

/** Pico-dollars as fractional cents ("12.3456"): 1 cent is 10^10 picos; exact. */
export function centsFromPicos(picos: bigint): string {
  const whole = picos / 10_000_000_000n;
  const fraction = (picos % 10_000_000_000n).toString().padStart(10, "0").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : whole.toString();
}

/** What Anthropic would bill for a served call: by default the app's own catalog (null when it has no price). */
export function defaultCostOf(served: ServedUsage): bigint | null {
  const usage = served.usage;
  return (
    priceCall(
      served.model,
      {
        inputTokens: usage.input_tokens,
        outputTokens: usage.output_tokens,
        cacheWrite5mTokens: usage.cache_creation?.ephemeral_5m_input_tokens ?? usage.cache_creation_input_tokens ?? 0,
        cacheWrite1hTokens: usage.cache_creation?.ephemeral_1h_input_tokens ?? 0,
        cacheReadTokens: usage.cache_read_input_tokens ?? 0,
        webSearchRequests: usage.server_tool_use?.web_search_requests ?? 0,
      },
      { at: new Date(served.at), batch: served.batch, speed: usage.speed, inferenceGeo: usage.inference_geo },
    )?.totalPicos ?? null
  );
}

export function costReport(state: StubState, query: ReportQuery) {
  const costOf = state.options.costOf ?? defaultCostOf;
  const items: BetaAnalyticsCostItem[] = rowsOf(state, query).map((row) => {
    const picos = row.served.reduce((total, entry) => total + (costOf(entry) ?? 0n), 0n);
    return {
      starting_at: iso(row.start),
      ending_at: iso(row.start + query.bucketMs),
      group: { ...group(row.model), cost_type: null, token_type: null },
      cost: {
        amount: centsFromPicos(picos),
        list_amount: centsFromPicos(picos),
        currency: "USD",
        requests: row.served.length,
      },
    };
  });
  return page(items, query);
}
