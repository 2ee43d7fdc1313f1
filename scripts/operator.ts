/**
 * The operator's command line (the company running the app for many shops):
 *   npm run operator -- report [--from YYYY-MM-DD] [--to YYYY-MM-DD]     usage across shops (default: last 30 days, UTC)
 *   npm run operator -- prune [--days 90]                                delete raw calls older than N days (rollups stay)
 *   npm run operator -- reprice                                          price calls recorded while their model was unknown
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
import { formatUsd } from "~/lib/money";
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
  else {
    console.error("Commands: report, prune, reprice, overrides, export, set-aside (see scripts/operator.ts)");
    process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
