import { useState } from "react";
import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { PRESET_LABELS, RANGE_PRESETS, type RangePreset } from "~/lib/time";

interface RangePickerProps {
  preset: RangePreset;
  from: string;
  to: string;
  /** The shop's today: the latest day a custom range can end on. */
  today: string;
  /** Shown under the picker: the days the page shows now. */
  rangeLabel: string;
  busy: boolean;
}

const OPTIONS = RANGE_PRESETS.map((preset) => ({ label: PRESET_LABELS[preset], value: preset }));

/**
 * The date range, as a GET form: applying it puts `range` (and `from`/`to` for a custom range) in the URL, so the
 * view can be shared and Back works. Native controls only (a select and two date fields), so every part works
 * from the keyboard; nothing applies until "Apply", so moving through the options with arrow keys does not
 * reload the page at each step.
 */
export function RangePicker({ preset, from, to, today, rangeLabel, busy }: RangePickerProps) {
  const [chosen, setChosen] = useState<RangePreset>(preset);
  const [customFrom, setCustomFrom] = useState(from);
  const [customTo, setCustomTo] = useState(to);

  return (
    <Card>
      <Form method="get" aria-label="Choose a date range">
        <BlockStack gap="200">
          <InlineStack gap="300" blockAlign="end" wrap>
            <Select
              label="Date range"
              name="range"
              options={OPTIONS}
              value={chosen}
              onChange={(value) => setChosen(value as RangePreset)}
            />
            {chosen === "custom" && (
              <>
                <TextField
                  label="From"
                  type="date"
                  name="from"
                  value={customFrom}
                  onChange={setCustomFrom}
                  max={customTo || today}
                  autoComplete="off"
                />
                <TextField
                  label="To"
                  type="date"
                  name="to"
                  value={customTo}
                  onChange={setCustomTo}
                  min={customFrom}
                  max={today}
                  autoComplete="off"
                />
              </>
            )}
            <Button submit loading={busy}>
              Apply
            </Button>
          </InlineStack>
          <Text as="p" variant="bodySm" tone="subdued">
            Showing {rangeLabel}. Days follow your store&apos;s time zone.
          </Text>
        </BlockStack>
      </Form>
    </Card>
  );
}
