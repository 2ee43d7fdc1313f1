import { setupServer } from "msw/node";
import { DEMO_DEFAULTS } from "../constants";
import { adminGraphqlHandler, type GraphqlResolver } from "./admin-graphql-edge";
import { DemoStore } from "./demo-store";
import { tokenEndpointHandler, verifyAccessToken, type TokenEndpointOptions } from "./token-exchange";

/**
 * The demo shop's side of Shopify, answered at the network edge (msw intercepts the process's outgoing `fetch`),
 * so the app's own code runs unchanged, as it would against a real store: the token endpoint (sign-in by token
 * exchange, token refresh), and the Admin GraphQL API (the shop's settings and the demo catalog, which really
 * changes when a fix is applied). Requests to any other host (Anthropic, if a key is set) pass through.
 */
export interface DemoShopApiOptions {
  apiKey?: string;
  apiSecret?: string;
  scopes: string;
  store?: DemoStore;
}

export function demoShopResolvers(store: DemoStore): Map<string, GraphqlResolver> {
  return new Map<string, GraphqlResolver>([
    [
      "ShopSettings",
      () => ({ shop: { name: DEMO_DEFAULTS.shopName, ianaTimezone: DEMO_DEFAULTS.timeZone, currencyCode: "USD" } }),
    ],
    ...Object.entries(store.resolvers()),
  ]);
}

export function startDemoShopApi(options: DemoShopApiOptions): { store: DemoStore; close: () => void } {
  const store = options.store ?? new DemoStore();
  const tokens: TokenEndpointOptions = {
    shop: DEMO_DEFAULTS.shop,
    apiKey: options.apiKey ?? DEMO_DEFAULTS.apiKey,
    apiSecret: options.apiSecret ?? DEMO_DEFAULTS.apiSecret,
    scopes: options.scopes,
  };
  const server = setupServer(
    tokenEndpointHandler(tokens),
    adminGraphqlHandler(DEMO_DEFAULTS.shop, demoShopResolvers(store), {
      acceptsAccessToken: (token, shop) => verifyAccessToken(tokens, token, shop),
    }),
  );
  server.listen({ onUnhandledRequest: "bypass" });
  return { store, close: () => server.close() };
}
