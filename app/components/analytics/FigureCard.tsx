import type { ReactNode } from "react";
import { BlockStack, Card, Text } from "@shopify/polaris";

interface FigureCardProps {
  title: string;
  /** The headline, e.g. "$12.35" (or an amount with its exact value on hover). */
  value: ReactNode;
  /** For a test or a screen reader: what the headline is, exactly. */
  testId?: string;
  /** h2 where the card sits directly under the page title, h3 inside a section. */
  headingAs?: "h2" | "h3";
  children?: ReactNode;
}

/** One headline figure with its title and detail lines, as on Home and the AI usage overview. */
export function FigureCard({ title, value, testId, headingAs = "h3", children }: FigureCardProps) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as={headingAs} variant="headingSm" tone="subdued">
          {title}
        </Text>
        <Text as="p" variant="headingXl" numeric>
          <span data-testid={testId}>{value}</span>
        </Text>
        {children}
      </BlockStack>
    </Card>
  );
}

/** A small subdued line under a figure. */
export function FigureDetail({ children }: { children: ReactNode }) {
  return (
    <Text as="p" variant="bodySm" tone="subdued" numeric>
      {children}
    </Text>
  );
}
