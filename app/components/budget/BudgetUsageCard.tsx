import { BlockStack, Card, ProgressBar, Text } from "@shopify/polaris";
import type { BudgetStatusJson } from "~/lib/budget";
import { formatDay } from "~/lib/time";
import { percent, usd } from "~/lib/format";
import { Money } from "~/components/page/Money";

interface BudgetUsageCardProps {
  status: BudgetStatusJson;
  projectedMonthEndPicos: string;
}

/** This month's spend against the budget, with the month-end projection. */
export function BudgetUsageCard({ status, projectedMonthEndPicos }: BudgetUsageCardProps) {
  const used = status.usedPercent;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          This month
        </Text>
        <Text as="p" variant="headingXl" numeric>
          <span data-testid="budget-spent">
            <Money picos={status.spentPicos} />
          </span>
          {status.budgetPicos !== null && (
            <Text as="span" variant="bodyLg" tone="subdued">
              {" "}
              of {usd(status.budgetPicos)}
            </Text>
          )}
        </Text>
        {status.budgetPicos !== null && used !== null && (
          <>
            <ProgressBar
              progress={Math.min(100, used)}
              tone={used >= 100 ? "critical" : used >= 80 ? "highlight" : "success"}
              ariaLabelledBy="budget-used-label"
              animated={false}
            />
            <Text as="p" id="budget-used-label" numeric>
              {percent(used)} of the monthly budget used
            </Text>
          </>
        )}
        <Text as="p" variant="bodySm" tone="subdued" numeric>
          Spent on calls with a known price (hover an amount for its exact value). Projected month-end:{" "}
          <Money picos={projectedMonthEndPicos} />. The month starts over on {formatDay(status.resetsOn, true)} (
          {status.timeZone}).
        </Text>
      </BlockStack>
    </Card>
  );
}
