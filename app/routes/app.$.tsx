import type { LoaderFunctionArgs } from "@remix-run/node";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "~/shopify.server";
import { NotFoundPage } from "~/components/page/NotFoundPage";
import { pageErrorBoundary } from "~/components/page/PageErrorBoundary";

/** Any /app/… address the app does not have (a mistyped or old link): a Polaris page with the way home, and a 404. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  throw new Response("Not Found", { status: 404 });
};

export default function MissingPage() {
  return (
    <>
      <TitleBar title="Page not found" />
      <NotFoundPage
        title="Page not found"
        message="This page doesn't exist in the app. It may have been moved, or the link may be mistyped."
        back={{ content: "Home", url: "/app" }}
      />
    </>
  );
}

export const ErrorBoundary = pageErrorBoundary("Page not found");
