import Anthropic from "@anthropic-ai/sdk";
import { ClaudeNotConfiguredError, createMessageWithTracking } from "~/lib/usage/index.server";
import prisma from "~/db.server";
import { listCatalogModels, priceCall, resolveModel, type TokenUsage } from "~/lib/pricing";
import { errorTypeName, featureName, percent, usd, usdExact } from "~/lib/format";
import { addDays, daysInRange, type DayRange } from "~/lib/time";
import { BudgetExceededError } from "~/lib/budget/index.server";
import { getLatencyAndErrorsByEndpoint, todayOf } from "~/lib/analytics/index.server";
import { callsExplorerPath } from "~/lib/calls";
import { getSeoSettings, modelSettingFor, type SeoSettingsValues } from "~/lib/seo/index.server";

/**
 * Cost optimization tips from one shop's own usage rollups over the last 30 complete local days, each with the dollars it
 * would have saved, worked out exactly (pico-dollars) with the pricing catalog on the shop's real token counts:
 *
 * 1. Cheaper model: an endpoint on a Sonnet/Opus-class model whose answers are short (≤ 500 output tokens on
 *    average) priced again, token for token, at the current Haiku's prices.
 * 2. Prompt caching: an endpoint sending long prompts (≥ 2,048 tokens a call) with little read from the cache
 *    (< 20 %). The part of every prompt taken to repeat is the shortest uncached input any of its calls sent (every
 *    call sent at least that much; instructions and examples usually make up most of it), cached once per 10 calls
 *    (a 5-minute cache write at its price) and read from the cache by the other 9.
 * 3. Batch API: background ("automation") calls sent one by one; the Batch API bills every token at half price.
 * 4. Failing calls: what failed calls were billed for tokens that produced nothing; the retry that follows pays
 *    for the same prompt again.
 *
 * A tip is shown only when its saving is above $0; tips are ranked by saving. "Per month" means per 30 days: the
 * period's saving, projected to 30 days when the shop has used the app on fewer than 30 of them.
 * Calls answered from the app's own cache cost nothing and are left out; so are calls over a model's long-context
 * threshold (priced at other rates) from the cheaper-model tip.
 */

export const TIPS_PERIOD_DAYS = 30;
/** Fewer calls than this in the period, or fewer days of history, and the tips would be guesses. */
const MIN_CALLS_FOR_TIPS = 50;
const MIN_DAYS_FOR_TIPS = 7;
/** A group of calls needs this many to carry a tip of its own. */
const MIN_CALLS_PER_TIP = 20;
const SHORT_OUTPUT_TOKENS = 500;
const LONG_PROMPT_TOKENS = 2_048;
const LOW_CACHE_READ_SHARE = 0.2;
/** Below this the API does not cache a prompt prefix at all (1,024 tokens for most models). */
const MIN_CACHEABLE_TOKENS = 1_024;
const CACHE_WRITE_EVERY_CALLS = 10n;
const EXPENSIVE_FAMILIES = new Set(["fable", "mythos", "opus", "sonnet"]);

export type TipKind = "cheaper_model" | "prompt_caching" | "batch_api" | "failing_calls";

/** What a merchant can do about a tip, where the app has a way: switch an SEO task's model, or look at the calls. */
export type TipAction =
  | {
      kind: "switch_model";
      setting: "auditModel" | "fixModel";
      /** What the SEO settings call the setting ("Meta tags and alt text"). */
      settingLabel: string;
      model: string;
      modelName: string;
      /** The setting already uses the suggested model (new runs are cheaper already). */
      done: boolean;
    }
  | { kind: "calls"; url: string; label: string };

export interface OptimizationTip {
  kind: TipKind;
  endpoint: string;
  model: string | null;
  /** The model the tip suggests (cheaper-model tips). */
  suggestedModel: string | null;
  calls: number;
  /** What the period's calls would have saved, and that per 30 days. Pico-dollars, exact. */
  periodSavingPicos: bigint;
  monthlySavingPicos: bigint;
  title: string;
  why: string;
  action: TipAction | null;
}

export interface TipsReport {
  shop: string;
  period: DayRange;
  /** Days of the period the shop had the app (from its first call), which the monthly figures are scaled by. */
  observedDays: number;
  calls: number;
  costPicos: bigint;
  /** null when there is enough data; otherwise why the tips would be guesses. */
  tooLittleData: string | null;
  tips: OptimizationTip[];
}

