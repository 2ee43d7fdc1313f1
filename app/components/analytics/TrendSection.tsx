import { lazy, Suspense, useState } from "react";
import { useNavigate } from "@remix-run/react";
import { BlockStack, Box, Button, ButtonGroup, Card, DataTable, InlineStack, Link, Text } from "@shopify/polaris";
import type { TrendPointJson } from "~/lib/analytics";
import { callsExplorerPath } from "~/lib/calls";
import { formatDay, type TrendAlignment } from "~/lib/time";
import { ChartSkeleton } from "./ChartSkeleton";
import { count } from "~/lib/format";
import { Money } from "~/components/page/Money";
import type { TrendMetric } from "./TrendChart";
import { useHydrated } from "~/components/page/use-hydrated";

const TrendChart = lazy(() => import("./TrendChart"));

const TREND_CHART_HEIGHT = 300;

const METRICS: ReadonlyArray<{ metric: TrendMetric; label: string }> = [
  { metric: "cost", label: "Cost" },
  { metric: "tokens", label: "Tokens" },
  { metric: "calls", label: "Calls" },
];

interface TrendSectionProps {
  /** The shop's today: its point is a day still running. */
  today: string;
  /** The shop's local time now ("07:18"). */
  nowTime: string;
  points: TrendPointJson[];
  alignment: TrendAlignment;
  currentName: string;
  previousName: string;
}

function dailyRows(points: TrendPointJson[], nowTime: string) {
  return points
    .filter((point) => point.currentDay && point.current)
    .map((point) => {
      const day = point.currentDay!;
      const figures = point.current!;
      const previous = point.previous;
      const name = `${formatDay(day, true)}${point.partial ? ` (so far, until ${nowTime})` : ""}`;
      return [
        <Link key="day" url={callsExplorerPath({ from: day, to: day })} removeUnderline>
          {name}
        </Link>,
        <Money key="cost" picos={figures.costPicos} calls={figures.calls} unpricedCalls={figures.unpricedCalls} />,
        count(figures.calls),
        count(figures.tokens),
        previous ? (
          <Money
            key="previous"
            picos={previous.costPicos}
            calls={previous.calls}
            unpricedCalls={previous.unpricedCalls}
          />
        ) : (
          "–"
        ),
      ];
    });
}

/** The daily trend card: metric switch (real toggle buttons), the chart, and the same figures as a table. */
export function TrendSection({ today, nowTime, points, alignment, currentName, previousName }: TrendSectionProps) {
  const [metric, setMetric] = useState<TrendMetric>("cost");
  const [showTable, setShowTable] = useState(false);
  const hydrated = useHydrated();
  const navigate = useNavigate();
  const skeleton = <ChartSkeleton height={TREND_CHART_HEIGHT} />;
  const hasToday = points.some((point) => point.partial);

  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center" gap="200" wrap>
          <BlockStack gap="050">
            <Text as="h2" variant="headingMd">
              Daily trend
            </Text>
            <Text as="p" variant="bodySm" tone="subdued">
              {currentName} (solid) beside {previousName} (dashed)
              {hasToday ? `; today so far (until ${nowTime}) is the hollow point` : ""}. Click a day to see its calls.
            </Text>
          </BlockStack>
          <ButtonGroup variant="segmented">
            {METRICS.map(({ metric: option, label }) => (
              <Button key={option} pressed={metric === option} onClick={() => setMetric(option)}>
                {label}
              </Button>
            ))}
          </ButtonGroup>
        </InlineStack>
        <Box minHeight={`${TREND_CHART_HEIGHT}px`}>
          {hydrated ? (
            <Suspense fallback={skeleton}>
              <TrendChart
                today={today}
                nowTime={nowTime}
                points={points}
                metric={metric}
                alignment={alignment}
                currentName={currentName}
                previousName={previousName}
                height={TREND_CHART_HEIGHT}
                onOpenDay={(day) => navigate(callsExplorerPath({ from: day, to: day }))}
              />
            </Suspense>
          ) : (
            skeleton
          )}
        </Box>
        <InlineStack>
          <Button
            variant="plain"
            disclosure={showTable ? "up" : "down"}
            onClick={() => setShowTable((shown) => !shown)}
          >
            {showTable ? "Hide daily figures" : "Show daily figures as a table"}
          </Button>
        </InlineStack>
        {showTable && (
          <DataTable
            columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
            headings={["Day", "Cost (USD)", "Calls", "Tokens", `Cost, ${previousName}`]}
            rows={dailyRows(points, nowTime)}
            increasedTableDensity
            fixedFirstColumns={1}
          />
        )}
      </BlockStack>
    </Card>
  );
}
