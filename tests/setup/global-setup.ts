import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import pg from "pg";
import { startLocalPostgresql } from "../../scripts/postgresql/local-server";
import { artifactsDir, templateDatabasePath, tmpDir } from "../support/paths";
import { runPrisma } from "../support/prisma-cli";
import { testDatabaseProvider } from "../support/test-database";

const STALE_AFTER_MS = 6 * 3600_000;

/**
 * Builds one database from the committed migrations; every test file gets its own copy of it.
 *
 * SQLite (the default): the template is a file built under a private name and renamed into place, and only stale
 * leftovers are removed, so two test runs at the same time (two engineers, or a run and a benchmark) never pull the
 * floor from under each other.
 *
 * PostgreSQL (TEST_DATABASE=postgresql): a private server is started in tests/.tmp (or TEST_POSTGRESQL_URL's server is
 * used), the template database is migrated there, and each test file creates its own database from it. The server is
 * stopped, or this run's databases dropped, when the run ends.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  mkdirSync(tmpDir, { recursive: true });
  mkdirSync(artifactsDir, { recursive: true });
  for (const name of readdirSync(tmpDir)) {
    const full = path.join(tmpDir, name);
    if (Date.now() - statSync(full).mtimeMs > STALE_AFTER_MS) rmSync(full, { recursive: true, force: true });
  }
  const building = `${templateDatabasePath}.${process.pid}`;
  runPrisma(["migrate", "deploy"], `file:${building}`);
  renameSync(building, templateDatabasePath);

  if (testDatabaseProvider !== "postgresql") {
    project.provide("postgresql", null);
    return;
  }
  const external = process.env.TEST_POSTGRESQL_URL;
  // In the system's temporary folder, not the checkout: as root the server runs as `postgres`, which must be able to
  // reach its folder (a checkout under a private folder, as CI's clone is, would not let it).
  const server = external ? null : await startLocalPostgresql(mkdtempSync(path.join(tmpdir(), "claude-seo-usage-pg-")));
  const adminUrl = external ?? server!.adminUrl;
  // Unique per project: vitest runs this setup once for each project, in one process.
  const prefix = `t${process.pid}_${randomBytes(3).toString("hex")}`;
  const template = `${prefix}_template`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await client.query<{ datname: string }>(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${template}"`);
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${template}`;
  runPrisma(["migrate", "deploy"], templateUrl.toString());
  project.provide("postgresql", { adminUrl, template, prefix });

  return async () => {
    if (server) {
      server.stop();
      return;
    }
    const { rows } = await admin(`SELECT datname FROM pg_database WHERE datname LIKE '${prefix}\\_%'`);
    for (const { datname } of rows) await admin(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  };
}
