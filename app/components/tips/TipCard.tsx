import { Badge, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { usd } from "~/lib/format";
import { Money } from "~/components/page/Money";

export interface TipJson {
  kind: string;
  endpoint: string;
  title: string;
  why: string;
  calls: number;
  /** Pico-dollars as decimal strings. */
  periodSavingPicos: string;
  monthlySavingPicos: string;
}

const KIND_LABELS: Record<string, string> = {
  cheaper_model: "Cheaper model",
  prompt_caching: "Prompt caching",
  batch_api: "Batch API",
  failing_calls: "Failing calls",
};

/** One tip: what to change, the saving (a glance in the badge, exact in the text) and why. */
export function TipCard({ tip, rank }: { tip: TipJson; rank: number }) {
  const monthly = BigInt(tip.monthlySavingPicos);
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="start" gap="200" wrap>
          <BlockStack gap="100">
            <Text as="span" tone="subdued" variant="bodySm">
              {rank}. {KIND_LABELS[tip.kind] ?? tip.kind}
            </Text>
            <Text as="h3" variant="headingMd">
              {tip.title}
            </Text>
          </BlockStack>
          <Badge tone="success" size="large">{`Save about ${usd(monthly)} a month`}</Badge>
        </InlineStack>
        <Text as="p">{tip.why}</Text>
        <Text as="p" tone="subdued" variant="bodySm">
          <Money picos={tip.periodSavingPicos} /> over the period; <Money picos={monthly} /> per 30 days.
        </Text>
      </BlockStack>
    </Card>
  );
}
