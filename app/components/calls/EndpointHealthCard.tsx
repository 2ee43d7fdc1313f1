import { BlockStack, Box, Card, DataTable, InlineGrid, Text, useBreakpoints } from "@shopify/polaris";
import type { EndpointHealth } from "~/lib/analytics";
import { count, featureName, latency, percent } from "~/lib/format";

const COLUMNS = ["Calls", "Failed", "Error rate", "p50 latency", "p95 latency"] as const;

function figures(row: EndpointHealth): string[] {
  return [
    count(row.calls),
    count(row.errorCalls),
    percent(row.errorRate * 100),
    latency(row.p50LatencyMs),
    latency(row.p95LatencyMs),
  ];
}

/** On a phone: one block per endpoint, label beside value, instead of a table that would scroll sideways. */
function StackedRows({ rows }: { rows: EndpointHealth[] }) {
  return (
    <BlockStack gap="300" as="ul">
      {rows.map((row) => (
        <Box as="li" key={row.endpoint} borderBlockStartWidth="025" borderColor="border" paddingBlockStart="300">
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              {featureName(row.endpoint)}
            </Text>
            <InlineGrid columns={2} gap="100">
              {figures(row).flatMap((value, index) => [
                <Text as="span" tone="subdued" key={`${COLUMNS[index]}-label`}>
                  {COLUMNS[index]}
                </Text>,
                <Text as="span" alignment="end" numeric key={`${COLUMNS[index]}-value`}>
                  {value}
                </Text>,
              ])}
            </InlineGrid>
          </BlockStack>
        </Box>
      ))}
    </BlockStack>
  );
}

/** Latency p50/p95 and error rate per endpoint for the chosen days (from the daily rollups). */
export function EndpointHealthCard({ rows, rangeLabel }: { rows: EndpointHealth[]; rangeLabel: string }) {
  const { smDown } = useBreakpoints();
  return (
    <Card>
      <BlockStack gap="300">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            Latency and errors by feature
          </Text>
          <Text as="p" tone="subdued">
            {rangeLabel}, all models and statuses. Percentiles are within about 5 % of the exact value; calls answered
            from the app&apos;s own cache are not timed.
          </Text>
        </BlockStack>
        {rows.length === 0 ? (
          <Text as="p">No calls in these days.</Text>
        ) : smDown ? (
          <StackedRows rows={rows} />
        ) : (
          <DataTable
            columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
            headings={["Feature", ...COLUMNS]}
            rows={rows.map((row) => [featureName(row.endpoint), ...figures(row)])}
            fixedFirstColumns={1}
          />
        )}
      </BlockStack>
    </Card>
  );
}
