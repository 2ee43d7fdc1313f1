import "@shopify/shopify-app-remix/adapters/node";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { ApiVersion, AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import prisma from "./db.server";
import { env, shopifyConfig } from "./env.server";
import {
  deleteShopSessions,
  firstDelivery,
  forgetDelivery,
  redactedAmong,
  refreshShopFromShopify,
  SessionStorageReadingPlainSql,
} from "~/lib/shop/index.server";
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
  sessionStorage: new SessionStorageReadingPlainSql(prisma),
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

/** The shop a webhook's signed payload names (the header naming it is not covered by the signature). */
function signedShopOf(payload: unknown): string | null {
  if (typeof payload !== "object" || payload === null) return null;
  const { shop_domain: shopDomain, myshopify_domain: myshopifyDomain } = payload as Record<string, unknown>;
  const domain = shopDomain ?? myshopifyDomain;
  return typeof domain === "string" ? domain : null;
}

/**
 * `authenticate.webhook`, with three more refusals: a body over WEBHOOK_BODY_LIMIT (413, before it is read); a
 * delivery with no signature at all (401, like a bad one; the library would answer 400); and a delivery whose
 * X-Shopify-Shop-Domain header names another shop than its signed payload (400: a signed body re-sent under another
 * shop's name changes nothing). The shop it returns is the signed one wherever the payload names it.
 */
export async function authenticateWebhook(received: Request) {
  const request = await withBodyLimit(received, WEBHOOK_BODY_LIMIT);
  if (!request.headers.get("X-Shopify-Hmac-Sha256")) {
    throw new Response("Unauthorized", { status: 401 });
  }
  const context = await authenticate.webhook(request);
  const signedShop = signedShopOf(context.payload);
  if (signedShop !== null && signedShop !== context.shop) {
    throw new Response("The delivery's shop header does not match its signed payload.", { status: 400 });
  }
  return context;
}

/**
 * Runs a verified delivery's handling once: a delivery whose webhook id was already handled (Shopify retries, or a
 * replay) is acknowledged without doing anything again, and one whose handling failed can be handled on retry.
 * Nothing is recorded for a shop whose data was redacted, except by shop/redact itself, which erases it again.
 */
export async function handleWebhookOnce(
  context: { webhookId: string; shop: string; topic: string },
  handle: () => Promise<void>,
): Promise<Response> {
  const redacted = (await redactedAmong(prisma, [context.shop])).has(context.shop);
  if (redacted && context.topic !== "SHOP_REDACT") return new Response();
  if (!(await firstDelivery(context.webhookId.slice(0, 255), context.shop, context.topic))) return new Response();
  try {
    await handle();
  } catch (error) {
    await forgetDelivery(context.webhookId.slice(0, 255));
    throw error;
  }
  return new Response();
}
