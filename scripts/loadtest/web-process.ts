/**
 * The web process of `npm run loadtest`: the production build behind Express (as remix-serve serves it), tracking
 * calls at the rate it is told, and measuring its own event-loop delay. The load generator (run.ts) talks to it over
 * HTTP and, at the end, over IPC: "stop" → it stops tracking, waits until every acknowledged call is stored, and
 * answers with its figures.
 */
import type { AddressInfo } from "node:net";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { installGlobals, type ServerBuild } from "@remix-run/node";
import express from "express";

const root = path.resolve(import.meta.dirname, "../..");
const CALLS_PER_SECOND = Number(process.env.LOADTEST_CALLS_PER_SECOND ?? 100);
const shops = JSON.parse(process.env.LOADTEST_SHOPS ?? "[]") as string[];

installGlobals({ nativeFetch: true });
// This script tracks calls through the app's own tracker, as an SEO run in the web process would; its recorder has a
// journal folder of its own beside the one of the build's recorder.
const journalDir = process.env.USAGE_JOURNAL_DIR!;
process.env.USAGE_JOURNAL_DIR = path.join(journalDir, "tracking");
const { default: prisma } = await import("~/db.server");
const { getUsageRecorder, trackAPIUsage } = await import("~/lib/usage/index.server");
process.env.USAGE_JOURNAL_DIR = path.join(journalDir, "server");
const bundle = pathToFileURL(path.join(root, "build/server/index.js"));
const build = (await import(bundle.href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.all("*", createRequestHandler({ build, mode: "production" }));
const server = app.listen(0, "127.0.0.1");
await new Promise<void>((resolve) => server.once("listening", () => resolve()));
getUsageRecorder().start();

const delay = monitorEventLoopDelay({ resolution: 5 });
let acknowledged = 0;
let refused = 0;
let tracking: NodeJS.Timeout | undefined;
let callNumber = 0;

function startTracking() {
  delay.enable();
  const startedAt = performance.now();
  // Every 10 ms, the calls due by now at CALLS_PER_SECOND (a late tick catches up), spread over the shops.
  tracking = setInterval(() => {
    const due = Math.floor(((performance.now() - startedAt) * CALLS_PER_SECOND) / 1000);
    for (; callNumber < due; callNumber++) {
      const shop = shops[(callNumber * 7) % shops.length]!;
      trackAPIUsage({
        shop,
        userId: "automation",
        model: "claude-haiku-4-5-20251001",
        endpoint: "fix_meta",
        inputTokens: 1_200,
        outputTokens: 90,
        cacheReadInputTokens: 2_400,
        latencyMs: 900,
        id: `load-${callNumber}`,
      }).then(
        () => acknowledged++,
        () => refused++,
      );
    }
  }, 10);
}

process.on("message", async (message: { type: string }) => {
  if (message.type === "start") {
    startTracking();
    return;
  }
  if (message.type !== "stop") return;
  clearInterval(tracking);
  delay.disable();
  await getUsageRecorder().drain();
  const stored = await prisma.aPIUsageLog.count({ where: { id: { startsWith: "load-" } } });
  process.send?.({
    type: "figures",
    acknowledged,
    refused,
    stored,
    delay: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
  });
  server.close();
  await prisma.$disconnect();
  process.exit(0);
});

process.send?.({ type: "ready", origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
