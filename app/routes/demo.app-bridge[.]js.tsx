import { requireDemoMode } from "~/demo/guard.server";
import { appBridgeStandInScript } from "~/demo/app-bridge-standin";
import { DEMO_SESSION_TOKEN_PATH } from "~/demo/paths";

export const loader = async () => {
  requireDemoMode();
  return new Response(appBridgeStandInScript(DEMO_SESSION_TOKEN_PATH), {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" },
  });
};
