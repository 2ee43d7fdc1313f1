import { Badge, BlockStack, Box, InlineStack, Text } from "@shopify/polaris";
import type { AuditAnswer } from "~/lib/seo";
import { scoreTone } from "./labels";

const AREA_LABELS: Record<string, string> = {
  meta_title: "Meta title",
  meta_description: "Meta description",
  description: "Description",
  images: "Images",
  url_handle: "URL",
  structure: "Structure",
};

const SEVERITY_TONES = { high: "critical", medium: "warning", low: undefined } as const;

/** Claude's audit of one product: its score, summary and findings with the fix for each. */
export function AuditFindings({ audit }: { audit: AuditAnswer }) {
  return (
    <BlockStack gap="300">
      <InlineStack gap="200" blockAlign="center">
        <Badge tone={scoreTone(audit.score)}>{`Claude's score ${audit.score} / 100`}</Badge>
      </InlineStack>
      <Text as="p">{audit.summary}</Text>
      <BlockStack gap="200" as="ul">
        {audit.findings.map((finding, index) => (
          <Box as="li" key={index} paddingBlockStart="100">
            <BlockStack gap="100">
              <InlineStack gap="200" blockAlign="center">
                <Badge tone={SEVERITY_TONES[finding.severity]}>{finding.severity}</Badge>
                <Text as="span" fontWeight="semibold">
                  {AREA_LABELS[finding.area] ?? finding.area}
                </Text>
              </InlineStack>
              <Text as="p">{finding.problem}</Text>
              <Text as="p" tone="success">
                {finding.recommendation}
              </Text>
            </BlockStack>
          </Box>
        ))}
      </BlockStack>
    </BlockStack>
  );
}
