import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { Banner, Page, Text } from "@shopify/polaris";
import { NotFoundPage, type NotFoundCopy } from "./NotFoundPage";

const DEFAULT_NOT_FOUND: NotFoundCopy = {
  title: "Page not found",
  message: "This page doesn't exist in the app. It may have been moved, or the link may be mistyped.",
  back: { content: "Home", url: "/app" },
};

/**
 * A page's ErrorBoundary: a 404 the loader threw (a run, product or page that does not exist) is a Polaris page with
 * a way back; other responses thrown by authentication (redirects out of the iframe, 401s) go to Shopify's handling;
 * anything else (the database is down, say) is a critical Banner on the page, not a crash.
 */
export function pageErrorBoundary(
  pageTitle: string,
  bannerTitle = "This page could not be loaded",
  notFound: NotFoundCopy = DEFAULT_NOT_FOUND,
) {
  return function ErrorBoundary() {
    const error = useRouteError();
    if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage {...notFound} />;
    if (isRouteErrorResponse(error)) return boundary.error(error);
    return (
      <Page title={pageTitle}>
        <Banner tone="critical" title={bannerTitle}>
          <Text as="p">
            Something went wrong while reading your store&apos;s data. Nothing was lost: Claude calls are still
            recorded. Reload the page in a moment; if this keeps happening, contact support.
          </Text>
        </Banner>
      </Page>
    );
  };
}