/** Sums over the period's rollups for one combination of what the tips look at. */
export interface UsageGroup {
  endpoint: string;
  model: string;
  status: string;
  batch: boolean;
  cached: boolean;
  longContext: boolean;
  automation: boolean;
  errorType: string | null;
  calls: number;
  pricedCalls: number;
  inputTokens: bigint;
  outputTokens: bigint;
  cacheWrite5mTokens: bigint;
  cacheWrite1hTokens: bigint;
  cacheReadTokens: bigint;
  /** input + output + cache write + cache read costs (web searches cost the same on any model: left out). */
  tokenCostPicos: bigint;
  totalCostPicos: bigint;
  minInputTokens: number;
}

/** The 30 complete local days before today: today is still running, so it would read as a quiet day. */
export function tipsPeriod(today: string): DayRange {
  return { from: addDays(today, -TIPS_PERIOD_DAYS), to: addDays(today, -1) };
}

const big = (value: number | bigint | null | undefined) => BigInt(value ?? 0);

/** One aggregate query over the period's usage profile rollups (UsageProfileDaily), grouped for every tip. */
async function loadUsageGroups(shop: string, period: DayRange): Promise<UsageGroup[]> {
  if (!shop) throw new Error("Tips need a shop");
  const groups = await prisma.usageProfileDaily.groupBy({
    by: ["endpoint", "model", "status", "batch", "cached", "longContext", "automation", "errorType"],
    where: { shop, day: { gte: period.from, lte: period.to } },
    _sum: {
      calls: true,
      unpricedCalls: true,
      inputTokens: true,
      outputTokens: true,
      cacheWriteTokens: true,
      cacheWrite1hTokens: true,
      cacheReadTokens: true,
      costPicos: true,
      webSearchCostPicos: true,
    },
    _min: { minInputTokens: true },
  });
  return groups.map((group) => {
    const cacheWrites = big(group._sum.cacheWriteTokens);
    const cacheWrite1h = big(group._sum.cacheWrite1hTokens);
    const cost = big(group._sum.costPicos);
    const calls = group._sum.calls ?? 0;
    return {
      endpoint: group.endpoint,
      model: group.model,
      status: group.status,
      batch: group.batch,
      cached: group.cached,
      longContext: group.longContext,
      automation: group.automation,
      errorType: group.errorType === "" ? null : group.errorType,
      calls,
      pricedCalls: calls - (group._sum.unpricedCalls ?? 0),
      inputTokens: big(group._sum.inputTokens),
      outputTokens: big(group._sum.outputTokens),
      cacheWrite5mTokens: cacheWrites - cacheWrite1h,
      cacheWrite1hTokens: cacheWrite1h,
      cacheReadTokens: big(group._sum.cacheReadTokens),
      // Web searches cost the same on any model: the tips re-price tokens only.
      tokenCostPicos: cost - big(group._sum.webSearchCostPicos),
      totalCostPicos: cost,
      minInputTokens: group._min.minInputTokens ?? 0,
    };
  });
}

interface Rates {
  input: bigint;
  output: bigint;
  cacheWrite5m: bigint;
  cacheWrite1h: bigint;
  cacheRead: bigint;
}

const NO_TOKENS: TokenUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  cacheReadTokens: 0,
  webSearchRequests: 0,
};

/**
 * Pico-dollars per token of each kind for `model`, read from the catalog through `priceCall` one token at a time
 * (a summed usage would cross long-context thresholds that no single call crossed). Null when it has no price.
 */
export function ratesOf(model: string, batch: boolean, at: Date): Rates | null {
  const one = (field: keyof TokenUsage) =>
    priceCall(model, { ...NO_TOKENS, [field]: 1 }, { batch, at })?.totalPicos ?? null;
  const rates = {
    input: one("inputTokens"),
    output: one("outputTokens"),
    cacheWrite5m: one("cacheWrite5mTokens"),
    cacheWrite1h: one("cacheWrite1hTokens"),
    cacheRead: one("cacheReadTokens"),
  };
  return Object.values(rates).some((rate) => rate === null) ? null : (rates as Rates);
}

function costAt(rates: Rates, group: UsageGroup): bigint {
  return (
    group.inputTokens * rates.input +
    group.outputTokens * rates.output +
    group.cacheWrite5mTokens * rates.cacheWrite5m +
    group.cacheWrite1hTokens * rates.cacheWrite1h +
    group.cacheReadTokens * rates.cacheRead
  );
}

