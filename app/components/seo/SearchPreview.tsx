import { BlockStack, Box, Text } from "@shopify/polaris";
import { META_DESCRIPTION_MAX, META_TITLE_MAX } from "~/lib/seo";

function cut(text: string, max: number): string {
  const characters = [...text];
  return characters.length > max
    ? `${characters
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`
    : text;
}

/** Roughly how a search result shows the product, cut where Google would cut it. */
export function SearchPreview({ title, description, path }: { title: string; description: string; path: string }) {
  return (
    <Box padding="400" background="bg-surface-secondary" borderRadius="200">
      <BlockStack gap="100">
        <Text as="p" variant="bodySm" tone="subdued">
          {`yourstore.com › ${path.replace(/^\//, "").replace(/\//g, " › ")}`}
        </Text>
        <Text as="p" variant="headingMd" tone="magic">
          {cut(title, META_TITLE_MAX)}
        </Text>
        <Text as="p" variant="bodySm">
          {description ? cut(description, META_DESCRIPTION_MAX) : "Search engines will pick text from the page."}
        </Text>
      </BlockStack>
    </Box>
  );
}
