/** The demo server's own routes (demo/server.ts); the app's build has none of them. */
export const DEMO_APP_BRIDGE_PATH = "/demo/app-bridge.js";
export const DEMO_SESSION_TOKEN_PATH = "/demo/session-token";
export const DEMO_LAUNCH_PATH = "/demo/launch";
/** What the app emailed (budget warnings), received by the demo's own mail server. */
export const DEMO_MAILBOX_PATH = "/demo/mailbox";
/** Where the demo server answers Claude's Messages API (the SDK appends `/v1/messages`). */
export const DEMO_CLAUDE_BASE_PATH = "/demo/claude";