const count = (value: number | bigint) => Number(value).toLocaleString("en-US");
const displayName = (model: string) => resolveModel(model)?.displayName ?? model;

function groupBy<K>(groups: UsageGroup[], keyOf: (group: UsageGroup) => K): Map<K, UsageGroup[]> {
  const map = new Map<K, UsageGroup[]>();
  for (const group of groups) map.set(keyOf(group), [...(map.get(keyOf(group)) ?? []), group]);
  return map;
}

const sum = (
  groups: UsageGroup[],
  field:
    | "inputTokens"
    | "outputTokens"
    | "cacheReadTokens"
    | "cacheWrite5mTokens"
    | "cacheWrite1hTokens"
    | "tokenCostPicos"
    | "totalCostPicos",
) => groups.reduce((total, group) => total + group[field], 0n);
const callsOf = (groups: UsageGroup[]) => groups.reduce((total, group) => total + group.calls, 0);

type TipDraft = Omit<OptimizationTip, "monthlySavingPicos" | "action">;

/** The current Haiku (cheapest current family), the model short answers are moved to. */
function cheapModel(): string | null {
  const current = listCatalogModels().filter((model) => model.family === "haiku" && model.status === "current");
  return current[0]?.id ?? null;
}

/** Billed, successful, priced calls of an endpoint on one model: what re-pricing tips work on. */
function billedSuccesses(groups: UsageGroup[]): UsageGroup[] {
  return groups.filter((group) => group.status === "success" && !group.cached && group.pricedCalls === group.calls);
}

function cheaperModelTips(groups: UsageGroup[], at: Date): TipDraft[] {
  const target = cheapModel();
  if (!target) return [];
  const tips: TipDraft[] = [];
  for (const [key, modelGroups] of groupBy(
    billedSuccesses(groups),
    (group) => `${group.endpoint}\u0000${group.model}`,
  )) {
    const [endpoint, model] = key.split("\u0000") as [string, string];
    const family = resolveModel(model)?.family;
    if (!family || !EXPENSIVE_FAMILIES.has(family)) continue;
    const standard = modelGroups.filter((group) => !group.longContext);
    const calls = callsOf(standard);
    if (calls < MIN_CALLS_PER_TIP) continue;
    const averageOutput = Number(sum(standard, "outputTokens")) / calls;
    if (averageOutput > SHORT_OUTPUT_TOKENS) continue;
    let actual = 0n;
    let alternative = 0n;
    for (const group of standard) {
      const rates = ratesOf(target, group.batch, at);
      if (!rates) return tips;
      actual += group.tokenCostPicos;
      alternative += costAt(rates, group);
    }
    const saving = actual - alternative;
    tips.push({
      kind: "cheaper_model",
      endpoint,
      model,
      suggestedModel: target,
      calls,
      periodSavingPicos: saving,
      title: `Run “${featureName(endpoint)}” on ${displayName(target)} instead of ${displayName(model)}`,
      why:
        `${count(calls)} “${featureName(endpoint)}” calls on ${displayName(model)} wrote short answers (${count(Math.round(averageOutput))} output tokens on average), ` +
        `the kind of tightly specified task ${displayName(target)} handles. The same tokens at ${displayName(target)}'s prices would have cost ` +
        `${usd(alternative)} instead of ${usd(actual)}. Try it on a sample first and compare the answers.`,
    });
  }
  return tips;
}

