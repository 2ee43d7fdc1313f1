import { BlockStack, Card, Layout, SkeletonBodyText, SkeletonDisplayText } from "@shopify/polaris";

/** Holds the SEO page's place (same cards, same heights) while the catalog is read from Shopify. */
export function SeoOverviewSkeleton() {
  return (
    <Layout>
      <Layout.Section>
        <Card>
          <BlockStack gap="400">
            <SkeletonDisplayText size="small" />
            <SkeletonBodyText lines={3} />
          </BlockStack>
        </Card>
      </Layout.Section>
      <Layout.Section>
        <Card>
          <BlockStack gap="400">
            <SkeletonDisplayText size="small" />
            <SkeletonBodyText lines={5} />
          </BlockStack>
        </Card>
      </Layout.Section>
      <Layout.Section variant="oneThird">
        <Card>
          <BlockStack gap="400">
            <SkeletonDisplayText size="small" />
            <SkeletonBodyText lines={5} />
          </BlockStack>
        </Card>
      </Layout.Section>
      <Layout.Section>
        <Card>
          <SkeletonBodyText lines={16} />
        </Card>
      </Layout.Section>
    </Layout>
  );
}
