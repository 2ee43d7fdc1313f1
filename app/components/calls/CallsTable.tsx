import { useRef } from "react";
import { useKeyboardScrollable } from "~/components/page/use-keyboard-scrollable";
import { Badge, BlockStack, Card, IndexTable, InlineStack, Link, Text, useBreakpoints } from "@shopify/polaris";
import type { ExplorerRow } from "~/lib/calls";
import { callCost, count, latency, usdExact } from "~/lib/format";

function StatusCell({ row }: { row: ExplorerRow }) {
  const failed = row.status === "error";
  return (
    <BlockStack gap="100">
      <InlineStack gap="100" wrap>
        <Badge tone={failed ? "critical" : "success"}>{failed ? "Failed" : "Succeeded"}</Badge>
        {row.cached && <Badge>App cache</Badge>}
        {row.batch && <Badge tone="info">Batch</Badge>}
      </InlineStack>
      {failed && (
        <Text as="span" tone="critical" variant="bodySm" breakWord>
          {[row.errorType, row.errorMessage].filter(Boolean).join(": ") || "No error details"}
        </Text>
      )}
    </BlockStack>
  );
}

function TokensCell({ row }: { row: ExplorerRow }) {
  const cache = [
    row.cacheReadTokens > 0 ? `${count(row.cacheReadTokens)} cache read` : null,
    row.cacheWriteTokens > 0 ? `${count(row.cacheWriteTokens)} cache write` : null,
  ].filter(Boolean);
  return (
    <BlockStack gap="050">
      <Text as="span" numeric>
        {count(row.inputTokens)} in · {count(row.outputTokens)} out
      </Text>
      {cache.length > 0 && (
        <Text as="span" tone="subdued" variant="bodySm" numeric>
          {cache.join(" · ")}
        </Text>
      )}
    </BlockStack>
  );
}

const CostText = ({ row }: { row: ExplorerRow }) => (
  <Text as="span" numeric tone={row.costPicos === null ? "caution" : undefined}>
    <span title={row.costPicos === null ? undefined : `Exactly ${usdExact(row.costPicos)}`}>
      {callCost(row.costPicos)}
    </span>
  </Text>
);

/** The product a call was about, by title, linking to it in Shopify admin; "—" for a call about none. */
function ResourceCell({ row }: { row: ExplorerRow }) {
  if (!row.resourceId) return <Text as="span">—</Text>;
  if (!row.resource) {
    return (
      <Text as="span" tone="subdued">
        {row.resourceType === "image" ? "An image no longer in your catalog" : "A product no longer in your catalog"}
      </Text>
    );
  }
  const { title, kind, adminUrl } = row.resource;
  return (
    <BlockStack gap="050">
      {adminUrl ? (
        <Link url={adminUrl} target="_top" removeUnderline>
          {title}
        </Link>
      ) : (
        <Text as="span">{title}</Text>
      )}
      {kind === "image" && (
        <Text as="span" tone="subdued" variant="bodySm">
          Image
        </Text>
      )}
    </BlockStack>
  );
}

/** One call stacked in a single cell, for phones (IndexTable's condensed mode shows no column headings). */
function CondensedRow({ row }: { row: ExplorerRow }) {
  return (
    <BlockStack gap="100">
      <InlineStack align="space-between" gap="200" wrap={false}>
        <Text as="span" fontWeight="semibold">
          {row.featureName}
        </Text>
        <CostText row={row} />
      </InlineStack>
      <Text as="span" tone="subdued" variant="bodySm">
        {row.localTime} · {row.modelName} · {row.staffName} · {latency(row.latencyMs)}
      </Text>
      {row.resourceId && <ResourceCell row={row} />}
      <TokensCell row={row} />
      <StatusCell row={row} />
    </BlockStack>
  );
}

export interface CallsTableProps {
  rows: ExplorerRow[];
  timeZone: string;
  loading: boolean;
  hasNewer: boolean;
  hasOlder: boolean;
  onNewer: () => void;
  onOlder: () => void;
}

/** The calls of the current page, newest first, with keyset pagination (newer / older). */
export function CallsTable({ rows, timeZone, loading, hasNewer, hasOlder, onNewer, onOlder }: CallsTableProps) {
  const { smDown } = useBreakpoints();
  const tableArea = useRef<HTMLDivElement>(null);
  useKeyboardScrollable(tableArea, "Calls table", ".Polaris-IndexTable-ScrollContainer");
  return (
    <Card padding="0">
      <div ref={tableArea}>
        <IndexTable
          resourceName={{ singular: "call", plural: "calls" }}
          itemCount={rows.length}
          selectable={false}
          condensed={smDown}
          loading={loading}
          emptyState={
            <BlockStack gap="100" inlineAlign="center">
              <Text as="p" variant="headingSm">
                No calls match these filters
              </Text>
              <Text as="p" tone="subdued">
                Try a longer date range or fewer filters.
              </Text>
            </BlockStack>
          }
          headings={[
            { title: `Time (${timeZone})` },
            { title: "Feature" },
            { title: "Model" },
            { title: "Product" },
            { title: "Staff member" },
            { title: "Tokens" },
            { title: "Cost", alignment: "end" },
            { title: "Latency", alignment: "end" },
            { title: "Status" },
          ]}
          pagination={{
            hasPrevious: hasNewer,
            hasNext: hasOlder,
            onPrevious: onNewer,
            onNext: onOlder,
            accessibilityLabels: { previous: "Newer calls", next: "Older calls" },
          }}
        >
          {rows.map((row, position) => (
            <IndexTable.Row id={row.id} key={row.id} position={position}>
              {smDown ? (
                <IndexTable.Cell>
                  <CondensedRow row={row} />
                </IndexTable.Cell>
              ) : (
                <>
                  <IndexTable.Cell>
                    <Text as="span" numeric>
                      {row.localTime}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{row.featureName}</IndexTable.Cell>
                  <IndexTable.Cell>{row.modelName}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <ResourceCell row={row} />
                  </IndexTable.Cell>
                  <IndexTable.Cell>{row.staffName}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <TokensCell row={row} />
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <InlineStack align="end">
                      <CostText row={row} />
                    </InlineStack>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <InlineStack align="end">
                      <Text as="span" numeric>
                        {latency(row.latencyMs)}
                      </Text>
                    </InlineStack>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <StatusCell row={row} />
                  </IndexTable.Cell>
                </>
              )}
            </IndexTable.Row>
          ))}
        </IndexTable>
      </div>
    </Card>
  );
}
