/**
 * The operator's command line (the company running the app for many shops):
 *   npm run operator -- report [--from YYYY-MM-DD] [--to YYYY-MM-DD]     usage across shops (default: last 30 days, UTC)
 *   npm run operator -- prune [--days 90]                                delete raw calls older than N days (rollups stay)
 *   npm run operator -- reprice                                          price calls recorded while their model was unknown
 *   npm run operator -- reconcile --from YYYY-MM-DD --to YYYY-MM-DD [--tolerance-usd 0.000001]
 *                                        the app's records against Anthropic's usage and cost report (UTC days), with
 *                                        ANTHROPIC_ADMIN_KEY (and ANTHROPIC_ADMIN_BASE_URL, else ANTHROPIC_BASE_URL);
 *                                        exit status 0 when they agree within tolerance, 1 when they differ
 *   npm run operator -- export --shop SHOP --from YYYY-MM-DD --to YYYY-MM-DD [--kind calls|daily] [--out FILE]
 *                                                                        one shop's CSV, as the app's export action makes it
 *   npm run operator -- set-aside [--retry]                              calls the database refused (kept, not lost); retry them
 *   npm run operator -- overrides list
 *   npm run operator -- overrides add --model ID --input 3 --output 15 --cache-write-5m 3.75 --cache-write-1h 6
 *                                     --cache-read 0.30 [--shop SHOP] [--from YYYY-MM-DD]   a negotiated price (USD per MTok)
 * DATABASE_URL selects the database, as for the app.
 */
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { parseArgs } from "node:util";
import prisma from "~/db.server";
import { formatUsd, picosFromUsd } from "~/lib/money";
import {
  CAUSE_TEXT,
  createAdminClient,
  lastReconciliation,
  reconcileWithAnthropic,
  type FigureName,
  type ReconcileResult,
} from "~/lib/reconcile/index.server";
import { addDays, localDayOf } from "~/lib/time";
import { getUsageByShop } from "~/lib/analytics/index.server";
import {
  repriceUnpricedCalls,
  addPriceOverride,
  DEFAULT_RETENTION_DAYS,
  pruneRawCalls,
  retrySetAside,
  summarizeSetAside,
} from "~/lib/usage/index.server";
import { exportResponse } from "~/lib/export/index.server";

const [command, ...rest] = process.argv.slice(2);

async function report(args: string[]) {
  const { values } = parseArgs({ args, options: { from: { type: "string" }, to: { type: "string" } } });
  const to = values.to ?? localDayOf(new Date(), "UTC");
  const from = values.from ?? addDays(to, -29);
  const rows = await getUsageByShop({ from, to });
  console.log(`Usage by shop, ${from} to ${to} (each shop's local days)`);
  console.table(
    rows.map((row) => ({
      shop: row.key,
      calls: row.calls,
      errors: row.errorCalls,
      tokens: row.totalTokens.toString(),
      cost: formatUsd(row.costPicos),
      "unknown-price calls": row.unpricedCalls,
    })),
  );
  const total = rows.reduce((sum, row) => sum + row.costPicos, 0n);
  console.log(`Total: ${formatUsd(total)} over ${rows.length} shop(s)`);
  const setAside = await summarizeSetAside(prisma, 0);
  if (setAside.calls > 0) {
    console.log(`${setAside.calls} call(s) set aside (refused by the database, not counted above): see \`set-aside\``);
  }
  const last = await lastReconciliation(prisma);
  console.log(
    last
      ? `Last reconciliation with Anthropic: ${last.ranAt.toISOString()} for ${last.fromDay} to ${last.toDay} (UTC): ` +
          (last.agreed
            ? `agreed within ${exactUsd(last.tolerancePicos)} per day and model`
            : `${last.differences} day-and-model row(s) differ`) +
          ` (app ${exactUsd(last.appCostPicos)}, Anthropic ${exactUsd(last.reportCostPicos)})`
      : "Last reconciliation with Anthropic: never (npm run operator -- reconcile --from … --to …)",
  );
}

