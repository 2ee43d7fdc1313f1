import { Banner, Layout, Text } from "@shopify/polaris";
import type { loadSeoOverview } from "~/lib/seo";
import { BulkRunCard } from "./BulkRunCard";
import { CatalogSummaryCard } from "./CatalogSummaryCard";
import { ModelSettingsCard } from "./ModelSettingsCard";
import { ProductsTable } from "./ProductsTable";
import { RecentRunsCard } from "./RecentRunsCard";
import { useRunsPolling } from "./use-runs-polling";

export type SeoOverviewData = Awaited<ReturnType<typeof loadSeoOverview>>;

/** The SEO page once the catalog has arrived. */
export function SeoOverview({ data }: { data: SeoOverviewData }) {
  const jobs = useRunsPolling(data.jobs);
  return (
    <Layout>
      {data.truncated && (
        <Layout.Section>
          <Banner tone="info" title={`Showing your first ${data.products.length.toLocaleString("en-US")} products`}>
            <Text as="p">
              Runs over &ldquo;all products&rdquo; cover these products too; choose products below to work on others.
            </Text>
          </Banner>
        </Layout.Section>
      )}
      <Layout.Section>
        <CatalogSummaryCard summary={data.summary} />
      </Layout.Section>
      <Layout.Section>
        <BulkRunCard counts={data.scopeCounts} />
      </Layout.Section>
      <Layout.Section variant="oneThird">
        <ModelSettingsCard settings={data.settings} choices={data.modelChoices} />
      </Layout.Section>
      {jobs.length > 0 && (
        <Layout.Section>
          <RecentRunsCard jobs={jobs} />
        </Layout.Section>
      )}
      <Layout.Section>
        <ProductsTable products={data.products} />
      </Layout.Section>
    </Layout>
  );
}
