/** URLs of the demo-only routes; they answer 404 unless DEMO_MODE=1. */
export const DEMO_APP_BRIDGE_PATH = "/demo/app-bridge.js";
export const DEMO_SESSION_TOKEN_PATH = "/demo/session-token";
export const DEMO_LAUNCH_PATH = "/demo/launch";
