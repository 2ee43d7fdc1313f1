import { Card, EmptyState, Page } from "@shopify/polaris";

// A small inline illustration (a page with a question mark): no request to a CDN.
const ILLUSTRATION =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="226" height="160" viewBox="0 0 226 160">' +
      '<rect x="63" y="16" width="100" height="128" rx="10" fill="#f1f1f1" stroke="#c9c9c9" stroke-width="3"/>' +
      '<text x="113" y="100" font-family="sans-serif" font-size="64" font-weight="700" fill="#8a8a8a" text-anchor="middle">?</text></svg>',
  );

export interface NotFoundCopy {
  /** The page title, e.g. "SEO run not found". */
  title: string;
  /** What happened and what to do, in a sentence or two. */
  message: string;
  /** Where "back" leads, e.g. { content: "SEO", url: "/app/seo" }. */
  back: { content: string; url: string };
}

/** What a merchant sees for a run, product or page that does not exist: a Polaris page with a way back. */
export function NotFoundPage({ title, message, back }: NotFoundCopy) {
  return (
    <Page title={title} backAction={back}>
      <Card>
        <EmptyState heading={title} image={ILLUSTRATION} action={{ content: `Go to ${back.content}`, url: back.url }}>
          <p>{message}</p>
        </EmptyState>
      </Card>
    </Page>
  );
}
