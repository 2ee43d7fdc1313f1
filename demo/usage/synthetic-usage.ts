import { randomUUID } from "node:crypto";
import type { writeUsageBatch } from "~/lib/usage/index.server";

/** A call as the usage tracker queues it (what `writeUsageBatch` writes). */
type PendingCall = Parameters<typeof writeUsageBatch>[1][number];

/**
 * Realistic made-up usage for the demo's 90 days of history, the benchmark's million calls and test fixtures:
 * the SEO endpoints with their typical models, token counts, cache hits, latencies and occasional failures,
 * more on weekdays, with a growing trend. Deterministic for a given seed, so tests can rely on it.
 */
export interface SyntheticUsageOptions {
  shop: string;
  /** First and last instant of the period (UTC). */
  from: Date;
  to: Date;
  /** Total number of calls to spread over the period. */
  calls: number;
  seed?: number;
  staff?: readonly string[];
  /** Id prefix, so several generated sets never collide. */
  idPrefix?: string;
  /** A model per endpoint other than the profiles' own (the demo's merchant writes meta tags on Sonnet). */
  models?: Readonly<Record<string, string>>;
  /** The products and images calls are about (the demo's catalog); made-up ids otherwise. */
  resources?: { products: readonly string[]; images: readonly string[] };
}

interface EndpointProfile {
  endpoint: string;
  weight: number;
  model: string;
  resourceType: string | null;
  input: [number, number];
  output: [number, number];
  latencyMs: [number, number];
  fixType: string | null;
}

/** This app's features (the SEO tasks and Claude's cost tips), with the models the demo's history used. */
const PROFILES: readonly EndpointProfile[] = [
  {
    endpoint: "fix_meta",
    weight: 38,
    model: "claude-haiku-4-5-20251001",
    resourceType: "product",
    input: [900, 1_600],
    output: [80, 180],
    latencyMs: [700, 2_400],
    fixType: "meta",
  },
  {
    endpoint: "alt_text",
    weight: 30,
    model: "claude-haiku-4-5-20251001",
    resourceType: "image",
    input: [1_200, 2_200],
    output: [20, 60],
    latencyMs: [600, 1_800],
    fixType: "alt_text",
  },
  {
    endpoint: "analyze_product",
    weight: 29,
    model: "claude-sonnet-4-5-20250929",
    resourceType: "product",
    input: [2_500, 6_000],
    output: [400, 1_100],
    latencyMs: [3_000, 11_000],
    fixType: null,
  },
  {
    endpoint: "optimization_tips",
    weight: 3,
    model: "claude-sonnet-4-5-20250929",
    resourceType: null,
    input: [3_000, 5_000],
    output: [600, 1_500],
    latencyMs: [8_000, 20_000],
    fixType: null,
  },
];
const TOTAL_WEIGHT = PROFILES.reduce((sum, profile) => sum + profile.weight, 0);
const SYSTEM_PROMPT_TOKENS = 2_400;

/** mulberry32: a small, fast, seedable PRNG. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function* generateSyntheticUsage(options: SyntheticUsageOptions): Generator<PendingCall> {
  const next = random(options.seed ?? 1);
  const between = ([low, high]: [number, number]) => Math.round(low + (high - low) * next());
  const staff = options.staff ?? ["74291001", "74291002", "74291003"];
  const start = options.from.getTime();
  const span = Math.max(options.to.getTime() - start, 1);
  const prefix = options.idPrefix ?? randomUUID().slice(0, 8);

  for (let i = 0; i < options.calls; i++) {
    // Busier towards the end of the period (a shop growing into the app) and on weekdays.
    let offset = Math.sqrt(next()) * span;
    const weekday = new Date(start + offset).getUTCDay();
    if ((weekday === 0 || weekday === 6) && next() < 0.4) offset = Math.sqrt(next()) * span;
    let pick = next() * TOTAL_WEIGHT;
    const profile = PROFILES.find((candidate) => (pick -= candidate.weight) < 0) ?? PROFILES[0]!;
    const failed = next() < 0.025;
    // Answered from the app's own cache: no Claude call, so no tokens, and only a few milliseconds.
    const fromAppCache = !failed && next() < 0.03;
    const cachedSystemPrompt = profile.endpoint !== "optimization_tips" && next() < 0.8;
    const firstOfBurst = cachedSystemPrompt && next() < 0.1;
    // Runs resumed by the app itself after a restart are recorded as background work, with no staff member.
    const background = profile.resourceType !== null && next() < 0.06;
    const userId = background ? "automation" : staff[Math.floor(next() * staff.length)]!;

    yield {
      id: `${prefix}-${i}`,
      requestId: failed && next() < 0.5 ? null : `req_${prefix}_${i}`,
      shop: options.shop,
      userId,
      model: options.models?.[profile.endpoint] ?? profile.model,
      endpoint: profile.endpoint,
      inputTokens: failed || fromAppCache ? 0 : between(profile.input),
      outputTokens: failed || fromAppCache ? 0 : between(profile.output),
      cacheCreation5mTokens: !failed && !fromAppCache && firstOfBurst ? SYSTEM_PROMPT_TOKENS : 0,
      cacheCreation1hTokens: 0,
      cacheReadInputTokens: !failed && !fromAppCache && cachedSystemPrompt && !firstOfBurst ? SYSTEM_PROMPT_TOKENS : 0,
      webSearchRequests: 0,
      batch: false,
      connectionId: null,
      fixType: profile.fixType,
      resourceType: profile.resourceType,
      resourceId: resourceIdOf(profile.resourceType, next(), options.resources),
      latencyMs: failed ? between([200, 30_000]) : fromAppCache ? between([2, 20]) : between(profile.latencyMs),
      cached: fromAppCache,
      status: failed ? "error" : "success",
      errorType: failed ? (next() < 0.6 ? "overloaded_error" : "rate_limit_error") : null,
      errorMessage: failed ? "Overloaded" : null,
      httpStatus: failed ? 529 : null,
      timestamp: new Date(start + offset).toISOString(),
    };
  }
}

function resourceIdOf(
  resourceType: string | null,
  pick: number,
  resources: SyntheticUsageOptions["resources"],
): string | null {
  if (!resourceType) return null;
  const known = resourceType === "image" ? resources?.images : resources?.products;
  if (known && known.length > 0) return known[Math.floor(pick * known.length)]!;
  return `gid://shopify/${resourceType === "image" ? "MediaImage" : "Product"}/${1000 + Math.floor(pick * 400)}`;
}
