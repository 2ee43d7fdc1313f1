import { Badge, BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import type { AlertDeliveryJson } from "~/lib/budget";

const STATUS: Record<string, { label: string; tone: "success" | "attention" | "critical" | undefined }> = {
  sent: { label: "Sent", tone: "success" },
  pending: { label: "Retrying", tone: "attention" },
  failed: { label: "Not delivered", tone: "critical" },
  skipped: { label: "Not sent", tone: undefined },
};

function statusCell(delivery: AlertDeliveryJson) {
  const status = STATUS[delivery.status] ?? { label: delivery.status, tone: undefined };
  const label = delivery.status === "pending" && delivery.attempts === 0 ? "Sending" : status.label;
  return (
    <BlockStack gap="050">
      <span>
        <Badge tone={status.tone}>{label}</Badge>
      </span>
      {delivery.lastError && delivery.status !== "sent" && (
        <Text as="span" variant="bodySm" tone="subdued" breakWord>
          {delivery.lastError}
        </Text>
      )}
    </BlockStack>
  );
}

/** Every warning sent by email or webhook: to where, and whether it arrived (with retries and their reasons). */
export function AlertDeliveriesTable({ deliveries, timeZone }: { deliveries: AlertDeliveryJson[]; timeZone: string }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Warnings sent
        </Text>
        {deliveries.length === 0 ? (
          <Text as="p" tone="subdued">
            Nothing sent yet. When this month&apos;s spend crosses 80 %, 90 % or 100 % of the budget, each warning is
            listed here with where it went.
          </Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "text"]}
            headings={["Warning", "Sent to", "Status", `When (${timeZone})`]}
            rows={deliveries.map((delivery) => [
              delivery.threshold === null ? "—" : `${delivery.threshold}%`,
              <BlockStack key="to" gap="050">
                <Text as="span">{delivery.channel === "email" ? "Email" : "Webhook"}</Text>
                <Text as="span" variant="bodySm" tone="subdued" breakWord>
                  {delivery.target}
                </Text>
              </BlockStack>,
              statusCell(delivery),
              delivery.sentAt ?? (delivery.nextAttemptAt ? `next try ${delivery.nextAttemptAt}` : "—"),
            ])}
            increasedTableDensity
            fixedFirstColumns={1}
          />
        )}
      </BlockStack>
    </Card>
  );
}
