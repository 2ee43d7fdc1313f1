import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Select, Text } from "@shopify/polaris";
import type { ModelChoice, SeoSettingsValues } from "~/lib/seo";
import { errorOf, useResultToast, type ActionResult } from "./use-result-toast";

/** Which Claude model each kind of SEO task uses (a shop setting). */
export function ModelSettingsCard({ settings, choices }: { settings: SeoSettingsValues; choices: ModelChoice[] }) {
  const fetcher = useFetcher<ActionResult>();
  const [auditModel, setAuditModel] = useState(settings.auditModel);
  const [fixModel, setFixModel] = useState(settings.fixModel);
  useResultToast(fetcher.data);
  const options = choices.map((choice) => ({ label: choice.label, value: choice.id }));
  const changed = auditModel !== settings.auditModel || fixModel !== settings.fixModel;
  const error = errorOf(fetcher.data);

  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            Claude models
          </Text>
          <Text as="p" variant="bodySm" tone="subdued">
            Meta tags and alt text are short, well-defined writing: the cheapest model does them well. Audits weigh a
            whole listing.
          </Text>
        </BlockStack>
        {error && <Banner tone="critical">{error}</Banner>}
        <Select label="Meta tags and alt text" options={options} value={fixModel} onChange={setFixModel} />
        <Select label="Audits" options={options} value={auditModel} onChange={setAuditModel} />
        <InlineStack align="end">
          <Button
            disabled={!changed}
            loading={fetcher.state !== "idle"}
            onClick={() => fetcher.submit({ intent: "settings", auditModel, fixModel }, { method: "post" })}
          >
            Save models
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
