import { Prisma, type PrismaClient } from "@prisma/client";
import { cacheSavingsPicos, priceCall, type CallCost, type PriceOverride } from "~/lib/pricing";
import { localDayOf } from "~/lib/time/shop-calendar";
import { latencyBucketOf } from "./latency-buckets";
import type { PendingCall } from "./pending-call";
import { loadPriceOverrides } from "./price-overrides.server";

/**
 * Writes tracked calls to the database: each call priced from the catalog (or a negotiated override) at the
 * moment it was made, its row inserted, and the daily rollups and latency histograms incremented, all in one
 * transaction. A call whose id (or Anthropic request id) is already stored is skipped, so a retried or
 * replayed write never counts twice.
 */
export interface WriteResult {
  written: number;
  duplicates: number;
}

type Db = PrismaClient | Prisma.TransactionClient;
const CHUNK = 400;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function writeUsageBatch(db: PrismaClient, calls: readonly PendingCall[]): Promise<WriteResult> {
  const unique = [...new Map(calls.map((call) => [call.id, call])).values()];
  if (unique.length === 0) return { written: 0, duplicates: calls.length };
  const shops = [...new Set(unique.map((call) => call.shop))];
  const [zones, overrides] = await Promise.all([loadTimeZones(db, shops), loadPriceOverrides(db, shops)]);

  return db.$transaction(
    async (tx) => {
      const fresh = await withoutStoredCalls(tx, unique);
      const rows = fresh.map((call) => toRow(call, zones.get(call.shop) ?? "UTC", overrides(call.shop)));
      for (const part of chunks(rows)) await tx.aPIUsageLog.createMany({ data: part });
      await incrementRollups(tx, rows);
      await incrementLatencyHistograms(tx, rows);
      return { written: rows.length, duplicates: calls.length - rows.length };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

async function loadTimeZones(db: Db, shops: string[]): Promise<Map<string, string>> {
  const settings = await db.shop.findMany({ where: { shop: { in: shops } }, select: { shop: true, ianaTimezone: true } });
  return new Map(settings.map((row) => [row.shop, row.ianaTimezone]));
}

async function withoutStoredCalls(tx: Db, calls: PendingCall[]): Promise<PendingCall[]> {
  const storedIds = new Set<string>();
  const storedRequestIds = new Set<string>();
  for (const part of chunks(calls)) {
    const ids = part.map((call) => call.id);
    const requestIds = part.flatMap((call) => (call.requestId ? [call.requestId] : []));
    const stored = await tx.aPIUsageLog.findMany({
      where: { OR: [{ id: { in: ids } }, ...(requestIds.length ? [{ requestId: { in: requestIds } }] : [])] },
      select: { id: true, requestId: true },
    });
    for (const row of stored) {
      storedIds.add(row.id);
      if (row.requestId) storedRequestIds.add(row.requestId);
    }
  }
  const seenRequestIds = new Set<string>();
  return calls.filter((call) => {
    if (storedIds.has(call.id)) return false;
    if (call.requestId) {
      if (storedRequestIds.has(call.requestId) || seenRequestIds.has(call.requestId)) return false;
      seenRequestIds.add(call.requestId);
    }
    return true;
  });
}

const FREE: Omit<CallCost, "model"> = {
  inputPicos: 0n,
  outputPicos: 0n,
  cacheWritePicos: 0n,
  cacheReadPicos: 0n,
  webSearchPicos: 0n,
  totalPicos: 0n,
  longContext: false,
  source: "catalog",
  batch: false,
  priceEffectiveFrom: "",
};

export function priceOf(call: PendingCall, overrides: readonly PriceOverride[]) {
  // Answered from the app's own cache: no Claude call happened, so nothing was billed.
  if (call.cached) return { cost: FREE, savings: 0n };
  const options = { batch: call.batch, at: new Date(call.timestamp), overrides };
  const cost = priceCall(
    call.model,
    {
      inputTokens: call.inputTokens,
      outputTokens: call.outputTokens,
      cacheWrite5mTokens: call.cacheCreation5mTokens,
      cacheWrite1hTokens: call.cacheCreation1hTokens,
      cacheReadTokens: call.cacheReadInputTokens,
      webSearchRequests: call.webSearchRequests,
    },
    options,
  );
  const savings = cost ? cacheSavingsPicos(call.model, call.cacheReadInputTokens, options) : null;
  return { cost, savings };
}

type UsageRow = Prisma.APIUsageLogCreateManyInput & { localDay: string; latencyMs: number };

function toRow(call: PendingCall, timeZone: string, overrides: readonly PriceOverride[]): UsageRow {
  const { cost, savings } = priceOf(call, overrides);
  const cacheWrites = call.cacheCreation5mTokens + call.cacheCreation1hTokens;
  const timestamp = new Date(call.timestamp);
  return {
    id: call.id,
    requestId: call.requestId,
    shop: call.shop,
    userId: call.userId,
    model: call.model,
    endpoint: call.endpoint,
    inputTokens: call.inputTokens,
    outputTokens: call.outputTokens,
    cacheCreationInputTokens: cacheWrites,
    cacheCreation5mTokens: call.cacheCreation5mTokens,
    cacheCreation1hTokens: call.cacheCreation1hTokens,
    cacheReadInputTokens: call.cacheReadInputTokens,
    totalTokens: call.inputTokens + call.outputTokens + cacheWrites + call.cacheReadInputTokens,
    webSearchRequests: call.webSearchRequests,
    batch: call.batch,
    inputCostPicos: cost?.inputPicos ?? null,
    outputCostPicos: cost?.outputPicos ?? null,
    cacheWriteCostPicos: cost?.cacheWritePicos ?? null,
    cacheReadCostPicos: cost?.cacheReadPicos ?? null,
    webSearchCostPicos: cost?.webSearchPicos ?? null,
    totalCostPicos: cost?.totalPicos ?? null,
    cacheSavingsPicos: savings,
    priceSource: cost?.source ?? null,
    longContext: cost?.longContext ?? false,
    connectionId: call.connectionId,
    fixType: call.fixType,
    resourceType: call.resourceType,
    resourceId: call.resourceId,
    latencyMs: call.latencyMs,
    cached: call.cached,
    status: call.status,
    errorType: call.errorType,
    errorMessage: call.errorMessage,
    httpStatus: call.httpStatus,
    timestamp,
    localDay: localDayOf(timestamp, timeZone),
  };
}

interface RollupDelta {
  shop: string;
  day: string;
  model: string;
  endpoint: string;
  resourceType: string;
  userId: string;
  status: string;
  calls: number;
  cachedCalls: number;
  batchCalls: number;
  unpricedCalls: number;
  inputTokens: bigint;
  outputTokens: bigint;
  cacheWriteTokens: bigint;
  cacheReadTokens: bigint;
  totalTokens: bigint;
  webSearchRequests: number;
  costPicos: bigint;
  cacheSavingsPicos: bigint;
  latencyMsSum: bigint;
}

export function rollupDeltasOf(rows: readonly UsageRow[]): RollupDelta[] {
  const deltas = new Map<string, RollupDelta>();
  for (const row of rows) {
    const resourceType = row.resourceType ?? "";
    const key = [row.shop, row.localDay, row.model, row.endpoint, resourceType, row.userId, row.status].join("\u0000");
    let delta = deltas.get(key);
    if (!delta) {
      delta = {
        shop: row.shop,
        day: row.localDay,
        model: row.model,
        endpoint: row.endpoint,
        resourceType,
        userId: row.userId,
        status: row.status,
        calls: 0,
        cachedCalls: 0,
        batchCalls: 0,
        unpricedCalls: 0,
        inputTokens: 0n,
        outputTokens: 0n,
        cacheWriteTokens: 0n,
        cacheReadTokens: 0n,
        totalTokens: 0n,
        webSearchRequests: 0,
        costPicos: 0n,
        cacheSavingsPicos: 0n,
        latencyMsSum: 0n,
      };
      deltas.set(key, delta);
    }
    delta.calls += 1;
    if (row.cached) delta.cachedCalls += 1;
    if (row.batch) delta.batchCalls += 1;
    if (row.totalCostPicos === null || row.totalCostPicos === undefined) delta.unpricedCalls += 1;
    delta.inputTokens += BigInt(row.inputTokens);
    delta.outputTokens += BigInt(row.outputTokens);
    delta.cacheWriteTokens += BigInt(row.cacheCreationInputTokens ?? 0);
    delta.cacheReadTokens += BigInt(row.cacheReadInputTokens ?? 0);
    delta.totalTokens += BigInt(row.totalTokens);
    delta.webSearchRequests += row.webSearchRequests ?? 0;
    delta.costPicos += BigInt(row.totalCostPicos ?? 0n);
    delta.cacheSavingsPicos += BigInt(row.cacheSavingsPicos ?? 0n);
    delta.latencyMsSum += BigInt(row.latencyMs);
  }
  return [...deltas.values()];
}

async function incrementRollups(tx: Db, rows: readonly UsageRow[]): Promise<void> {
  for (const part of chunks(rollupDeltasOf(rows), 200)) {
    const values = part.map(
      (d) =>
        Prisma.sql`(${d.shop}, ${d.day}, ${d.model}, ${d.endpoint}, ${d.resourceType}, ${d.userId}, ${d.status}, ${d.calls}, ${d.cachedCalls}, ${d.batchCalls}, ${d.unpricedCalls}, ${d.inputTokens}, ${d.outputTokens}, ${d.cacheWriteTokens}, ${d.cacheReadTokens}, ${d.totalTokens}, ${d.webSearchRequests}, ${d.costPicos}, ${d.cacheSavingsPicos}, ${d.latencyMsSum})`,
    );
    await tx.$executeRaw`
      INSERT INTO "UsageRollupDaily" ("shop", "day", "model", "endpoint", "resourceType", "userId", "status",
        "calls", "cachedCalls", "batchCalls", "unpricedCalls", "inputTokens", "outputTokens", "cacheWriteTokens",
        "cacheReadTokens", "totalTokens", "webSearchRequests", "costPicos", "cacheSavingsPicos", "latencyMsSum")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("shop", "day", "model", "endpoint", "resourceType", "userId", "status") DO UPDATE SET
        "calls" = "UsageRollupDaily"."calls" + excluded."calls",
        "cachedCalls" = "UsageRollupDaily"."cachedCalls" + excluded."cachedCalls",
        "batchCalls" = "UsageRollupDaily"."batchCalls" + excluded."batchCalls",
        "unpricedCalls" = "UsageRollupDaily"."unpricedCalls" + excluded."unpricedCalls",
        "inputTokens" = "UsageRollupDaily"."inputTokens" + excluded."inputTokens",
        "outputTokens" = "UsageRollupDaily"."outputTokens" + excluded."outputTokens",
        "cacheWriteTokens" = "UsageRollupDaily"."cacheWriteTokens" + excluded."cacheWriteTokens",
        "cacheReadTokens" = "UsageRollupDaily"."cacheReadTokens" + excluded."cacheReadTokens",
        "totalTokens" = "UsageRollupDaily"."totalTokens" + excluded."totalTokens",
        "webSearchRequests" = "UsageRollupDaily"."webSearchRequests" + excluded."webSearchRequests",
        "costPicos" = "UsageRollupDaily"."costPicos" + excluded."costPicos",
        "cacheSavingsPicos" = "UsageRollupDaily"."cacheSavingsPicos" + excluded."cacheSavingsPicos",
        "latencyMsSum" = "UsageRollupDaily"."latencyMsSum" + excluded."latencyMsSum"`;
  }
}

async function incrementLatencyHistograms(tx: Db, rows: readonly UsageRow[]): Promise<void> {
  const counts = new Map<string, { shop: string; day: string; endpoint: string; bucket: number; calls: number }>();
  for (const row of rows) {
    if (row.cached) continue; // no Claude round trip to time
    const bucket = latencyBucketOf(row.latencyMs);
    const key = `${row.shop}\u0000${row.localDay}\u0000${row.endpoint}\u0000${bucket}`;
    const entry = counts.get(key) ?? { shop: row.shop, day: row.localDay, endpoint: row.endpoint, bucket, calls: 0 };
    entry.calls += 1;
    counts.set(key, entry);
  }
  for (const part of chunks([...counts.values()], 500)) {
    const values = part.map((c) => Prisma.sql`(${c.shop}, ${c.day}, ${c.endpoint}, ${c.bucket}, ${c.calls})`);
    await tx.$executeRaw`
      INSERT INTO "LatencyHistogramDaily" ("shop", "day", "endpoint", "bucket", "calls")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("shop", "day", "endpoint", "bucket") DO UPDATE SET
        "calls" = "LatencyHistogramDaily"."calls" + excluded."calls"`;
  }
}
