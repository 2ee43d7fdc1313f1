import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import type { BudgetAlertJson } from "~/lib/budget";
import { Money } from "~/components/page/Money";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function monthName(monthKey: string): string {
  const [year, month] = monthKey.split("-");
  return `${MONTHS[Number(month) - 1]} ${year}`;
}

/** Every 80/90/100 % warning so far: when the spend crossed it and when the notification was shown. */
export function BudgetHistoryTable({ alerts, timeZone }: { alerts: BudgetAlertJson[]; timeZone: string }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Warning history
        </Text>
        {alerts.length === 0 ? (
          <Text as="p" tone="subdued">
            No warnings yet. Each month&apos;s first crossing of 80 %, 90 % and 100 % of the budget is listed here.
          </Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "numeric", "numeric", "numeric", "text", "text"]}
            headings={[
              "Month",
              "Warning",
              "Spent then (USD)",
              "Budget then (USD)",
              `Crossed at (${timeZone})`,
              "Notified at",
            ]}
            rows={alerts.map((alert) => [
              monthName(alert.monthKey),
              `${alert.threshold}%`,
              <Money key="spent" picos={alert.spentPicos} />,
              <Money key="budget" picos={alert.budgetPicos} />,
              alert.crossedAt,
              alert.notifiedAt ?? "not yet shown",
            ])}
            increasedTableDensity
            fixedFirstColumns={1}
          />
        )}
      </BlockStack>
    </Card>
  );
}
