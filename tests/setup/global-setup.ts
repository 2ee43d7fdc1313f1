import { mkdirSync, rmSync } from "node:fs";
import { artifactsDir, templateDatabasePath, tmpDir } from "../support/paths";
import { runPrisma } from "../support/prisma-cli";

/** Builds one database from the committed migrations; every test file gets its own copy of it. */
export default function setup(): void {
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });
  mkdirSync(artifactsDir, { recursive: true });
  runPrisma(["migrate", "deploy"], `file:${templateDatabasePath}`);
}
