#!/usr/bin/env node
// Runs the Prisma CLI for the database DATABASE_URL names (SQLite for `file:` URLs, PostgreSQL for `postgresql://`),
// so that it works offline and with one schema for both (docs/decisions/0016):
// - prisma/schema.prisma is the one schema anyone edits (SQLite). prisma/postgresql/schema.prisma is derived from it
//   here, before every command (only the datasource's provider and the client's output differ), and not committed.
// - `generate` builds both clients: SQLite's as @prisma/client, PostgreSQL's in node_modules/.prisma/client-postgresql;
//   app/db.server.ts loads the one DATABASE_URL needs.
// - Other commands (migrate deploy, migrate status, migrate diff, db push) run against DATABASE_URL's database, with
//   that database's schema and migrations (prisma.config.ts chooses them the same way).
// The client uses the Wasm query compiler and migrations run through the driver adapter, but the CLI still looks for
// native engine files before it starts and tries to download them: pointing these variables at any existing file stops
// that download. On a machine with internet nothing here is needed; values already set by the user win.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const require = createRequire(import.meta.url);
const placeholder = path.join(root, "package.json");
const env = { ...process.env };
env.PRISMA_QUERY_ENGINE_LIBRARY ??= placeholder;
env.PRISMA_SCHEMA_ENGINE_BINARY ??= placeholder;
env.PRISMA_HIDE_UPDATE_MESSAGE ??= "1";
env.CHECKPOINT_DISABLE ??= "1";
env.DATABASE_URL ??= "file:./prisma/dev.sqlite";

const SQLITE_SCHEMA = path.join(root, "prisma/schema.prisma");
const POSTGRESQL_SCHEMA = path.join(root, "prisma/postgresql/schema.prisma");

/** "sqlite" or "postgresql", from the URL's scheme. */
function providerOf(url) {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  console.error(`DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL, not ${url.split(":")[0]}:…`);
  process.exit(2);
}

/** Writes prisma/postgresql/schema.prisma: schema.prisma with the PostgreSQL provider and its own client output. */
function derivePostgresqlSchema() {
  const source = readFileSync(SQLITE_SCHEMA, "utf8");
  const datasource = /datasource db \{[^}]*provider\s*=\s*"sqlite"[^}]*\}/;
  const generator = /generator client \{([^}]*)\}/;
  if (!datasource.test(source) || !generator.test(source)) {
    throw new Error(
      'prisma/schema.prisma: expected `generator client { … }` and `datasource db { provider = "sqlite" … }`',
    );
  }
  const derived = source
    .replace(datasource, (block) => block.replace('"sqlite"', '"postgresql"'))
    .replace(
      generator,
      (_block, body) =>
        `generator client {${body.trimEnd()}\n  output     = "../../node_modules/.prisma/client-postgresql"\n}`,
    );
  const header =
    "// Generated from prisma/schema.prisma by scripts/prisma.mjs before every Prisma command: edit that file instead.\n";
  mkdirSync(path.dirname(POSTGRESQL_SCHEMA), { recursive: true });
  writeFileSync(POSTGRESQL_SCHEMA, header + derived);
}

function prisma(args, extraEnv = {}) {
  const cli = require.resolve("prisma/build/index.js");
  const result = spawnSync(process.execPath, [cli, ...args], {
    stdio: "inherit",
    env: { ...env, ...extraEnv },
    cwd: root,
  });
  return result.status ?? 1;
}

derivePostgresqlSchema();
const args = process.argv.slice(2);
if (args[0] === "generate" && !args.includes("--schema")) {
  // Both clients, whatever DATABASE_URL says: one build serves either database.
  const sqlite = prisma([...args, "--schema", SQLITE_SCHEMA], { DATABASE_URL: "file:./prisma/dev.sqlite" });
  if (sqlite !== 0) process.exit(sqlite);
  process.exit(prisma([...args, "--schema", POSTGRESQL_SCHEMA], { DATABASE_URL: "postgresql://localhost/unused" }));
}
providerOf(env.DATABASE_URL);
process.exit(prisma(args));