async function setAsideCommand(args: string[]) {
  const { values } = parseArgs({ args, options: { retry: { type: "boolean", default: false } } });
  if (values.retry) {
    const { tried, written, stillRefused } = await retrySetAside(prisma);
    console.log(`Retried ${tried} set-aside call(s): ${written} written, ${stillRefused} still refused.`);
  }
  const summary = await summarizeSetAside(prisma);
  console.log(`${summary.calls} call(s) set aside.`);
  if (summary.calls === 0) return;
  console.table(summary.byShop);
  console.table(
    summary.recent.map((row) => ({
      call: row.callId,
      shop: row.shop,
      attempts: row.attempts,
      "last refused": row.lastFailedAt.toISOString(),
      reason: row.error.slice(0, 120),
    })),
  );
}

/** Dollars with at least 6 and up to 12 decimals: exact to the pico-dollar. */
function exactUsd(picos: bigint): string {
  return formatUsd(picos, 12).replace(/(\.\d{6}\d*?)0+$/, "$1");
}

const FIGURE_LABELS: Record<FigureName, string> = {
  calls: "calls",
  uncachedInputTokens: "input tokens (uncached)",
  cacheWrite5mTokens: "cache writes, 5 minutes",
  cacheWrite1hTokens: "cache writes, 1 hour",
  cacheReadTokens: "cache reads",
  outputTokens: "output tokens",
  webSearchRequests: "web searches",
  costPicos: "cost",
};

function printReconciliation(result: ReconcileResult) {
  const value = (figure: FigureName, amount: bigint) => (figure === "costPicos" ? exactUsd(amount) : amount.toString());
  const signed = (figure: FigureName, amount: bigint) => (amount > 0n ? "+" : "") + value(figure, amount);
  const totalCalls = (side: "app" | "anthropic") => result.rows.reduce((sum, row) => sum + row[side].calls, 0n);
  console.log(`Reconciliation with Anthropic, ${result.fromDay} to ${result.toDay} (UTC days)`);
  console.log(`Tolerance: tokens and calls exact; cost within ${exactUsd(result.tolerancePicos)} per day and model`);
  console.log(
    `App recorded ${exactUsd(result.appCostPicos)} over ${totalCalls("app")} call(s); ` +
      `Anthropic reported ${exactUsd(result.anthropicCostPicos)} over ${totalCalls("anthropic")} request(s)`,
  );
  const differing = result.rows.filter((row) => row.cause !== null);
  for (const row of differing) {
    console.log(`\n${row.day}  ${row.model}`);
    for (const entry of row.differences) {
      console.log(
        `  ${FIGURE_LABELS[entry.figure].padEnd(26)} app ${value(entry.figure, entry.app).padStart(16)}` +
          `   Anthropic ${value(entry.figure, entry.anthropic).padStart(16)}   difference ${signed(entry.figure, entry.difference)}`,
      );
    }
    if (row.app.unpricedCalls > 0n) console.log(`  (${row.app.unpricedCalls} app call(s) of unknown cost)`);
    console.log(`  likely cause: ${CAUSE_TEXT[row.cause!]}`);
  }
  console.log(
    result.agreed
      ? `\nAGREE: ${result.rows.length} day-and-model row(s) within tolerance` +
          (differing.length > 0 ? ` (${differing.length} explained by the UTC day boundary)` : "")
      : `\nDIFFER: ${differing.filter((row) => row.cause !== "day_boundary").length} of ${result.rows.length} day-and-model row(s) beyond tolerance`,
  );
}

