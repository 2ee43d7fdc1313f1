import { useState } from "react";
import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, InlineGrid, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import type { CallsExplorerData, FilterOptions } from "~/lib/calls";
import { resourceTypeName } from "~/lib/format";

export interface CallFilterValues {
  from: string;
  to: string;
  model: string;
  endpoint: string;
  status: string;
  resourceType: string;
  userId: string;
}

const STATUS_OPTIONS = [
  { label: "Any status", value: "" },
  { label: "Succeeded", value: "success" },
  { label: "Failed", value: "error" },
];

function choices(all: string, values: string[], labelOf: (value: string) => string) {
  const options = values.map((value) => ({ label: labelOf(value), value }));
  options.sort((a, b) => a.label.localeCompare(b.label));
  return [{ label: all, value: "" }, ...options];
}

/**
 * The calls page's filters: a plain GET form, so the filters live in the URL (shareable inside the admin, kept on
 * reload) and work with the keyboard alone (Enter applies them).
 */
export function CallFiltersCard({
  filters,
  options,
  labels,
  busy,
}: {
  filters: CallFilterValues;
  options: FilterOptions;
  labels: CallsExplorerData["optionLabels"];
  busy: boolean;
}) {
  const named = (names: Record<string, string>) => (value: string) => names[value] ?? value;
  const [values, setValues] = useState(filters);
  const set = (field: keyof CallFilterValues) => (value: string) =>
    setValues((current) => ({ ...current, [field]: value }));

  return (
    <Card>
      <Form method="get" action="/app/calls">
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd">
            Filters
          </Text>
          <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="300">
            <TextField
              label="From"
              type="date"
              name="from"
              value={values.from}
              onChange={set("from")}
              autoComplete="off"
            />
            <TextField label="To" type="date" name="to" value={values.to} onChange={set("to")} autoComplete="off" />
            <Select
              label="Status"
              name="status"
              options={STATUS_OPTIONS}
              value={values.status}
              onChange={set("status")}
            />
            <Select
              label="Model"
              name="model"
              options={choices("Any model", options.models, named(labels.models))}
              value={values.model}
              onChange={set("model")}
            />
            <Select
              label="Feature"
              name="endpoint"
              options={choices("Any feature", options.endpoints, named(labels.endpoints))}
              value={values.endpoint}
              onChange={set("endpoint")}
            />
            <Select
              label="Resource type"
              name="resourceType"
              options={choices("Any resource", [...options.resourceTypes, "none"], resourceTypeName)}
              value={values.resourceType}
              onChange={set("resourceType")}
            />
            <Select
              label="Staff member"
              name="userId"
              options={choices("Anyone", options.staff, named(labels.staff))}
              value={values.userId}
              onChange={set("userId")}
            />
          </InlineGrid>
          <InlineStack gap="200">
            <Button submit variant="primary" loading={busy}>
              Apply filters
            </Button>
            <Button url="/app/calls">Clear</Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}
