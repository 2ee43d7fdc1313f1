import { useState } from "react";
import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, Checkbox, InlineStack, Text, TextField } from "@shopify/polaris";

interface BudgetFormProps {
  /** The saved budget as the merchant would type it ("50", "49.99"), or "" for none. */
  savedAmount: string;
  savedHardCap: boolean;
  hasBudget: boolean;
  errors: { amount?: string; form?: string };
  saving: boolean;
  removing: boolean;
}

/** Sets the monthly budget and whether it is a hard cap; validation happens in the action (field errors here). */
export function BudgetForm({ savedAmount, savedHardCap, hasBudget, errors, saving, removing }: BudgetFormProps) {
  const [amount, setAmount] = useState(savedAmount);
  const [hardCap, setHardCap] = useState(savedHardCap);

  return (
    <Card>
      <BlockStack gap="400">
        <Form method="post" aria-label="Monthly budget">
          <input type="hidden" name="intent" value="save" />
          <BlockStack gap="400">
            <Text as="h2" variant="headingMd">
              Monthly budget
            </Text>
            <TextField
              label="Monthly budget (USD)"
              name="amount"
              prefix="$"
              inputMode="decimal"
              value={amount}
              onChange={setAmount}
              error={errors.amount}
              helpText="What this store may spend on Claude each calendar month, in US dollars (Anthropic bills in USD)."
              autoComplete="off"
            />
            <Checkbox
              label="Hard cap: stop new Claude calls when the budget is used up"
              name="hardCap"
              value="on"
              checked={hardCap}
              onChange={setHardCap}
              helpText="Once this month's spend reaches the budget, the app refuses new Claude calls (SEO audits, meta tags, alt text and Claude's cost tips) with a clear message, until the first day of next month in your store's time zone or until you raise the budget. Calls already running finish. Without a hard cap you only get warnings."
            />
            <InlineStack>
              <Button submit variant="primary" loading={saving}>
                Save budget
              </Button>
            </InlineStack>
          </BlockStack>
        </Form>
        {hasBudget && (
          <Form method="post" aria-label="Remove budget">
            <input type="hidden" name="intent" value="remove" />
            <Button submit variant="plain" tone="critical" loading={removing}>
              Remove the budget
            </Button>
          </Form>
        )}
      </BlockStack>
    </Card>
  );
}
