import { setupServer } from "msw/node";
import { adminGraphqlHandler, type GraphqlCall, type GraphqlResolver } from "../../demo/shopify/admin-graphql-edge";

/**
 * Shopify's Admin GraphQL API answered at the network edge for any *.myshopify.com shop: the app's real
 * client sends real HTTP requests and msw answers them. Every request is recorded in `calls`.
 */
export function createAdminApiMock(answers: Record<string, GraphqlResolver>) {
  const calls: GraphqlCall[] = [];
  const server = setupServer(
    adminGraphqlHandler("*.myshopify.com", new Map(Object.entries(answers)), { onCall: (call) => calls.push(call) }),
  );
  return { server, calls };
}
