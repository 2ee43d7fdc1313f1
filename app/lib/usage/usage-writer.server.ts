import { Prisma, type PrismaClient } from "@prisma/client";
import type { Db } from "~/db.server";
import { assertInt64, dialect, refusingOverflow, sqlDateTime, type ColumnType } from "~/lib/database/index.server";
import { recordBudgetCrossings, type SpendWritten } from "~/lib/budget/index.server";
import { redactedAmong } from "~/lib/shop/index.server";
import { cacheSavingsPicos, priceCall, type CallCost, type PriceOverride } from "~/lib/pricing";
import { localDayOf, localHourOf } from "~/lib/time";
import { latencyBucketOf } from "./latency-buckets";
import type { PendingCall } from "./pending-call";
import { loadPriceOverrides } from "./price-overrides.server";
import { ROLLUP_SUM_COLUMNS } from "./rollup-columns";

/**
 * Writes tracked calls to the database: each call priced from the catalog (or a negotiated override) at the
 * moment it was made, its row inserted, and the daily rollups and latency histograms incremented, all in one
 * transaction, with any budget threshold that spend crosses and the calls' budget reservations deleted (their spend
 * is now in the rollups, docs/decisions/0017). A call whose id (or Anthropic request id) is already stored is
 * skipped, so a retried or replayed write never counts twice.
 *
 * Rows travel as one JSON array per statement (`json_each` on SQLite, `jsonb_array_elements` on PostgreSQL: see
 * SqlDialect), which is several times faster than binding thousands of parameters through the driver adapter; money
 * goes as decimal strings cast to a 64-bit integer, so no amount passes through a float, and a rollup total that
 * would pass 2^63 pico-dollars is refused (AmountOutOfRangeError), never wrapped.
 */
export interface WriteResult {
  written: number;
  duplicates: number;
  /** Calls of shops whose data was redacted: dropped, never written (shop/redact is final). */
  redacted: number;
}

/** The priced spend rows add, for the budget's crossings (calls of unknown price add none). */
export function spendWrittenBy(rows: readonly UsageRow[]): SpendWritten[] {
  return rows.flatMap((row) =>
    row.cost && row.cost.totalPicos > 0n ? [{ shop: row.shop, day: row.localDay, at: new Date(row.timestamp) }] : [],
  );
}

export async function writeUsageBatch(db: PrismaClient, calls: readonly PendingCall[]): Promise<WriteResult> {
  const unique = [...new Map(calls.map((call) => [call.id, call])).values()];
  if (unique.length === 0) return { written: 0, duplicates: calls.length, redacted: 0 };
  const shops = [...new Set(unique.map((call) => call.shop))];
  const [zones, overrides] = await Promise.all([loadTimeZones(db, shops), loadPriceOverrides(db, shops)]);

  return refusingOverflow("Writing usage rollups", () =>
    db.$transaction(
      async (tx) => {
        // Read inside the transaction: a shop redacted a moment ago gets nothing written after its erasure.
        const redacted = await redactedAmong(tx, shops);
        const allowed = redacted.size === 0 ? unique : unique.filter((call) => !redacted.has(call.shop));
        const fresh = await withoutStoredCalls(tx, allowed);
        const rows = fresh.map((call) => toRow(call, zones.get(call.shop) ?? "UTC", overrides(call.shop)));
        if (rows.length > 0) {
          await insertRows(tx, rows);
          await incrementRollups(tx, rows);
          await incrementLatencyHistograms(tx, rows);
          await recordBudgetCrossings(tx, spendWrittenBy(rows));
        }
        // The calls' budget reservations end with their rows: the spend moves from reserved to written at once.
        const ids = JSON.stringify(unique.map((call) => call.id));
        await tx.$executeRaw(Prisma.sql`DELETE FROM "BudgetReservation" WHERE "id" IN (${dialect.jsonStrings(ids)})`);
        const dropped = unique.length - allowed.length;
        return { written: rows.length, duplicates: calls.length - rows.length - dropped, redacted: dropped };
      },
      { timeout: 60_000, maxWait: 30_000 },
    ),
  );
}

