import { type HeadersFunction, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import { authenticate } from "~/shopify.server";
import { env, shopifyConfig } from "~/env.server";
import { DEMO_APP_BRIDGE_PATH } from "~/demo/paths";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return json({
    apiKey: shopifyConfig().apiKey,
    // The demo has no Shopify admin around it, so it loads a local App Bridge stand-in instead of the CDN script.
    appBridgeUrl: env.demoMode ? DEMO_APP_BRIDGE_PATH : null,
  });
};

export default function App() {
  const { apiKey, appBridgeUrl } = useLoaderData<typeof loader>();
  const appBridge = appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {};
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} {...appBridge}>
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
