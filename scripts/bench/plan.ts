import path from "node:path";
import { DEMO_DEFAULTS } from "../../demo/constants";

/**
 * What `npm run bench` seeds and measures, shared by the driver (run.ts) and each database's process
 * (database-bench.ts).
 */

// The demo shop, so the page benchmark can sign in to this data through the demo.
export const SHOP = DEMO_DEFAULTS.shop;
export const OTHER_SHOPS = ["other-1.myshopify.com", "other-2.myshopify.com", "other-3.myshopify.com"];
/** Each other shop gets this share of the shop's calls (1/20: 50,000 each beside a million). */
export const OTHER_SHOP_SHARE = 1 / 20;
export const DAYS = 90;
/** The analytics functions' p95 may grow by at most this much from BENCH_CALLS to BENCH_GROWTH_CALLS calls. */
export const GROWTH_GOAL = 1.2;

export type BenchDatabase = "sqlite" | "postgresql";
export const DATABASE_NAMES: Record<BenchDatabase, string> = { sqlite: "SQLite", postgresql: "PostgreSQL" };

export interface BenchSettings {
  /** Calls for the shop in the figures of each database (BENCH_CALLS, default 1,000,000). */
  calls: number;
  /** Calls for the shop after growing PostgreSQL (BENCH_GROWTH_CALLS, default 5,000,000; 0 skips the growth run). */
  growthCalls: number;
  /** BENCH_DATABASES: which databases to measure, side by side (default both). */
  databases: BenchDatabase[];
  /** BENCH_ONLY=export: seed, then measure the CSV export alone (default: every figure). */
  only: "export" | null;
  /** BENCH_EXPORT_ROUNDS: rounds of the export and its floor, alternating (default 3, at least 1). */
  exportRounds: number;
}

function count(name: string, fallback: number, what = "calls", most = 100_000_000): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === "" ? fallback : Number(raw.replaceAll("_", ""));
  if (!Number.isInteger(value) || value < 0 || value > most) {
    throw new Error(`${name} must be a whole number of ${what} (0 to ${most.toLocaleString("en-US")}), not ${raw}`);
  }
  return value;
}

export function benchSettings(): BenchSettings {
  const calls = count("BENCH_CALLS", 1_000_000);
  if (calls < 1_000) throw new Error("BENCH_CALLS must be at least 1,000");
  const databases = (process.env.BENCH_DATABASES ?? "sqlite,postgresql")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of databases) {
    if (name !== "sqlite" && name !== "postgresql") {
      throw new Error(`BENCH_DATABASES lists sqlite and/or postgresql, not ${name}`);
    }
  }
  if (databases.length === 0) throw new Error("BENCH_DATABASES names no database");
  const growthCalls = databases.includes("postgresql") ? count("BENCH_GROWTH_CALLS", 5_000_000) : 0;
  if (growthCalls !== 0 && growthCalls <= calls) {
    throw new Error(`BENCH_GROWTH_CALLS (${growthCalls}) must be more than BENCH_CALLS (${calls}), or 0 to skip`);
  }
  const only = process.env.BENCH_ONLY || null;
  if (only !== null && only !== "export") throw new Error(`BENCH_ONLY may only be export, not ${only}`);
  const exportRounds = count("BENCH_EXPORT_ROUNDS", 3, "rounds", 20);
  if (exportRounds < 1) throw new Error("BENCH_EXPORT_ROUNDS must be at least 1");
  return { calls, growthCalls, databases: databases as BenchDatabase[], only, exportRounds };
}

/** 1,000,000 → "1 M", 250,000 → "250 k": for column titles. */
export function shortCount(value: number): string {
  if (value >= 1_000_000) return `${Number((value / 1_000_000).toFixed(2))} M`;
  if (value >= 1_000) return `${Number((value / 1_000).toFixed(1))} k`;
  return String(value);
}

export const thousands = (value: number) => Math.round(value).toLocaleString("en-US");

const projectRoot = path.resolve(import.meta.dirname, "../..");

/** Node arguments that run one of the bench's TypeScript scripts (from the project root) through tsx. */
export function tsxScriptArgs(script: string, ...args: string[]): string[] {
  return [path.join(projectRoot, "node_modules/tsx/dist/cli.mjs"), "--tsconfig", "tsconfig.json", script, ...args];
}
