#!/usr/bin/env node
// Runs the Prisma CLI so that it works offline: the client uses the Wasm query compiler and migrations run
// through the driver adapter (prisma.config.ts), but the CLI still looks for native engine files before it
// starts and tries to download them. Pointing these variables at any existing file stops that download.
// On a machine with internet nothing here is needed; values already set by the user win.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const placeholder = path.resolve("package.json");
const env = { ...process.env };
env.PRISMA_QUERY_ENGINE_LIBRARY ??= placeholder;
env.PRISMA_SCHEMA_ENGINE_BINARY ??= placeholder;
env.PRISMA_HIDE_UPDATE_MESSAGE ??= "1";
env.CHECKPOINT_DISABLE ??= "1";
env.DATABASE_URL ??= "file:./prisma/dev.sqlite";

const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(result.status ?? 1);
