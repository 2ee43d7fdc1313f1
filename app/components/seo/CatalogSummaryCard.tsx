import { Badge, BlockStack, Box, Card, InlineGrid, InlineStack, Text } from "@shopify/polaris";
import type { CatalogSeoSummary } from "~/lib/seo";
import { ISSUE_LABELS, plural, scoreTone } from "./labels";

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <BlockStack gap="100">
      <Text as="h3" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <Text as="p" variant="headingLg">
        {value}
      </Text>
      {detail && (
        <Text as="p" variant="bodySm" tone="subdued">
          {detail}
        </Text>
      )}
    </BlockStack>
  );
}

/** The catalog at a glance: the rule-based score and the most common gaps. */
export function CatalogSummaryCard({ summary }: { summary: CatalogSeoSummary }) {
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Catalog SEO check
          </Text>
          <Badge tone={scoreTone(summary.averageScore)}>{`Average score ${summary.averageScore} / 100`}</Badge>
        </InlineStack>
        <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
          <Stat label="Products checked" value={summary.products.toLocaleString("en-US")} />
          <Stat
            label="Products with gaps"
            value={summary.productsWithIssues.toLocaleString("en-US")}
            detail={
              summary.products
                ? `${Math.round((summary.productsWithIssues / summary.products) * 100)}% of the catalog`
                : undefined
            }
          />
          <Stat label="Images without alt text" value={summary.imagesMissingAlt.toLocaleString("en-US")} />
          <Stat label="Average score" value={`${summary.averageScore}`} detail="100 means nothing to fix" />
        </InlineGrid>
        {summary.issueCounts.length > 0 && (
          <Box>
            <BlockStack gap="200">
              <Text as="h3" variant="headingSm">
                Most common gaps
              </Text>
              <InlineStack gap="200" wrap>
                {summary.issueCounts.map((issue) => (
                  <Badge key={issue.code} tone="attention">
                    {`${ISSUE_LABELS[issue.code]}: ${plural(issue.products, "product")}`}
                  </Badge>
                ))}
              </InlineStack>
            </BlockStack>
          </Box>
        )}
        <Text as="p" variant="bodySm" tone="subdued">
          Checked against Google&apos;s guidance (titles up to about 60 characters, meta descriptions up to about 155),
          for duplicates across your catalog, alt text and description length. This check is free; Claude&apos;s audit
          goes further.
        </Text>
      </BlockStack>
    </Card>
  );
}
