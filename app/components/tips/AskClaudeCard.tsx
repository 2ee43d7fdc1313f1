import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, SkeletonBodyText, Text } from "@shopify/polaris";
import { featureName } from "~/lib/format";

export type AskClaudeResult = { answer: string } | { error: string };

/**
 * Asks Claude for suggestions from the aggregate figures (a tracked call, billed like any other), and shows the
 * answer, or why there is none, in a banner.
 */
export function AskClaudeCard() {
  const fetcher = useFetcher<AskClaudeResult>();
  const asking = fetcher.state !== "idle";
  const result = asking ? undefined : fetcher.data;

  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Ask Claude for more ideas
        </Text>
        <Text as="p" tone="subdued">
          Claude sees only the figures behind this page: calls, tokens, costs, latency and errors per feature and model.
          No product, customer or staff data is sent. The request is counted in your AI usage as a &ldquo;
          {featureName("optimization_tips")}&rdquo; call and costs a few cents.
        </Text>
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="ask_claude" />
          <Button submit loading={asking}>
            Ask Claude
          </Button>
        </fetcher.Form>
        <div aria-live="polite" aria-busy={asking}>
          {asking && <SkeletonBodyText lines={5} />}
          {result && "error" in result && (
            <Banner tone="critical" title="Claude could not be asked">
              <Text as="p">{result.error}</Text>
            </Banner>
          )}
          {result && "answer" in result && (
            <Box background="bg-surface-secondary" padding="400" borderRadius="200">
              <BlockStack gap="200">
                <Text as="h3" variant="headingSm">
                  Claude&apos;s suggestions
                </Text>
                {result.answer
                  .split("\n")
                  .filter((line) => line.trim() !== "")
                  .map((line, index) => (
                    <Text as="p" key={index}>
                      {line}
                    </Text>
                  ))}
              </BlockStack>
            </Box>
          )}
        </div>
      </BlockStack>
    </Card>
  );
}
