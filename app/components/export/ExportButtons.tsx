import { useState } from "react";
import { Banner, BlockStack, Button, InlineStack, Text } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { downloadExport, ExportFailedError } from "./download";

/** The range and filters to export, as the calls page's URL has them ("" or absent = no filter). */
export interface ExportFields {
  from: string;
  to: string;
  model?: string;
  endpoint?: string;
  status?: string;
  resourceType?: string;
  userId?: string;
}

type Kind = "calls" | "daily";

const LABELS: Record<Kind, string> = {
  calls: "Export calls (CSV)",
  daily: "Export daily summary (CSV)",
};

/**
 * Two buttons that download the usage CSV for the given range and filters: every call, or one row per day.
 * Any page can use them. A refused export (bad dates, unknown filter) shows the server's message in a banner.
 */
export function ExportButtons({ fields, description }: { fields: ExportFields; description?: string }) {
  const shopify = useAppBridge();
  const [busy, setBusy] = useState<Kind | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function download(kind: Kind) {
    setBusy(kind);
    setError(null);
    try {
      const filename = await downloadExport({ kind, ...fields });
      shopify.toast.show(`Downloaded ${filename}`);
    } catch (failure) {
      setError(failure instanceof ExportFailedError ? failure.message : "The export failed. Try again in a moment.");
    } finally {
      setBusy(null);
    }
  }

  return (
    <BlockStack gap="300">
      {description && (
        <Text as="p" tone="subdued">
          {description}
        </Text>
      )}
      <InlineStack gap="200" wrap>
        {(Object.keys(LABELS) as Kind[]).map((kind) => (
          <Button
            key={kind}
            onClick={() => void download(kind)}
            loading={busy === kind}
            disabled={busy !== null && busy !== kind}
          >
            {LABELS[kind]}
          </Button>
        ))}
      </InlineStack>
      {error && (
        <Banner tone="critical" title="The export could not be made" onDismiss={() => setError(null)}>
          <Text as="p">{error}</Text>
        </Banner>
      )}
    </BlockStack>
  );
}
