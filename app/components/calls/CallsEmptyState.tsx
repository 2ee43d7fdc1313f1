import { Card, EmptyState } from "@shopify/polaris";

// An inline illustration (a list of rows), so the empty state requests nothing from a CDN.
const ILLUSTRATION =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="226" height="160" viewBox="0 0 226 160">' +
      '<rect x="13" y="20" width="200" height="120" rx="12" fill="#f1f1f1"/>' +
      '<rect x="33" y="42" width="160" height="14" rx="7" fill="#005bd3"/>' +
      '<rect x="33" y="72" width="120" height="14" rx="7" fill="#c9c9c9"/>' +
      '<rect x="33" y="102" width="140" height="14" rx="7" fill="#c9c9c9"/></svg>',
  );

/** For a shop that has not made any Claude call yet. */
export function CallsEmptyState() {
  return (
    <Card>
      <EmptyState
        heading="No Claude calls yet"
        action={{ content: "Run your first SEO audit", url: "/app/seo" }}
        image={ILLUSTRATION}
      >
        <p>
          Each call the app makes to Claude for your store will be listed here with its time, tokens, cost, latency and
          any error, ready to filter and export as CSV.
        </p>
      </EmptyState>
    </Card>
  );
}
