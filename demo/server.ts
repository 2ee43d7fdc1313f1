/**
 * The demo server (`npm run demo`; tests start it with `startAppServer({ demoMode: true })`): the production build
 * (build/server/index.js), unchanged, served with the demo around it.
 *
 * - The app gets the public demo credentials through the environment, as a real deployment gets its own, and
 *   APP_BRIDGE_URL pointing at a local App Bridge stand-in (there is no Shopify admin around the demo).
 * - Sign-in is Shopify's own: `/demo/launch` opens the app as Shopify admin does (a document load with a freshly
 *   minted session token), the app's `authenticate.admin` verifies it and trades it for an offline token at the
 *   demo shop's token endpoint; `/demo/session-token` is where the stand-in's `shopify.idToken()` gets tokens.
 * - The demo shop's Shopify (token endpoint, Admin GraphQL with the demo catalog) is answered by msw at this
 *   process's network edge; Claude, unless ANTHROPIC_API_KEY is set, by the Claude-compatible API mounted here at
 *   /demo/claude, which the app reaches over HTTP through ANTHROPIC_BASE_URL.
 *
 * It runs only with DEMO_MODE=1 (scripts/demo.mjs sets it). The build itself has no demo code and no demo switch.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { installGlobals, type ServerBuild } from "@remix-run/node";
import express, { type NextFunction, type Request, type Response } from "express";
import { messagesApiListener, seoDemoResponder, StubState } from "./claude-api";
import { DEMO_DEFAULTS } from "./constants";
import { startDemoShopApi } from "./shopify/demo-shop-api";
import { appBridgeStandInScript } from "./sign-in/app-bridge-standin";
import { bounceLocation, launchLocation, launchPath } from "./sign-in/launch";
import {
  DEMO_APP_BRIDGE_PATH,
  DEMO_CLAUDE_BASE_PATH,
  DEMO_LAUNCH_PATH,
  DEMO_MAILBOX_PATH,
  DEMO_SESSION_TOKEN_PATH,
} from "./sign-in/paths";
import { mailboxPage, startDemoMailbox } from "./mailbox";
import { mintDemoSessionToken } from "./sign-in/session-token";

const root = path.resolve(import.meta.dirname, "..");
const serverBuildPath = path.join(root, "build/server/index.js");
const SHUTDOWN_GRACE_MS = 2_000;

function fail(message: string): never {
  console.error(`demo: ${message}`);
  process.exit(1);
}

if (process.env.DEMO_MODE !== "1") fail("the demo server runs only with DEMO_MODE=1 (use `npm run demo`).");
if (!existsSync(serverBuildPath)) fail(`no production build at ${serverBuildPath} (run \`npm run build\`).`);

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 1 || port > 65_535) fail(`PORT must be a port number, not ${process.env.PORT}.`);
const host = process.env.HOST || "localhost";

/** How this process reaches its own server (for the app's Claude client). */
function loopbackOrigin(): string {
  if (host === "0.0.0.0" || host === "::") return `http://127.0.0.1:${port}`;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

// The app reads its configuration at import, so all of it is in place before the build is imported.
const ownClaude = !process.env.ANTHROPIC_API_KEY;
// Budget warnings are emailed to the demo's own mail server unless a real one is given.
const mailbox = process.env.SMTP_URL ? null : await startDemoMailbox();
Object.assign(process.env, {
  NODE_ENV: process.env.NODE_ENV || "production",
  SHOPIFY_API_KEY: DEMO_DEFAULTS.apiKey,
  SHOPIFY_API_SECRET: DEMO_DEFAULTS.apiSecret,
  SHOPIFY_APP_URL: process.env.SHOPIFY_APP_URL || `http://localhost:${port}`,
  SCOPES: process.env.SCOPES || DEMO_DEFAULTS.scopes,
  APP_BRIDGE_URL: DEMO_APP_BRIDGE_PATH,
  ...(mailbox && {
    SMTP_URL: mailbox.smtpUrl,
    ALERT_EMAIL_FROM: `${DEMO_DEFAULTS.shopName} budget <alerts@demo.invalid>`,
  }),
  ...(ownClaude && {
    ANTHROPIC_API_KEY: DEMO_DEFAULTS.claudeApiKey,
    ANTHROPIC_BASE_URL: `${loopbackOrigin()}${DEMO_CLAUDE_BASE_PATH}`,
  }),
});

installGlobals({ nativeFetch: true });
// After installGlobals, so msw wraps the fetch the app will use.
const shopify = startDemoShopApi({ scopes: process.env.SCOPES! });
const build = (await import(pathToFileURL(serverBuildPath).href)) as ServerBuild;

/** The request's URL on a fixed origin: the demo only ever answers with paths of its own. */
function requestUrl(req: Request): URL {
  return new URL(`http://demo.invalid${req.originalUrl}`);
}

function handled(handler: (req: Request, res: Response) => Promise<void> | void) {
  return (req: Request, res: Response, next: NextFunction) => {
    Promise.resolve(handler(req, res)).catch(next);
  };
}

const app = express();
app.disable("x-powered-by");
app.get("/", (req, res, next) => (req.query.shop ? next() : res.redirect(302, DEMO_LAUNCH_PATH)));
app.get(
  DEMO_LAUNCH_PATH,
  handled(async (req, res) => res.redirect(302, await launchLocation(requestUrl(req)))),
);
app.get(
  DEMO_SESSION_TOKEN_PATH,
  handled(async (_req, res) => {
    res.set("Cache-Control", "no-store").json(await mintDemoSessionToken());
  }),
);
const appBridgeScript = appBridgeStandInScript(DEMO_SESSION_TOKEN_PATH, {
  mailboxUrl: mailbox ? DEMO_MAILBOX_PATH : null,
});
if (mailbox) {
  app.get(DEMO_MAILBOX_PATH, (_req, res) => {
    res
      .set({ "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" })
      .send(mailboxPage(mailbox.mails));
  });
}
app.get(DEMO_APP_BRIDGE_PATH, (_req, res) => {
  res.set({ "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" }).send(appBridgeScript);
});
// A bookmarked or reloaded /app/… page opened in the browser's address bar: in Shopify admin the admin would load it
// with the shop and a fresh session token; the demo launches it the same way (the app itself would send the browser
// to its login page, which asks for a shop domain).
app.get(/^\/app(\/|$)/, (req, res, next) => {
  const url = requestUrl(req);
  const documentLoad = (req.get("Accept") ?? "").includes("text/html") && !req.get("Authorization");
  if (!documentLoad || url.searchParams.has("_data") || url.searchParams.has("id_token")) return next();
  res.redirect(302, launchPath(url.pathname + url.search));
});
// Shopify admin renews an expired session token through this bounce page; the demo launches the page again.
app.get("/auth/session-token", (req, res) =>
  res.redirect(302, bounceLocation(requestUrl(req), new URL(process.env.SHOPIFY_APP_URL!).origin)),
);
if (ownClaude) {
  const claude = new StubState({
    apiKeys: [DEMO_DEFAULTS.claudeApiKey],
    adminApiKeys: [DEMO_DEFAULTS.claudeAdminKey],
    responder: seoDemoResponder,
    maxLoggedRequests: 50,
  });
  app.use(DEMO_CLAUDE_BASE_PATH, messagesApiListener(claude));
}
app.use(
  build.publicPath,
  express.static(path.resolve(root, build.assetsBuildDirectory), { immutable: true, maxAge: "1y" }),
);
app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

const server = app.listen(port, host, () => {
  const claude = ownClaude
    ? "local Claude-compatible API"
    : `Claude at ${process.env.ANTHROPIC_BASE_URL ?? "Anthropic"}`;
  console.log(`demo: http://localhost:${port}/ (${DEMO_DEFAULTS.shopName}, ${claude})`);
  if (ownClaude) {
    console.log(
      `demo: reconcile with ANTHROPIC_ADMIN_KEY=${DEMO_DEFAULTS.claudeAdminKey} ` +
        `ANTHROPIC_BASE_URL=http://localhost:${port}${DEMO_CLAUDE_BASE_PATH} DATABASE_URL=${process.env.DATABASE_URL ?? ""} ` +
        "npm run operator -- reconcile --from YYYY-MM-DD --to YYYY-MM-DD",
    );
  }
});
server.keepAliveTimeout = 5_000;
server.on("error", (error) => fail(`could not listen on ${host}:${port}: ${error.message}`));

function shutDown(): void {
  setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  shopify.close();
  void mailbox?.close();
  server.close(() => process.exit(0));
  server.closeIdleConnections();
}
process.once("SIGINT", shutDown);
process.once("SIGTERM", shutDown);
