import { BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import type { CallsExplorerData } from "~/lib/calls";
import { addDays } from "~/lib/time";
import { count, unknownPriceNote } from "~/lib/format";
import { Money } from "~/components/page/Money";
import type { JsonOf } from "~/components/page/json";

/**
 * What the filters add up to: every matching call in the chosen days, from the same daily totals the other pages
 * show, so a figure clicked elsewhere reads the same here.
 */
export function CallsTotalsCard({ data, rangeLabel }: { data: JsonOf<CallsExplorerData>; rangeLabel: string }) {
  const { totals } = data;
  const unknown = unknownPriceNote(totals.unpricedCalls);
  const oldestKept = data.retentionDays > 0 ? addDays(data.today, -data.retentionDays) : null;
  return (
    <Card>
      <BlockStack gap="100">
        <InlineStack gap="400" blockAlign="baseline" wrap>
          <Text as="h2" variant="headingMd">
            <span data-testid="calls-total-cost">
              <Money picos={totals.costPicos} calls={totals.calls} unpricedCalls={totals.unpricedCalls} />
            </span>
          </Text>
          <Text as="p" tone="subdued">
            <span data-testid="calls-total-count">{count(totals.calls)}</span> {totals.calls === 1 ? "call" : "calls"}{" "}
            match these filters, {rangeLabel}
            {totals.errorCalls > 0 ? ` (${count(totals.errorCalls)} failed)` : ""}.
          </Text>
        </InlineStack>
        {unknown && (
          <Text as="p" variant="bodySm" tone="subdued">
            {unknown}.
          </Text>
        )}
        {oldestKept && data.filters.from < oldestKept && (
          <Text as="p" variant="bodySm" tone="subdued">
            Calls older than {data.retentionDays} days are kept as daily totals only, so they are counted here but not
            listed below.
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
