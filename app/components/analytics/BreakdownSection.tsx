import { lazy, Suspense } from "react";
import { BlockStack, Box, Card, DataTable, InlineGrid, InlineStack, Link, Text } from "@shopify/polaris";
import type { BreakdownRowJson, BreakdownDimension, Change, UsageTotals } from "~/lib/analytics";
import type { Wire } from "~/lib/wire";
import type { BreakdownSlice } from "./BreakdownChart";
import { ChartSkeleton } from "./ChartSkeleton";
import { changeText, count, percent } from "~/lib/format";
import { Money } from "~/components/page/Money";
import { DIMENSION_COLUMN, DIMENSION_TITLES } from "./labels";
import { breakdownFilter, callsExplorerPath } from "~/lib/calls";
import type { DayRange } from "~/lib/time";
import { useHydrated } from "~/components/page/use-hydrated";

const BreakdownChart = lazy(() => import("./BreakdownChart"));

const CHART_HEIGHT = 220;
/** Distinguishable on white and for common colour-vision deficiencies; the table names every slice anyway. */
const PALETTE = ["#005bd3", "#e66c00", "#1a9e77", "#9c4bc9", "#c9a200", "#d1345b", "#5c7cfa", "#8a8a8a"];
const MAX_SLICES = PALETTE.length - 1;

interface BreakdownSectionProps {
  dimension: BreakdownDimension;
  rows: BreakdownRowJson[];
  totals: Wire<UsageTotals>;
  totalCostChange: Change;
  previousName: string;
  /** The days shown: each row links to exactly its calls in these days. */
  range: DayRange;
}

function Swatch({ color }: { color: string }) {
  return (
    <svg width="10" height="10" aria-hidden="true" focusable="false">
      <circle cx="5" cy="5" r="5" fill={color} />
    </svg>
  );
}

export function BreakdownSection({
  dimension,
  rows,
  totals,
  totalCostChange,
  previousName,
  range,
}: BreakdownSectionProps) {
  const hydrated = useHydrated();
  const title = DIMENSION_TITLES[dimension];
  // Shares of cost, or of calls when no call in the range has a known cost (all unknown, or all free).
  const byCost = BigInt(totals.costPicos) > 0n;
  const colorOf = (index: number) => PALETTE[Math.min(index, MAX_SLICES)]!;
  const labelled = rows.map((row, index) => ({ row, index, label: row.label }));

  const slices: BreakdownSlice[] = labelled
    .map(({ row, index, label }) => ({
      name: label,
      value: byCost ? row.costSharePercent : row.callSharePercent,
      color: colorOf(index),
    }))
    .filter((slice) => slice.value > 0);
  const chartSlices =
    slices.length > MAX_SLICES + 1
      ? [
          ...slices.slice(0, MAX_SLICES),
          {
            name: "Others",
            value: slices.slice(MAX_SLICES).reduce((sum, slice) => sum + slice.value, 0),
            color: PALETTE[MAX_SLICES]!,
          },
        ]
      : slices;

  const tableRows = labelled.map(({ row, index, label }) => [
    <InlineStack key="name" gap="200" blockAlign="center" wrap={false}>
      <Swatch color={colorOf(index)} />
      {/* Names stay on one line; on a narrow screen the table scrolls sideways inside the card instead. */}
      <span style={{ whiteSpace: "nowrap" }}>
        <Link
          url={callsExplorerPath(range, breakdownFilter(dimension, row.key))}
          accessibilityLabel={`${label}: see its calls`}
          removeUnderline
        >
          {label}
        </Link>
      </span>
    </InlineStack>,
    <Money
      key="cost"
      picos={row.current.costPicos}
      calls={row.current.calls}
      unpricedCalls={row.current.unpricedCalls}
    />,
    percent(byCost ? row.costSharePercent : row.callSharePercent),
    count(row.current.calls),
    count(row.current.totalTokens),
    row.current.calls === 0 && row.previous.calls === 0 ? "–" : changeText(row.costChange, "usd"),
  ]);

  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        {rows.length === 0 ? (
          <Text as="p" tone="subdued">
            No calls in this range.
          </Text>
        ) : (
          <InlineGrid columns={{ xs: 1, lg: ["oneThird", "twoThirds"] }} gap="400" alignItems="center">
            <Box minHeight={`${CHART_HEIGHT}px`}>
              <div aria-hidden="true">
                {hydrated ? (
                  <Suspense fallback={<ChartSkeleton height={CHART_HEIGHT} />}>
                    <BreakdownChart slices={chartSlices} height={CHART_HEIGHT} />
                  </Suspense>
                ) : (
                  <ChartSkeleton height={CHART_HEIGHT} />
                )}
              </div>
            </Box>
            <DataTable
              columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
              headings={[
                DIMENSION_COLUMN[dimension],
                "Cost (USD)",
                byCost ? "Share of cost" : "Share of calls",
                "Calls",
                "Tokens",
                `Cost vs ${previousName}`,
              ]}
              rows={tableRows}
              totals={[
                "",
                <Money key="cost" picos={totals.costPicos} calls={totals.calls} unpricedCalls={totals.unpricedCalls} />,
                "100%",
                count(totals.calls),
                count(totals.totalTokens),
                changeText(totalCostChange, "usd"),
              ]}
              totalsName={{ singular: "Total", plural: "Total" }}
              showTotalsInFooter
              increasedTableDensity
              fixedFirstColumns={1}
            />
          </InlineGrid>
        )}
      </BlockStack>
    </Card>
  );
}
