import { Banner, Page, Text } from "@shopify/polaris";

/** What a page shows when its figures could not be read (the database is down, say): a Banner, not a crash. */
export function PageErrorBanner({ title }: { title: string }) {
  return (
    <Page title={title}>
      <Banner tone="critical" title="These figures could not be loaded">
        <Text as="p">
          Something went wrong while reading your store&apos;s AI usage. Nothing was lost: calls are still recorded.
          Reload the page in a moment; if this keeps happening, contact support.
        </Text>
      </Banner>
    </Page>
  );
}
