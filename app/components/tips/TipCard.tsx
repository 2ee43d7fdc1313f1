import { useEffect } from "react";
import { useFetcher } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { usd } from "~/lib/format";
import { Money } from "~/components/page/Money";

type TipAction =
  | {
      kind: "switch_model";
      setting: "auditModel" | "fixModel";
      settingLabel: string;
      model: string;
      modelName: string;
      done: boolean;
    }
  | { kind: "calls"; url: string; label: string };

export interface TipJson {
  kind: string;
  endpoint: string;
  title: string;
  why: string;
  calls: number;
  /** Pico-dollars as decimal strings. */
  periodSavingPicos: string;
  monthlySavingPicos: string;
  action: TipAction | null;
}

const KIND_LABELS: Record<string, string> = {
  cheaper_model: "Cheaper model",
  prompt_caching: "Prompt caching",
  batch_api: "Batch API",
  failing_calls: "Failing calls",
};

type SwitchResult = { ok: true; message: string } | { ok: false; error: string };

/** Switches the SEO setting the tip names to the cheaper model, with the saving on the button. */
function SwitchModel({ action, monthly }: { action: Extract<TipAction, { kind: "switch_model" }>; monthly: bigint }) {
  const fetcher = useFetcher<SwitchResult>();
  const shopify = useAppBridge();
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  useEffect(() => {
    if (result?.ok) shopify.toast.show(result.message);
  }, [result, shopify]);
  if (action.done) {
    return (
      <Text as="p" tone="success">
        Done: “{action.settingLabel}” in the SEO settings already uses {action.modelName}, so new runs cost less.
      </Text>
    );
  }
  return (
    <BlockStack gap="200">
      {result && !result.ok && (
        <Banner tone="critical" title="The setting could not be changed">
          <Text as="p">{result.error}</Text>
        </Banner>
      )}
      <InlineStack gap="200" blockAlign="center" wrap>
        <Button
          variant="primary"
          loading={fetcher.state !== "idle"}
          onClick={() =>
            fetcher.submit({ intent: "switch_model", setting: action.setting, model: action.model }, { method: "post" })
          }
        >
          {`Use ${action.modelName} for ${action.settingLabel.toLowerCase()}`}
        </Button>
        <Text as="span" tone="subdued" variant="bodySm">
          Saves about {usd(monthly)} a month; changes the SEO settings, which you can switch back at any time.
        </Text>
      </InlineStack>
    </BlockStack>
  );
}

/** One tip: what to change, the saving (a glance in the badge, exact on hover), why, and what to do about it. */
export function TipCard({ tip, rank }: { tip: TipJson; rank: number }) {
  const monthly = BigInt(tip.monthlySavingPicos);
  return (
    <Card>
      <BlockStack gap="300">
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
        {tip.action?.kind === "switch_model" && <SwitchModel action={tip.action} monthly={monthly} />}
        {tip.action?.kind === "calls" && (
          <InlineStack>
            <Button url={tip.action.url}>{tip.action.label}</Button>
          </InlineStack>
        )}
      </BlockStack>
    </Card>
  );
}