function promptCachingTips(groups: UsageGroup[], at: Date): TipDraft[] {
  const tips: TipDraft[] = [];
  for (const [key, modelGroups] of groupBy(
    billedSuccesses(groups),
    (group) => `${group.endpoint}\u0000${group.model}`,
  )) {
    const [endpoint, model] = key.split("\u0000") as [string, string];
    const calls = callsOf(modelGroups);
    if (calls < MIN_CALLS_PER_TIP) continue;
    const cacheRead = sum(modelGroups, "cacheReadTokens");
    const prompt =
      sum(modelGroups, "inputTokens") +
      sum(modelGroups, "cacheWrite5mTokens") +
      sum(modelGroups, "cacheWrite1hTokens") +
      cacheRead;
    const readShare = prompt === 0n ? 0 : Number((cacheRead * 10_000n) / prompt) / 10_000;
    if (Number(prompt) / calls < LONG_PROMPT_TOKENS || readShare >= LOW_CACHE_READ_SHARE) continue;
    const repeated = BigInt(Math.min(...modelGroups.map((group) => group.minInputTokens)));
    if (repeated < MIN_CACHEABLE_TOKENS) continue;
    let saving = 0n;
    for (const group of modelGroups) {
      const rates = ratesOf(model, group.batch, at);
      if (!rates) return tips;
      const calls = BigInt(group.calls);
      const writes = (calls + CACHE_WRITE_EVERY_CALLS - 1n) / CACHE_WRITE_EVERY_CALLS;
      const reads = calls - writes;
      saving +=
        reads * repeated * (rates.input - rates.cacheRead) - writes * repeated * (rates.cacheWrite5m - rates.input);
    }
    tips.push({
      kind: "prompt_caching",
      endpoint,
      model,
      suggestedModel: null,
      calls,
      periodSavingPicos: saving,
      title: `Cache the repeated start of the prompts for “${featureName(endpoint)}”`,
      why:
        `${count(calls)} “${featureName(endpoint)}” calls on ${displayName(model)} sent ${count(Math.round(Number(prompt) / calls))} prompt tokens each on average, ` +
        `and only ${percent(readShare * 100)} of them were read from the prompt cache. Every call sent at least ${count(repeated)} uncached ` +
        `input tokens; with that much of the prompt (instructions, examples) marked for caching, written once per ${CACHE_WRITE_EVERY_CALLS} calls and ` +
        `read at the cache price by the rest, these calls would have cost ${usd(saving)} less.`,
    });
  }
  return tips;
}

function batchApiTips(groups: UsageGroup[]): TipDraft[] {
  const tips: TipDraft[] = [];
  const oneByOne = billedSuccesses(groups).filter((group) => group.automation && !group.batch);
  for (const [endpoint, endpointGroups] of groupBy(oneByOne, (group) => group.endpoint)) {
    const calls = callsOf(endpointGroups);
    if (calls < MIN_CALLS_PER_TIP) continue;
    // Every token price is an even number of pico-dollars, so half of the token cost is exact.
    const tokenCost = sum(endpointGroups, "tokenCostPicos");
    const saving = tokenCost / 2n;
    tips.push({
      kind: "batch_api",
      endpoint,
      model: endpointGroups.length === 1 ? endpointGroups[0]!.model : null,
      suggestedModel: null,
      calls,
      periodSavingPicos: saving,
      title: `Send background “${featureName(endpoint)}” work through the Batch API`,
      why:
        `${count(calls)} “${featureName(endpoint)}” calls ran in the background (no one waiting on the answer) and were sent one at a time for ` +
        `${usd(tokenCost)} of tokens. The Message Batches API answers within 24 hours (usually far sooner) and bills every token at half price.`,
    });
  }
  return tips;
}

function failingCallTips(groups: UsageGroup[]): TipDraft[] {
  const tips: TipDraft[] = [];
  for (const [endpoint, endpointGroups] of groupBy(groups, (group) => group.endpoint)) {
    const failed = endpointGroups.filter((group) => group.status === "error");
    const failedCalls = callsOf(failed);
    const allCalls = callsOf(endpointGroups);
    const saving = sum(failed, "totalCostPicos");
    if (failedCalls === 0) continue;
    const byType = [...groupBy(failed, (group) => group.errorType ?? "unknown error")].sort(
      (a, b) => callsOf(b[1]) - callsOf(a[1]),
    );
    const [topType, topGroups] = byType[0]!;
    tips.push({
      kind: "failing_calls",
      endpoint,
      model: null,
      suggestedModel: null,
      calls: failedCalls,
      periodSavingPicos: saving,
      title: `Stop “${featureName(endpoint)}” calls failing`,
      why:
        `${count(failedCalls)} of ${count(allCalls)} “${featureName(endpoint)}” calls failed (${percent((failedCalls / allCalls) * 100)}), most often with ` +
        `${errorTypeName(topType)}: ${count(callsOf(topGroups))}. Anthropic billed ${usd(saving)} for tokens those calls used before failing, and each ` +
        `retry sent the same prompt again. Retrying with backoff, sending fewer calls at once and streaming long answers avoids most of these.`,
    });
  }
  return tips;
}

async function firstUsageDay(shop: string): Promise<string | null> {
  const first = await prisma.usageRollupDaily.findFirst({
    where: { shop },
    orderBy: { day: "asc" },
    select: { day: true },
  });
  return first?.day ?? null;
}

/** Tips ranked by saving, with what they rest on; `now` picks today and the prices the alternatives use. */
export async function getOptimizationTips(shop: string, now: Date = new Date()): Promise<TipsReport> {
  return (await analyseUsage(shop, now)).report;
}

