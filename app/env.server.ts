import { z } from "zod";

/**
 * Configuration read once at boot. The database and tracker settings are all any process needs (the app,
 * scripts, the benchmark); the Shopify credentials are checked when the Shopify app is built (`shopifyConfig`).
 * The app has no demo mode: the local demo (`npm run demo`, demo/server.ts) serves this same build and gives it
 * the demo's credentials through these same variables.
 */

/** App Bridge as Shopify admin serves it (what `AppProvider` loads when given nothing else). */
const SHOPIFY_APP_BRIDGE_URL = "https://cdn.shopify.com/shopifycloud/app-bridge.js";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SHOPIFY_API_KEY: z.string().min(1).optional(),
  SHOPIFY_API_SECRET: z.string().min(1).optional(),
  SHOPIFY_APP_URL: z.url().optional(),
  SCOPES: z.string().default("read_products,write_products,write_files"),
  /** Where the admin pages load App Bridge from: Shopify's CDN, or a stand-in outside Shopify admin (the demo's). */
  APP_BRIDGE_URL: z.string().min(1).default(SHOPIFY_APP_BRIDGE_URL),
  DATABASE_URL: z.string().default("file:./prisma/dev.sqlite"),
  /** PostgreSQL only: connections this process keeps open (per process: web instances × this ≤ the server's limit). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1_000).default(10),
  USAGE_JOURNAL_DIR: z.string().default("./data/usage-journal"),
  /** Days of raw call records kept (rollups are kept for good); 0 turns the daily prune off. */
  USAGE_RETENTION_DAYS: z.coerce.number().int().min(0).default(90),
  /** Where budget warnings are emailed from: an SMTP URL (smtp://user:pass@host:587, smtps://…); unset: no email. */
  SMTP_URL: z.string().url().optional(),
  /** The sender of budget warning emails. */
  ALERT_EMAIL_FROM: z.string().min(3).default("AI budget alerts <alerts@localhost>"),
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
  databaseUrl: parsed.DATABASE_URL,
  databasePoolSize: parsed.DATABASE_POOL_SIZE,
  usageJournalDir: parsed.USAGE_JOURNAL_DIR,
  usageRetentionDays: parsed.USAGE_RETENTION_DAYS,
  appBridgeUrl: parsed.APP_BRIDGE_URL,
  smtpUrl: parsed.SMTP_URL ?? null,
  alertEmailFrom: parsed.ALERT_EMAIL_FROM,
  scopes: parsed.SCOPES.split(",")
    .map((scope) => scope.trim())
    .filter(Boolean),
} as const;

export interface ShopifyConfig {
  apiKey: string;
  apiSecret: string;
  appUrl: string;
}

/** The app's Shopify credentials; throws a clear message when they are missing. */
export function shopifyConfig(source: ParsedEnv = parsed): ShopifyConfig {
  const { SHOPIFY_API_KEY: apiKey, SHOPIFY_API_SECRET: apiSecret, SHOPIFY_APP_URL: appUrl } = source;
  if (!apiKey || !apiSecret || !appUrl) {
    throw new Error(
      "SHOPIFY_API_KEY, SHOPIFY_API_SECRET and SHOPIFY_APP_URL are required (run `shopify app dev`, or `npm run demo` for the local demo).",
    );
  }
  return { apiKey, apiSecret, appUrl };
}
