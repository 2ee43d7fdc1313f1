import { z } from "zod";
import { DEMO_DEFAULTS } from "./demo/constants";

/**
 * Configuration read once at boot. In demo mode (DEMO_MODE=1) the Shopify credentials fall back to
 * the public demo constants, so a fresh machine needs no account; outside demo mode they are required.
 */
const flag = z
  .enum(["1", "0", "true", "false", ""])
  .optional()
  .transform((value) => value === "1" || value === "true");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DEMO_MODE: flag,
  SHOPIFY_API_KEY: z.string().min(1).optional(),
  SHOPIFY_API_SECRET: z.string().min(1).optional(),
  SHOPIFY_APP_URL: z.string().url().optional(),
  SCOPES: z.string().default("read_products,write_products"),
  DATABASE_URL: z.string().default("file:./prisma/dev.sqlite"),
  ANTHROPIC_API_KEY: z.string().optional(),
  ANTHROPIC_BASE_URL: z.string().url().optional(),
  USAGE_JOURNAL_DIR: z.string().default("./data/usage-journal"),
});

export type AppEnv = {
  nodeEnv: "development" | "production" | "test";
  demoMode: boolean;
  shopifyApiKey: string;
  shopifyApiSecret: string;
  shopifyAppUrl: string;
  scopes: string[];
  databaseUrl: string;
  anthropicApiKey?: string;
  anthropicBaseUrl?: string;
  usageJournalDir: string;
};

export function readEnv(source: NodeJS.ProcessEnv = process.env): AppEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n  ${problems.join("\n  ")}`);
  }
  const env = parsed.data;
  const demo = env.DEMO_MODE;
  const apiKey = env.SHOPIFY_API_KEY ?? (demo ? DEMO_DEFAULTS.apiKey : undefined);
  const apiSecret = env.SHOPIFY_API_SECRET ?? (demo ? DEMO_DEFAULTS.apiSecret : undefined);
  const appUrl = env.SHOPIFY_APP_URL ?? (demo ? DEMO_DEFAULTS.appUrl : undefined);
  if (!apiKey || !apiSecret || !appUrl) {
    throw new Error(
      "SHOPIFY_API_KEY, SHOPIFY_API_SECRET and SHOPIFY_APP_URL are required (run `shopify app dev`, or set DEMO_MODE=1 for the local demo).",
    );
  }
  return {
    nodeEnv: env.NODE_ENV,
    demoMode: demo,
    shopifyApiKey: apiKey,
    shopifyApiSecret: apiSecret,
    shopifyAppUrl: appUrl,
    scopes: env.SCOPES.split(",").map((scope) => scope.trim()).filter(Boolean),
    databaseUrl: env.DATABASE_URL,
    anthropicApiKey: env.ANTHROPIC_API_KEY,
    anthropicBaseUrl: env.ANTHROPIC_BASE_URL,
    usageJournalDir: env.USAGE_JOURNAL_DIR,
  };
}

export const env = readEnv();
