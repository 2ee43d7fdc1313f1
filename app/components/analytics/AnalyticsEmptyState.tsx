import { Card, EmptyState } from "@shopify/polaris";

// A small inline illustration (a rising line on a card): no request to a CDN, which the admin iframe and the
// offline demo would both pay for.
const ILLUSTRATION =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="226" height="160" viewBox="0 0 226 160">' +
      '<rect x="13" y="20" width="200" height="120" rx="12" fill="#f1f1f1"/>' +
      '<path d="M33 115 L78 90 L113 100 L158 60 L193 45" fill="none" stroke="#005bd3" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/>' +
      '<circle cx="193" cy="45" r="8" fill="#005bd3"/></svg>',
  );

/** For a shop that has not made any Claude call yet. */
export function AnalyticsEmptyState() {
  return (
    <Card>
      <EmptyState
        heading="No AI usage yet"
        action={{ content: "Run your first SEO audit", url: "/app/seo" }}
        image={ILLUSTRATION}
      >
        <p>
          Every Claude call this app makes for your store appears here: what it cost, which feature made it and who
          started it. Run an SEO audit or write meta descriptions to see your first figures.
        </p>
      </EmptyState>
    </Card>
  );
}
