import "@shopify/shopify-app-remix/adapters/node";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { ApiVersion, AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import prisma from "./db.server";
import { env, shopifyConfig } from "./env.server";
import { deleteShopSessions, refreshShopFromShopify } from "~/lib/shop/index.server";
import { WEBHOOK_BODY_LIMIT, withBodyLimit } from "~/lib/http/index.server";

// The Node adapter keeps the `fetch` it saw at import time. Looking it up per call lets a network-edge
// interceptor installed later (msw, in tests and in the demo's stand-in store) answer Shopify's hosts.
setAbstractFetchFunc((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));

const config = shopifyConfig();

const LOG_LEVELS: Record<string, LogSeverity> = {
  error: LogSeverity.Error,
  warning: LogSeverity.Warning,
  info: LogSeverity.Info,
  debug: LogSeverity.Debug,
};

const shopify = shopifyApp({
  apiKey: config.apiKey,
  apiSecretKey: config.apiSecret,
  apiVersion: ApiVersion.October26,
  scopes: env.scopes,
  appUrl: config.appUrl,
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(prisma),
  distribution: AppDistribution.AppStore,
  logger: { level: LOG_LEVELS[process.env.SHOPIFY_LOG_LEVEL ?? "info"] ?? LogSeverity.Info },
  hooks: {
    // The one place the shop's row is written from a request: after a token exchange (install, or an expired
    // offline token), never by a page load. If Shopify cannot be asked now, the session is forgotten so that the
    // next load exchanges the token again and retries, instead of running on without the shop's time zone.
    afterAuth: async ({ session, admin }) => {
      try {
        await refreshShopFromShopify(session.shop, admin);
      } catch (error) {
        await deleteShopSessions(session.shop);
        throw error;
      }
    },
  },
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
});

export default shopify;
export const apiVersion = ApiVersion.October26;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;

/**
 * `authenticate.webhook`, except that a body over WEBHOOK_BODY_LIMIT is refused (413) before it is read, and a
 * delivery with no signature at all is answered 401 like a bad one.
 * The library answers 400 to a missing HMAC header; an unsigned request is unauthenticated, not malformed.
 */
export async function authenticateWebhook(received: Request) {
  const request = await withBodyLimit(received, WEBHOOK_BODY_LIMIT);
  if (!request.headers.get("X-Shopify-Hmac-Sha256")) {
    throw new Response("Unauthorized", { status: 401 });
  }
  return authenticate.webhook(request);
}