async function reconcile(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      from: { type: "string" },
      to: { type: "string" },
      "tolerance-usd": { type: "string", default: "0.000001" },
    },
  });
  const adminKey = process.env.ANTHROPIC_ADMIN_KEY;
  if (!adminKey) throw new Error("reconcile needs ANTHROPIC_ADMIN_KEY (an Admin API key, sk-ant-admin…)");
  if (!values.from || !values.to) throw new Error("reconcile needs --from YYYY-MM-DD --to YYYY-MM-DD (UTC days)");
  const baseURL = process.env.ANTHROPIC_ADMIN_BASE_URL || process.env.ANTHROPIC_BASE_URL || undefined;
  const result = await reconcileWithAnthropic(prisma, createAdminClient({ adminKey, baseURL }), {
    fromDay: values.from,
    toDay: values.to,
    tolerancePicos: picosFromUsd(values["tolerance-usd"]),
  });
  printReconciliation(result);
  if (!result.agreed) process.exitCode = 1;
}

async function prune(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { days: { type: "string", default: String(DEFAULT_RETENTION_DAYS) } },
  });
  const { deleted, before } = await pruneRawCalls(prisma, { retentionDays: Number(values.days) });
  console.log(`Deleted ${deleted} raw call record(s) from before ${before.toISOString()}; rollups are kept.`);
}

async function overrides(args: string[]) {
  const [sub, ...options] = args;
  if (sub === "list") {
    console.table(await prisma.priceOverride.findMany({ orderBy: [{ model: "asc" }, { effectiveFrom: "asc" }] }));
    return;
  }
  if (sub !== "add") throw new Error("Usage: overrides list | overrides add --model … (see scripts/operator.ts)");
  const { values } = parseArgs({
    args: options,
    options: {
      model: { type: "string" },
      shop: { type: "string" },
      from: { type: "string" },
      input: { type: "string" },
      output: { type: "string" },
      "cache-write-5m": { type: "string" },
      "cache-write-1h": { type: "string" },
      "cache-read": { type: "string" },
    },
  });
  const created = await addPriceOverride(prisma, {
    model: values.model ?? "",
    shop: values.shop ?? null,
    effectiveFrom: new Date(values.from ?? "1970-01-01"),
    prices: {
      input: values.input ?? "",
      output: values.output ?? "",
      cacheWrite5m: values["cache-write-5m"] ?? "",
      cacheWrite1h: values["cache-write-1h"] ?? "",
      cacheRead: values["cache-read"] ?? "",
    },
  });
  console.log(
    `Stored override #${created.id} for ${created.model}${created.shop ? ` (${created.shop})` : " (all shops)"}.`,
  );
  console.log("Run `npm run operator -- reprice` to price calls recorded while this model was unknown.");
}

/** The same CSV the merchant downloads (same checks, same columns), for one shop, to a file or stdout. */
async function exportCsv(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      shop: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      kind: { type: "string", default: "calls" },
      out: { type: "string" },
    },
  });
  if (!values.shop) throw new Error("export needs --shop SHOP");
  const form = new FormData();
  for (const [field, value] of Object.entries({ kind: values.kind, from: values.from, to: values.to })) {
    if (value) form.set(field, value);
  }
  const response = await exportResponse(values.shop, form);
  if (!response.ok || !response.body) throw new Error(((await response.json()) as { error: string }).error);
  const destination = values.out ? createWriteStream(values.out) : process.stdout;
  await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), destination);
  if (values.out) console.error(`Wrote ${values.out}`);
}

try {
  if (command === "report") await report(rest);
  else if (command === "prune") await prune(rest);
  else if (command === "reprice") {
    const { priced, stillUnknown } = await repriceUnpricedCalls(prisma);
    console.log(`Priced ${priced} call(s); ${stillUnknown} still have no known price.`);
  } else if (command === "overrides") await overrides(rest);
  else if (command === "export") await exportCsv(rest);
  else if (command === "set-aside") await setAsideCommand(rest);
  else if (command === "reconcile") await reconcile(rest);
  else {
    console.error(
      "Commands: report, prune, reprice, overrides, export, set-aside, reconcile (see scripts/operator.ts)",
    );
    process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  // 1 means "they differ" for reconcile; a reconcile that could not run says so with 2.
  process.exitCode = command === "reconcile" ? 2 : 1;
} finally {
  await prisma.$disconnect();
}
