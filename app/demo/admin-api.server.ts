import { setupServer } from "msw/node";
import { DEMO_DEFAULTS } from "./constants";
import { adminGraphqlHandler, type GraphqlResolver } from "./admin-graphql-edge.server";
import { setDemoClaudeResponder } from "./claude-stub.server";
import { seoDemoResponder } from "./claude-responder";
import { installDemoStore } from "./demo-store.server";

/**
 * The demo's Shopify: Admin GraphQL requests for the demo shop are answered in-process at the network edge
 * (msw intercepts `fetch`), so the app's own code runs unchanged, as it would against a real store.
 */
const resolvers = new Map<string, GraphqlResolver>([
  [
    "ShopSettings",
    () => ({ shop: { name: DEMO_DEFAULTS.shopName, ianaTimezone: "America/New_York", currencyCode: "USD" } }),
  ],
]);

export function registerDemoGraphqlResolver(operationName: string, resolver: GraphqlResolver): void {
  resolvers.set(operationName, resolver);
}

let started = false;

/**
 * Starts answering the demo shop's Admin API: the shop's settings and the demo catalog (demo-store.server.ts),
 * and gives the demo's local Claude its SEO answers. Other hosts (Anthropic, if a key is set) pass through.
 */
export function startDemoAdminApi(): void {
  if (started) return;
  installDemoStore(registerDemoGraphqlResolver);
  setDemoClaudeResponder(seoDemoResponder);
  setupServer(adminGraphqlHandler(DEMO_DEFAULTS.shop, resolvers)).listen({ onUnhandledRequest: "bypass" });
  started = true;
}
