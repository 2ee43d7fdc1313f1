import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, ChoiceList, InlineGrid, InlineStack, Text } from "@shopify/polaris";
import type { SeoJobKind } from "~/lib/seo";
import { plural } from "./labels";
import { errorOf } from "./use-result-toast";

interface ScopeCounts {
  all: number;
  audit: number;
  meta: number;
  alt_text: number;
  imagesMissingAlt: number;
}

const KINDS: Array<{ value: SeoJobKind; label: string; helpText: string }> = [
  {
    value: "meta",
    label: "Write meta titles and descriptions",
    helpText: "One Claude call per product. You review before anything changes in your store.",
  },
  { value: "alt_text", label: "Write image alt text", helpText: "One Claude call per image without alt text." },
  {
    value: "audit",
    label: "Audit products with Claude",
    helpText: "Findings and concrete fixes per product; changes nothing.",
  },
];

/** Choosing a bulk run; the next page shows its cost estimate before anything is sent to Claude. */
export function BulkRunCard({ counts }: { counts: ScopeCounts }) {
  const fetcher = useFetcher();
  const [kind, setKind] = useState<SeoJobKind>("meta");
  const [scope, setScope] = useState<"needing" | "all">("needing");
  const needing = counts[kind];
  const error = errorOf(fetcher.data);
  const needingLabel =
    kind === "alt_text"
      ? `Products with images missing alt text (${plural(needing, "product")}, ${plural(counts.imagesMissingAlt, "image")})`
      : kind === "meta"
        ? `Products with meta tag gaps (${plural(needing, "product")})`
        : `Products with any gap (${plural(needing, "product")})`;

  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            Start a bulk run
          </Text>
          <Text as="p" tone="subdued">
            You see the estimated cost before the run starts. Runs keep going if you leave this page, and you can pause
            or cancel them at any time.
          </Text>
        </BlockStack>
        {error && (
          <Banner tone="critical" title="The run could not be prepared">
            <Text as="p">{error}</Text>
          </Banner>
        )}
        <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
          <ChoiceList
            title="What Claude should do"
            choices={KINDS}
            selected={[kind]}
            onChange={(selected) => setKind((selected[0] as SeoJobKind | undefined) ?? "meta")}
          />
          <ChoiceList
            title="Which products"
            choices={[
              { value: "needing", label: needingLabel },
              { value: "all", label: `All products (${plural(counts.all, "product")})` },
            ]}
            selected={[scope]}
            onChange={(selected) => setScope(selected[0] === "all" ? "all" : "needing")}
          />
        </InlineGrid>
        <InlineStack align="end">
          <Button
            variant="primary"
            loading={fetcher.state !== "idle"}
            disabled={scope === "needing" && needing === 0}
            onClick={() => fetcher.submit({ intent: "prepare", kind, scope }, { method: "post" })}
          >
            Review cost estimate
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