/** The action a tip leads to: the SEO setting to switch (and whether it already is), or the calls behind it. */
function actionFor(tip: TipDraft, period: DayRange, settings: SeoSettingsValues): TipAction | null {
  const target = modelSettingFor(tip.endpoint);
  if (tip.kind === "cheaper_model" && tip.suggestedModel && target) {
    const current = resolveModel(settings[target.setting])?.id ?? settings[target.setting];
    return {
      kind: "switch_model",
      setting: target.setting,
      settingLabel: target.label,
      model: tip.suggestedModel,
      modelName: displayName(tip.suggestedModel),
      done: current === (resolveModel(tip.suggestedModel)?.id ?? tip.suggestedModel),
    };
  }
  if (tip.kind === "failing_calls") {
    return {
      kind: "calls",
      url: callsExplorerPath(period, { endpoint: tip.endpoint, status: "error" }),
      label: "See the failed calls",
    };
  }
  return {
    kind: "calls",
    url: callsExplorerPath(period, { endpoint: tip.endpoint, ...(tip.model ? { model: tip.model } : {}) }),
    label: "See these calls",
  };
}

async function analyseUsage(shop: string, now: Date): Promise<{ report: TipsReport; groups: UsageGroup[] }> {
  const period = tipsPeriod(await todayOf({ shop }, now));
  const [groups, firstDay] = await Promise.all([loadUsageGroups(shop, period), firstUsageDay(shop)]);
  const observedDays =
    firstDay === null || firstDay > period.to
      ? 0
      : daysInRange({ from: firstDay > period.from ? firstDay : period.from, to: period.to });
  const calls = callsOf(groups);
  const report = { shop, period, observedDays, calls, costPicos: sum(groups, "totalCostPicos") };

  const tooLittleData =
    calls < MIN_CALLS_FOR_TIPS
      ? `Only ${count(calls)} Claude calls in the last ${TIPS_PERIOD_DAYS} days: tips need at least ${MIN_CALLS_FOR_TIPS} to say anything reliable.`
      : observedDays < MIN_DAYS_FOR_TIPS
        ? `Your store has ${observedDays} full ${observedDays === 1 ? "day" : "days"} of usage so far: tips need at least a week.`
        : null;
  if (tooLittleData) return { report: { ...report, tooLittleData, tips: [] }, groups };

  const drafts = [
    ...cheaperModelTips(groups, now),
    ...promptCachingTips(groups, now),
    ...batchApiTips(groups),
    ...failingCallTips(groups),
  ];
  const settings = await getSeoSettings(shop);
  const tips = drafts
    .filter((tip) => tip.periodSavingPicos > 0n)
    .map((tip) => ({
      ...tip,
      monthlySavingPicos: (tip.periodSavingPicos * BigInt(TIPS_PERIOD_DAYS)) / BigInt(observedDays),
      action: actionFor(tip, period, settings),
    }))
    .sort((a, b) =>
      a.periodSavingPicos === b.periodSavingPicos
        ? a.title.localeCompare(b.title)
        : a.periodSavingPicos > b.periodSavingPicos
          ? -1
          : 1,
    );
  return { report: { ...report, tooLittleData: null, tips }, groups };
}

/** The model asked for suggestions: the current mid-size model, as for SEO audits. */
export const TIPS_MODEL = "claude-sonnet-5-5";
export const TIPS_ENDPOINT = "optimization_tips";

/**
 * What Claude is shown: usage figures per endpoint and model, latency and errors per endpoint, and the tips the
 * app already computed. Only names of endpoints, models and error types and numbers: no product, customer, staff
 * or resource data (no ids, no prompts, no answers).
 */
