import { z } from "zod";
import { DEMO_DEFAULTS } from "~/demo/constants";

/**
 * Configuration read once at boot. The database and tracker settings are all any process needs (the app,
 * scripts, the benchmark); the Shopify credentials are checked when the Shopify app is built (`shopifyConfig`).
 * In demo mode (DEMO_MODE=1) the credentials fall back to the public demo constants.
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
  SHOPIFY_APP_URL: z.url().optional(),
  SCOPES: z.string().default("read_products,write_products,write_files"),
  DATABASE_URL: z.string().default("file:./prisma/dev.sqlite"),
  USAGE_JOURNAL_DIR: z.string().default("./data/usage-journal"),
  /** Days of raw call records kept (rollups are kept for good); 0 turns the daily prune off. */
  USAGE_RETENTION_DAYS: z.coerce.number().int().min(0).default(90),
});

type ParsedEnv = z.infer<typeof schema>;

function parse(source: NodeJS.ProcessEnv): ParsedEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n  ${problems.join("\n  ")}`);
  }
  return parsed.data;
}

const parsed = parse(process.env);

export const env = {
  nodeEnv: parsed.NODE_ENV,
  demoMode: parsed.DEMO_MODE,
  databaseUrl: parsed.DATABASE_URL,
  usageJournalDir: parsed.USAGE_JOURNAL_DIR,
  usageRetentionDays: parsed.USAGE_RETENTION_DAYS,
  scopes: parsed.SCOPES.split(",")
    .map((scope) => scope.trim())
    .filter(Boolean),
} as const;

export interface ShopifyConfig {
  apiKey: string;
  apiSecret: string;
  appUrl: string;
}

/** The app's Shopify credentials; throws a clear message when they are missing outside demo mode. */
export function shopifyConfig(source: ParsedEnv = parsed): ShopifyConfig {
  const demo = source.DEMO_MODE;
  const apiKey = source.SHOPIFY_API_KEY ?? (demo ? DEMO_DEFAULTS.apiKey : undefined);
  const apiSecret = source.SHOPIFY_API_SECRET ?? (demo ? DEMO_DEFAULTS.apiSecret : undefined);
  const appUrl = source.SHOPIFY_APP_URL ?? (demo ? DEMO_DEFAULTS.appUrl : undefined);
  if (!apiKey || !apiSecret || !appUrl) {
    throw new Error(
      "SHOPIFY_API_KEY, SHOPIFY_API_SECRET and SHOPIFY_APP_URL are required (run `shopify app dev`, or set DEMO_MODE=1 for the local demo).",
    );
  }
  return { apiKey, apiSecret, appUrl };
}
