import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { http, HttpResponse } from "msw";
import { jwtVerify } from "jose";

/**
 * Shopify's token endpoint for one shop (`POST https://<shop>/admin/oauth/access_token`), answered at the network
 * edge as Shopify answers it, so the app's own `authenticate.admin` signs the demo shop in the way it signs in a
 * real install: it trades the session token for an offline access token (token exchange, RFC 8693) and stores
 * the session itself; later it renews that token with the refresh token.
 *
 * Expiring offline tokens (`expiring: "1"`, what `future.expiringOfflineAccessTokens` asks for) live an hour and
 * come with a 90-day refresh token. Tokens are signed with the app's secret rather than remembered, so a restart
 * of the demo does not sign it out, and the demo's Admin API can check any token it is shown (`verifyAccessToken`).
 */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 3_600;
export const REFRESH_TOKEN_LIFETIME_SECONDS = 90 * 86_400;
const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
const OFFLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:offline-access-token";
const CLOCK_TOLERANCE_SECONDS = 10;
const MAX_BODY_CHARS = 16_384;

export interface TokenEndpointOptions {
  shop: string;
  apiKey: string;
  apiSecret: string;
  /** The scopes the app was granted (what shopify.app.toml asks for). */
  scopes: string;
  now?: () => number;
}

type TokenKind = "shpat" | "shprt";

function signature(secret: string, kind: TokenKind, shop: string, expiresAt: number, nonce: string): string {
  return createHmac("sha256", secret).update(`${kind}:${shop}:${expiresAt}:${nonce}`).digest("hex").slice(0, 32);
}

function issue(options: TokenEndpointOptions, kind: TokenKind, lifetimeSeconds: number | null): string {
  const expiresAt = lifetimeSeconds === null ? 0 : Math.floor(nowMs(options) / 1000) + lifetimeSeconds;
  const nonce = randomBytes(12).toString("hex");
  return `${kind}_demo_${expiresAt}_${nonce}_${signature(options.apiSecret, kind, options.shop, expiresAt, nonce)}`;
}

/** True for a token of this kind this endpoint issued for the shop and that has not expired. */
function verify(options: TokenEndpointOptions, kind: TokenKind, token: string, shop: string): boolean {
  const match = new RegExp(`^${kind}_demo_(\\d{1,12})_([0-9a-f]{24})_([0-9a-f]{32})$`).exec(token);
  if (!match || shop !== options.shop) return false;
  const expiresAt = Number(match[1]);
  const expected = Buffer.from(signature(options.apiSecret, kind, shop, expiresAt, match[2]!));
  if (!timingSafeEqual(expected, Buffer.from(match[3]!))) return false;
  return expiresAt === 0 || expiresAt * 1000 > nowMs(options);
}

function nowMs(options: TokenEndpointOptions): number {
  return options.now?.() ?? Date.now();
}

export function verifyAccessToken(options: TokenEndpointOptions, token: string, shop: string): boolean {
  return verify(options, "shpat", token, shop);
}

function oauthError(status: number, error: string, description: string) {
  return HttpResponse.json({ error, error_description: description }, { status });
}

function offlineTokenAnswer(options: TokenEndpointOptions, expiring: boolean) {
  if (!expiring) return HttpResponse.json({ access_token: issue(options, "shpat", null), scope: options.scopes });
  return HttpResponse.json({
    access_token: issue(options, "shpat", ACCESS_TOKEN_LIFETIME_SECONDS),
    scope: options.scopes,
    expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
    refresh_token: issue(options, "shprt", REFRESH_TOKEN_LIFETIME_SECONDS),
    refresh_token_expires_in: REFRESH_TOKEN_LIFETIME_SECONDS,
  });
}

async function subjectTokenIsValid(options: TokenEndpointOptions, token: string): Promise<boolean> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(options.apiSecret), {
      algorithms: ["HS256"],
      audience: options.apiKey,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    return payload.dest === `https://${options.shop}`;
  } catch {
    return false;
  }
}

async function readBody(request: Request): Promise<Record<string, unknown> | null> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_CHARS) return null;
  const text = await request.text();
  if (text.length > MAX_BODY_CHARS) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function tokenEndpointHandler(options: TokenEndpointOptions) {
  return http.post(`https://${options.shop}/admin/oauth/access_token`, async ({ request }) => {
    const body = await readBody(request);
    if (!body) return oauthError(400, "invalid_request", "The request body must be a JSON object.");
    if (body.client_id !== options.apiKey || body.client_secret !== options.apiSecret) {
      return oauthError(401, "invalid_client", "Client authentication failed.");
    }
    if (body.grant_type === TOKEN_EXCHANGE_GRANT) {
      if (body.subject_token_type !== ID_TOKEN_TYPE || typeof body.subject_token !== "string") {
        return oauthError(400, "invalid_request", "subject_token must be a session token (id_token).");
      }
      if (!(await subjectTokenIsValid(options, body.subject_token))) {
        return oauthError(400, "invalid_subject_token", "The session token is invalid or has expired.");
      }
      if (body.requested_token_type !== OFFLINE_TOKEN_TYPE) {
        return oauthError(400, "invalid_request", "The demo shop issues offline access tokens only.");
      }
      return offlineTokenAnswer(options, body.expiring === "1" || body.expiring === 1);
    }
    if (body.grant_type === "refresh_token") {
      const token = typeof body.refresh_token === "string" ? body.refresh_token : "";
      if (!verify(options, "shprt", token, options.shop)) {
        return oauthError(400, "invalid_grant", "The refresh token is invalid or has expired.");
      }
      return offlineTokenAnswer(options, true);
    }
    return oauthError(400, "unsupported_grant_type", `Unsupported grant_type: ${String(body.grant_type)}`);
  });
}
