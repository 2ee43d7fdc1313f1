import { execFileSync } from "node:child_process";
import path from "node:path";
import { projectRoot } from "./paths";

/** Runs the project's offline Prisma wrapper (scripts/prisma.mjs) and returns its stdout. */
export function runPrisma(args: string[], databaseUrl: string): string {
  return execFileSync(process.execPath, [path.join(projectRoot, "scripts/prisma.mjs"), ...args], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}
