/** The demo server's own routes (demo/server.ts); the app's build has none of them. */
export const DEMO_APP_BRIDGE_PATH = "/demo/app-bridge.js";
export const DEMO_SESSION_TOKEN_PATH = "/demo/session-token";
export const DEMO_LAUNCH_PATH = "/demo/launch";
/** Where the demo server answers Claude's Messages API (the SDK appends `/v1/messages`). */
export const DEMO_CLAUDE_BASE_PATH = "/demo/claude";
