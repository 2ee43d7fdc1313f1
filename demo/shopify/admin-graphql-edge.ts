import { http, HttpResponse } from "msw";

/**
 * An msw handler that answers Shopify's Admin GraphQL endpoint at the network edge, dispatching on the
 * operation name. The demo answers its store with it; tests answer theirs (and record what was asked).
 * A resolver returns the `data` object, or a whole Response (errors, throttling) to send as is.
 */
export type GraphqlResolver = (variables: Record<string, unknown>, shop: string) => unknown;

export interface GraphqlCall {
  shop: string;
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
}

export interface AdminGraphqlOptions {
  onCall?: (call: GraphqlCall) => void;
  /** Answers 401 as Shopify does when this refuses the request's X-Shopify-Access-Token (default: any token). */
  acceptsAccessToken?: (token: string, shop: string) => boolean;
}

export function operationNameOf(query: string): string {
  return /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "";
}

export function adminGraphqlHandler(
  shopHost: string,
  resolvers: ReadonlyMap<string, GraphqlResolver>,
  { onCall, acceptsAccessToken }: AdminGraphqlOptions = {},
) {
  return http.post(`https://${shopHost}/admin/api/:version/graphql.json`, async ({ request }) => {
    const shop = new URL(request.url).hostname;
    const token = request.headers.get("X-Shopify-Access-Token") ?? "";
    if (acceptsAccessToken && !acceptsAccessToken(token, shop)) {
      return HttpResponse.json(
        { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" },
        { status: 401 },
      );
    }
    const body = (await request.json()) as { query?: string; variables?: Record<string, unknown> };
    const query = body.query ?? "";
    const variables = body.variables ?? {};
    const operationName = operationNameOf(query);
    onCall?.({ shop, operationName, query, variables });
    const resolver = resolvers.get(operationName);
    if (!resolver) {
      return HttpResponse.json({ errors: [{ message: `No answer for operation ${operationName || "(unnamed)"}` }] });
    }
    const result = resolver(variables, shop);
    return result instanceof Response ? result : HttpResponse.json({ data: result });
  });
}
