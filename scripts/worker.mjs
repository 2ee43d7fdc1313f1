#!/usr/bin/env node
// `npm run worker`: a process that runs the app's background work (SEO runs, retention, message batches, budget alert
// delivery, and writing the calls it tracks itself) and serves no pages. Any number may run beside web processes
// started with PROCESS_ROLE=web (docs/decisions/0018); each piece of work is leased in the database, so it runs once.
// It loads the same production build as `npm start` (build/server/index.js), whose server entry starts the background
// work for PROCESS_ROLE=worker at import, and stops it on SIGTERM or SIGINT.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const build = path.resolve(import.meta.dirname, "..", "build", "server", "index.js");
if (!existsSync(build)) {
  console.error(`worker: no production build at ${build}: run \`npm run build\` first.`);
  process.exit(1);
}
process.env.PROCESS_ROLE = "worker";
process.env.NODE_ENV ||= "production";

// The build's timers do not hold the process open (they are unref'd for the web server's sake): this one does.
const alive = setInterval(() => {}, 1 << 30);
const { entry } = await import(pathToFileURL(build).href);
console.info(`worker: running background work (pid ${process.pid})`);

// SIGTERM (a deploy) and SIGINT (Ctrl+C): finish the SEO calls in flight, release the leases, then exit.
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    console.info(`worker: ${signal}: finishing the work in flight`);
    entry.module
      .stopBackgroundWork()
      .catch((error) => console.error("worker: stopping failed", error))
      .finally(() => clearInterval(alive));
  });
}