async function loadTimeZones(db: Db, shops: string[]): Promise<Map<string, string>> {
  const settings = await db.shop.findMany({
    where: { shop: { in: shops } },
    select: { shop: true, ianaTimezone: true },
  });
  return new Map(settings.map((row) => [row.shop, row.ianaTimezone]));
}

async function withoutStoredCalls(tx: Db, calls: PendingCall[]): Promise<PendingCall[]> {
  const ids = JSON.stringify(calls.map((call) => call.id));
  const requestIds = JSON.stringify(calls.flatMap((call) => (call.requestId ? [call.requestId] : [])));
  const stored = await tx.$queryRaw<Array<{ id: string; requestId: string | null }>>(
    // Two index lookups joined by UNION: with OR, PostgreSQL scans every raw call (345 ms at 1 M rows, not 0.4 ms).
    Prisma.sql`SELECT "id", "requestId" FROM "APIUsageLog" WHERE "id" IN (${dialect.jsonStrings(ids)})
     UNION SELECT "id", "requestId" FROM "APIUsageLog" WHERE "requestId" IN (${dialect.jsonStrings(requestIds)})`,
  );
  const storedIds = new Set(stored.map((row) => row.id));
  const seenRequestIds = new Set(stored.flatMap((row) => (row.requestId ? [row.requestId] : [])));
  return calls.filter((call) => {
    if (storedIds.has(call.id)) return false;
    if (call.requestId) {
      if (seenRequestIds.has(call.requestId)) return false;
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
  usOnly: false,
  priceEffectiveFrom: "",
};

/** The price of a call at the time it was made (null cost: the model has no price yet). */
export function priceOf(call: PendingCall, overrides: readonly PriceOverride[]) {
  // Answered from the app's own cache: no Claude call happened, so nothing was billed. Counting tokens is free.
  if (call.cached || call.callType === "count_tokens") return { cost: FREE, savings: 0n };
  // Usage that contradicted itself is kept as reported, unpriced (see PendingCall.usageNote).
  if (call.usageNote) return { cost: null, savings: null };
  const options = {
    batch: call.batch,
    at: new Date(call.timestamp),
    overrides,
    speed: call.speed,
    inferenceGeo: call.inferenceGeo,
  };
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

/** A call as stored: the pending call plus its local day, totals and prices. */
export interface UsageRow extends PendingCall {
  localDay: string;
  /** The shop's local hour of `localDay` (0–23), or null when it cannot be known (the hourly rollup skips it). */
  localHour: number | null;
  cacheWriteTokens: number;
  totalTokens: number;
  cost: Omit<CallCost, "model"> | null;
  savings: bigint | null;
}

function toRow(call: PendingCall, timeZone: string, overrides: readonly PriceOverride[]): UsageRow {
  const { cost, savings } = priceOf(call, overrides);
  const cacheWriteTokens = call.cacheCreation5mTokens + call.cacheCreation1hTokens;
  return {
    ...call,
    localDay: localDayOf(new Date(call.timestamp), timeZone),
    localHour: localHourOf(new Date(call.timestamp), timeZone),
    cacheWriteTokens,
    totalTokens: call.inputTokens + call.outputTokens + cacheWriteTokens + call.cacheReadInputTokens,
    cost,
    savings,
  };
}

const text = (value: bigint | null | undefined) =>
  value === null || value === undefined ? null : assertInt64(value, "A call's cost").toString();

/** APIUsageLog's columns as the writer inserts them, in the order of each row's JSON array. */
const CALL_COLUMNS: ReadonlyArray<readonly [string, ColumnType]> = [
  ["id", "text"],
  ["requestId", "text"],
  ["shop", "text"],
  ["userId", "text"],
  ["model", "text"],
  ["endpoint", "text"],
  ["inputTokens", "int"],
  ["outputTokens", "int"],
  ["cacheCreationInputTokens", "int"],
  ["cacheCreation5mTokens", "int"],
  ["cacheCreation1hTokens", "int"],
  ["cacheReadInputTokens", "int"],
  ["totalTokens", "int"],
  ["webSearchRequests", "int"],
  ["batch", "bool"],
  ["inputCostPicos", "bigint"],
  ["outputCostPicos", "bigint"],
  ["cacheWriteCostPicos", "bigint"],
  ["cacheReadCostPicos", "bigint"],
  ["webSearchCostPicos", "bigint"],
  ["totalCostPicos", "bigint"],
  ["cacheSavingsPicos", "bigint"],
  ["priceSource", "text"],
  ["longContext", "bool"],
  ["connectionId", "text"],
  ["fixType", "text"],
  ["resourceType", "text"],
  ["resourceId", "text"],
  ["latencyMs", "int"],
  ["cached", "bool"],
  ["status", "text"],
  ["errorType", "text"],
  ["errorMessage", "text"],
  ["httpStatus", "int"],
  ["timestamp", "instant"],
  ["localDay", "text"],
  ["speed", "text"],
  ["inferenceGeo", "text"],
  ["callType", "text"],
  ["usageNote", "text"],
];

/** `"a", "b", …` */
const columnList = (columns: readonly string[]) => Prisma.raw(columns.map((column) => `"${column}"`).join(", "));

/** `SELECT <each element as its column's type> FROM <the JSON array's rows>` */
function selectJsonRows(json: string, types: readonly ColumnType[]): Prisma.Sql {
  const values = Prisma.join(
    types.map((type, index) => dialect.element(index, type)),
    ", ",
  );
  return Prisma.sql`SELECT ${values} FROM ${dialect.jsonRows(json)} WHERE true`;
}

async function insertRows(tx: Db, rows: readonly UsageRow[]): Promise<void> {
  const json = JSON.stringify(
    rows.map((row) => [
      row.id,
      row.requestId,
      row.shop,
      row.userId,
      row.model,
      row.endpoint,
      row.inputTokens,
      row.outputTokens,
      row.cacheWriteTokens,
      row.cacheCreation5mTokens,
      row.cacheCreation1hTokens,
      row.cacheReadInputTokens,
      row.totalTokens,
      row.webSearchRequests,
      row.batch ? 1 : 0,
      text(row.cost?.inputPicos),
      text(row.cost?.outputPicos),
      text(row.cost?.cacheWritePicos),
      text(row.cost?.cacheReadPicos),
      text(row.cost?.webSearchPicos),
      text(row.cost?.totalPicos),
      text(row.savings),
      row.cost?.source ?? null,
      row.cost?.longContext ? 1 : 0,
      row.connectionId,
      row.fixType,
      row.resourceType,
      row.resourceId,
      row.latencyMs,
      row.cached ? 1 : 0,
      row.status,
      row.errorType,
      row.errorMessage,
      row.httpStatus,
      sqlDateTime(row.timestamp),
      row.localDay,
      row.speed ?? null,
      row.inferenceGeo ?? null,
      row.callType ?? "messages",
      row.usageNote ?? null,
    ]),
  );
  await tx.$executeRaw(
    Prisma.sql`INSERT INTO "APIUsageLog" (${columnList(CALL_COLUMNS.map(([column]) => column))})
     ${selectJsonRows(
       json,
       CALL_COLUMNS.map(([, type]) => type),
     )}`,
  );
}

/** Every additive figure a call contributes to a rollup; each rollup table keeps the ones it needs. */
function contributionOf(row: UsageRow) {
  return {
    calls: 1n,
    cachedCalls: row.cached ? 1n : 0n,
    batchCalls: row.batch ? 1n : 0n,
    unpricedCalls: row.cost ? 0n : 1n,
    inputTokens: BigInt(row.inputTokens),
    outputTokens: BigInt(row.outputTokens),
    cacheWriteTokens: BigInt(row.cacheWriteTokens),
    cacheWrite1hTokens: BigInt(row.cacheCreation1hTokens),
    cacheReadTokens: BigInt(row.cacheReadInputTokens),
    totalTokens: BigInt(row.totalTokens),
    webSearchRequests: BigInt(row.webSearchRequests),
    costPicos: row.cost?.totalPicos ?? 0n,
    webSearchCostPicos: row.cost?.webSearchPicos ?? 0n,
    cacheSavingsPicos: row.savings ?? 0n,
    latencyMsSum: BigInt(row.latencyMs),
  };
}

type Contribution = ReturnType<typeof contributionOf>;
type KeyValue = string | number;

interface RollupTable {
  name: string;
  keyColumns: readonly string[];
  keyTypes: readonly ColumnType[];
  /** The row's key in this table, or null to leave the row out of it. */
  keyOf(row: UsageRow): KeyValue[] | null;
  sumColumns: ReadonlyArray<keyof Contribution>;
  /** Keeps the smallest uncached input of the calls in the row. */
  tracksMinInput: boolean;
}

const flag = (value: boolean | undefined): 0 | 1 => (value ? 1 : 0);

/** The pages' rollup: every breakdown dimension (see schema.prisma). */
const DAILY_ROLLUP: RollupTable = {
  name: "UsageRollupDaily",
  keyColumns: ["shop", "day", "model", "endpoint", "resourceType", "userId", "status"],
  keyTypes: ["text", "text", "text", "text", "text", "text", "text"],
  keyOf: (row) => [row.shop, row.localDay, row.model, row.endpoint, row.resourceType ?? "", row.userId, row.status],
  sumColumns: ROLLUP_SUM_COLUMNS,
  tracksMinInput: false,
};

/** Each local day's totals of the daily rollup's rows: what the trend and the forecast draw, one row per day. */
const DAILY_TOTAL: RollupTable = {
  name: "UsageDailyTotal",
  keyColumns: ["shop", "day"],
  keyTypes: ["text", "text"],
  keyOf: (row) => [row.shop, row.localDay],
  sumColumns: ["calls", "unpricedCalls", "totalTokens", "costPicos"],
  tracksMinInput: false,
};

/** The pages' rollup per local hour: the same dimensions and sums, to compare a period still running to the hour. */
const HOURLY_ROLLUP: RollupTable = {
  ...DAILY_ROLLUP,
  name: "UsageRollupHourly",
  keyColumns: ["shop", "day", "hour", "model", "endpoint", "resourceType", "userId", "status"],
  keyTypes: ["text", "text", "int", "text", "text", "text", "text", "text"],
  keyOf: (row) =>
    row.localHour === null
      ? null
      : [
          row.shop,
          row.localDay,
          row.localHour,
          row.model,
          row.endpoint,
          row.resourceType ?? "",
          row.userId,
          row.status,
        ],
};

/** The cost tips' rollup: how calls were sent and ended, with what re-pricing them needs. */
const PROFILE_ROLLUP: RollupTable = {
  name: "UsageProfileDaily",
  keyColumns: [
    "shop",
    "day",
    "endpoint",
    "model",
    "status",
    "errorType",
    "batch",
    "cached",
    "longContext",
    "automation",
  ],
  keyTypes: ["text", "text", "text", "text", "text", "text", "bool", "bool", "bool", "bool"],
  keyOf: (row) => [
    row.shop,
    row.localDay,
    row.endpoint,
    row.model,
    row.status,
    row.errorType ?? "",
    flag(row.batch),
    flag(row.cached),
    flag(row.cost?.longContext),
    flag(row.userId === "automation"),
  ],
  sumColumns: [
    "calls",
    "unpricedCalls",
    "inputTokens",
    "outputTokens",
    "cacheWriteTokens",
    "cacheWrite1hTokens",
    "cacheReadTokens",
    "costPicos",
    "webSearchCostPicos",
  ],
  tracksMinInput: true,
};

/** A stored call's contribution to its rollup rows; `sign` -1 takes it back out (repricing moves calls). */
export interface RollupEntry {
  row: UsageRow;
  sign: 1 | -1;
}

interface RollupDelta {
  key: KeyValue[];
  sums: bigint[];
  minInputTokens: number;
}

function rollupDeltasOf(table: RollupTable, entries: readonly RollupEntry[]): RollupDelta[] {
  const deltas = new Map<string, RollupDelta>();
  for (const { row, sign } of entries) {
    const key = table.keyOf(row);
    if (key === null) continue;
    const id = key.join("\u0000");
    const contribution = contributionOf(row);
    const sums = table.sumColumns.map((column) => contribution[column] * BigInt(sign));
    const delta = deltas.get(id);
    if (!delta) {
      deltas.set(id, { key, sums, minInputTokens: row.inputTokens });
      continue;
    }
    sums.forEach((value, index) => (delta.sums[index]! += value));
    delta.minInputTokens = Math.min(delta.minInputTokens, row.inputTokens);
  }
  return [...deltas.values()];
}

/** Rollup columns that are 32-bit in the schema (counts per row); the others are 64-bit. */
const INT_COLUMNS = new Set<string>(["calls", "cachedCalls", "batchCalls", "unpricedCalls", "webSearchRequests"]);

async function applyToRollup(tx: Db, table: RollupTable, entries: readonly RollupEntry[]): Promise<void> {
  const json = JSON.stringify(
    rollupDeltasOf(table, entries).map((delta) => [
      ...delta.key,
      ...delta.sums.map((value) => assertInt64(value, `A ${table.name} total`).toString()),
      ...(table.tracksMinInput ? [delta.minInputTokens] : []),
    ]),
  );
  const columns = [...table.keyColumns, ...table.sumColumns, ...(table.tracksMinInput ? ["minInputTokens"] : [])];
  const types: ColumnType[] = [
    ...table.keyTypes,
    ...table.sumColumns.map((column): ColumnType => (INT_COLUMNS.has(column) ? "int" : "bigint")),
    ...(table.tracksMinInput ? ["int" as const] : []),
  ];
  const stored = (column: string) => `"${table.name}"."${column}"`;
  const updates = [
    ...table.sumColumns.map((column) => `"${column}" = ${dialect.checkedAdd(stored(column), `excluded."${column}"`)}`),
    ...(table.tracksMinInput
      ? [`"minInputTokens" = ${dialect.least(stored("minInputTokens"), 'excluded."minInputTokens"')}`]
      : []),
  ];
  await tx.$executeRaw(
    Prisma.sql`INSERT INTO "${Prisma.raw(table.name)}" (${columnList(columns)})
     ${selectJsonRows(json, types)}
     ON CONFLICT (${columnList(table.keyColumns)}) DO UPDATE SET ${Prisma.raw(updates.join(", "))}`,
  );
}

/** Adds (or, with sign -1, takes back) calls' contributions to their daily rollup, day total, hourly and profile rows. */
export async function applyRollupEntries(tx: Db, entries: readonly RollupEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await applyToRollup(tx, DAILY_ROLLUP, entries);
  await applyToRollup(tx, DAILY_TOTAL, entries);
  await applyToRollup(tx, HOURLY_ROLLUP, entries);
  await applyToRollup(tx, PROFILE_ROLLUP, entries);
}

async function incrementRollups(tx: Db, rows: readonly UsageRow[]): Promise<void> {
  await applyRollupEntries(
    tx,
    rows.map((row) => ({ row, sign: 1 as const })),
  );
}

async function incrementLatencyHistograms(tx: Db, rows: readonly UsageRow[]): Promise<void> {
  const counts = new Map<string, [string, string, string, number, number]>();
  for (const row of rows) {
    if (row.cached) continue; // no Claude round trip to time
    const bucket = latencyBucketOf(row.latencyMs);
    const id = `${row.shop}\u0000${row.localDay}\u0000${row.endpoint}\u0000${bucket}`;
    const entry = counts.get(id) ?? [row.shop, row.localDay, row.endpoint, bucket, 0];
    entry[4] += 1;
    counts.set(id, entry);
  }
  if (counts.size === 0) return;
  const json = JSON.stringify([...counts.values()]);
  await tx.$executeRaw(
    Prisma.sql`INSERT INTO "LatencyHistogramDaily" ("shop", "day", "endpoint", "bucket", "calls")
     ${selectJsonRows(json, ["text", "text", "text", "int", "int"])}
     ON CONFLICT ("shop", "day", "endpoint", "bucket") DO UPDATE SET
       "calls" = ${Prisma.raw(dialect.checkedAdd('"LatencyHistogramDaily"."calls"', 'excluded."calls"'))}`,
  );
}