async function aggregatesForClaude(shop: string, now: Date = new Date()) {
  const { report, groups } = await analyseUsage(shop, now);
  const health = await getLatencyAndErrorsByEndpoint({ shop }, report.period);
  const byEndpointModel = [...groupBy(groups, (group) => `${group.endpoint}\u0000${group.model}`)].map(
    ([key, rows]) => {
      const [endpoint, model] = key.split("\u0000") as [string, string];
      const calls = callsOf(rows);
      const average = (field: "inputTokens" | "outputTokens" | "cacheReadTokens") =>
        Math.round(Number(sum(rows, field)) / calls);
      const errors = rows.filter((row) => row.status === "error");
      return {
        endpoint,
        model,
        calls,
        failedCalls: callsOf(errors),
        errorTypes: Object.fromEntries(
          [...groupBy(errors, (row) => row.errorType ?? "unknown")].map(([type, typed]) => [type, callsOf(typed)]),
        ),
        answeredFromAppCache: callsOf(rows.filter((row) => row.cached)),
        sentAsBatch: callsOf(rows.filter((row) => row.batch)),
        backgroundCalls: callsOf(rows.filter((row) => row.automation)),
        averageInputTokens: average("inputTokens"),
        averageOutputTokens: average("outputTokens"),
        averageCacheReadTokens: average("cacheReadTokens"),
        averageCacheWriteTokens: Math.round(
          Number(sum(rows, "cacheWrite5mTokens") + sum(rows, "cacheWrite1hTokens")) / calls,
        ),
        costUsd: usdExact(sum(rows, "totalCostPicos")),
      };
    },
  );
  return {
    period: report.period,
    totalCalls: report.calls,
    totalCostUsd: usdExact(report.costPicos),
    byEndpointAndModel: byEndpointModel,
    latencyAndErrorsByEndpoint: health.map((row) => ({
      endpoint: row.endpoint,
      calls: row.calls,
      errorRatePercent: Math.round(row.errorRate * 1000) / 10,
      p50LatencyMs: row.p50LatencyMs === null ? null : Math.round(row.p50LatencyMs),
      p95LatencyMs: row.p95LatencyMs === null ? null : Math.round(row.p95LatencyMs),
    })),
    tipsAlreadyShown: report.tips.map((tip) => ({
      kind: tip.kind,
      endpoint: tip.endpoint,
      savingPerMonthUsd: usdExact(tip.monthlySavingPicos),
    })),
  };
}

const SYSTEM_PROMPT = [
  "You advise a Shopify merchant on spending less on the Claude API, which their store's AI SEO features use",
  "(endpoints: analyze_product audits a product listing, fix_meta writes meta titles and descriptions, alt_text writes",
  "image alt text, optimization_tips is this advice). You see only aggregate usage figures. In the app's SEO settings the",
  "merchant chooses one model for audits and one for meta tags and alt text. Name features as the merchant reads them",
  "(Product SEO audits, Meta titles and descriptions, Image alt text) and amounts in dollars and cents.",
  "Give at most 5 concrete suggestions, most valuable first, each in one or two sentences naming the figures it rests on.",
  "Do not repeat the tips the merchant has already been shown unless you add something new. Plain text, one suggestion",
  "per line, each line starting with '- '.",
].join(" ");

/**
 * Asks Claude for suggestions from the aggregates, as a tracked `optimization_tips` call by the staff member.
 * Throws what `createMessageWithTracking` throws (BudgetExceededError before sending, the SDK's errors after).
 */
export async function askClaudeForTips(options: {
  anthropic: Anthropic;
  shop: string;
  userId: string;
  now?: Date;
}): Promise<string> {
  const aggregates = await aggregatesForClaude(options.shop, options.now);
  const message = await createMessageWithTracking(
    options.anthropic,
    {
      model: TIPS_MODEL,
      max_tokens: 1_024,
      system: SYSTEM_PROMPT,
      messages: [
        {
          role: "user",
          content: `My store's Claude usage over ${aggregates.period.from} to ${aggregates.period.to}, as JSON:\n${JSON.stringify(aggregates, null, 2)}`,
        },
      ],
    },
    { shop: options.shop, userId: options.userId, endpoint: TIPS_ENDPOINT },
  );
  return message.content
    .flatMap((block) => (block.type === "text" ? [block.text] : []))
    .join("\n")
    .trim();
}

/**
 * What the merchant is told when asking Claude fails in an expected way, with the HTTP status the action answers;
 * null for anything unexpected (a bug: let it reach the error boundary).
 */
export function describeAskFailure(error: unknown): { status: number; message: string } | null {
  if (error instanceof BudgetExceededError) return { status: 403, message: error.message };
  if (error instanceof ClaudeNotConfiguredError)
    return { status: 503, message: "Claude is not set up for this app yet, so it cannot be asked." };
  if (error instanceof Anthropic.APIError) {
    const detail =
      error.status === 429 || error.status === 529 ? "Claude is busy right now" : "Claude could not answer";
    const reason = error.status ? ` (HTTP ${error.status}${error.type ? `, ${error.type}` : ""})` : "";
    return { status: 502, message: `${detail}${reason}. Try again in a minute.` };
  }
  return null;
}
