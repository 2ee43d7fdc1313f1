import { type HeadersFunction, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import { authenticate } from "~/shopify.server";
import { env, shopifyConfig } from "~/env.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return json({
    apiKey: shopifyConfig().apiKey,
    // Shopify's CDN unless APP_BRIDGE_URL names another script (the local demo serves a stand-in: no admin around it).
    appBridgeUrl: env.appBridgeUrl,
  });
};

export default function App() {
  const { apiKey, appBridgeUrl } = useLoaderData<typeof loader>();
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} __APP_BRIDGE_URL={appBridgeUrl}>
      <NavMenu>
        <Link to="/app" rel="home">
          Home
        </Link>
        <Link to="/app/seo">SEO</Link>
        <Link to="/app/analytics">AI usage</Link>
        <Link to="/app/calls">Calls</Link>
        <Link to="/app/tips">Cost tips</Link>
        <Link to="/app/budget">Budget</Link>
      </NavMenu>
      <Outlet />
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses (redirects out of the iframe, 401s) and pass their headers on.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
