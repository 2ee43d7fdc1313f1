import { useState } from "react";
import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, InlineGrid, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import type { FilterOptions } from "~/lib/calls";

export interface CallFilterValues {
  from: string;
  to: string;
  model: string;
  endpoint: string;
  status: string;
  resourceType: string;
}

const STATUS_OPTIONS = [
  { label: "Any status", value: "" },
  { label: "Succeeded", value: "success" },
  { label: "Failed", value: "error" },
];

function choices(all: string, values: string[], labelOf: (value: string) => string = (value) => value) {
  return [{ label: all, value: "" }, ...values.map((value) => ({ label: labelOf(value), value }))];
}

const resourceTypeLabel = (value: string) =>
  value === "none" ? "No resource" : value.charAt(0).toUpperCase() + value.slice(1);

/**
 * The calls page's filters: a plain GET form, so the filters live in the URL (shareable inside the admin, kept on
 * reload) and work with the keyboard alone (Enter applies them).
 */
export function CallFiltersCard({
  filters,
  options,
  busy,
}: {
  filters: CallFilterValues;
  options: FilterOptions;
  busy: boolean;
}) {
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
          <InlineGrid columns={{ xs: 1, sm: 2, md: 3 }} gap="300">
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
              options={choices("Any model", options.models)}
              value={values.model}
              onChange={set("model")}
            />
            <Select
              label="Endpoint"
              name="endpoint"
              options={choices("Any endpoint", options.endpoints)}
              value={values.endpoint}
              onChange={set("endpoint")}
            />
            <Select
              label="Resource type"
              name="resourceType"
              options={choices("Any resource", [...options.resourceTypes, "none"], resourceTypeLabel)}
              value={values.resourceType}
              onChange={set("resourceType")}
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
