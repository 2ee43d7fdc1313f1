import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { artifactsDir, templateDatabasePath, tmpDir } from "../support/paths";
import { runPrisma } from "../support/prisma-cli";

const STALE_AFTER_MS = 6 * 3600_000;

/**
 * Builds one database from the committed migrations; every test file gets its own copy of it. The template is
 * built under a private name and renamed into place, and only stale leftovers are removed, so two test runs
 * at the same time (two engineers, or a run and a benchmark) never pull the floor from under each other.
 */
export default function setup(): void {
  mkdirSync(tmpDir, { recursive: true });
  mkdirSync(artifactsDir, { recursive: true });
  for (const name of readdirSync(tmpDir)) {
    const full = path.join(tmpDir, name);
    if (Date.now() - statSync(full).mtimeMs > STALE_AFTER_MS) rmSync(full, { recursive: true, force: true });
  }
  const building = `${templateDatabasePath}.${process.pid}`;
  runPrisma(["migrate", "deploy"], `file:${building}`);
  renameSync(building, templateDatabasePath);
}
