import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { BlockStack, Box, Text } from "@shopify/polaris";
import type { DayFiguresJson, TrendPointJson } from "~/lib/analytics";
import { type TrendAlignment, formatDay } from "~/lib/time";
import { count, usd } from "~/lib/format";

/**
 * The daily trend line chart (loaded lazily: Recharts is most of the page's JavaScript). Draws what the loader
 * sent: one point per day of the chosen range and, dashed, the previous period beside it. Today is a day still
 * running: its point is hollow, joined by a dotted line and named "so far", so it does not read as a collapse.
 * Clicking a day opens its calls.
 */
export type TrendMetric = "cost" | "tokens" | "calls";

export const TREND_COLORS = { current: "#005bd3", previous: "#7a7a7a" } as const;

interface TrendChartProps {
  today: string;
  /** The shop's local time now ("07:18"), for today's point. */
  nowTime: string;
  points: TrendPointJson[];
  metric: TrendMetric;
  alignment: TrendAlignment;
  currentName: string;
  previousName: string;
  height: number;
  /** Opens the calls of a day of the chosen period. */
  onOpenDay: (day: string) => void;
}

/** A plotting value: dollars as a float are fine for a line's height; the tooltip shows the amount from picos. */
function plotValue(figures: DayFiguresJson | null, metric: TrendMetric): number | null {
  if (!figures) return null;
  if (metric === "calls") return figures.calls;
  if (metric === "tokens") return Number(figures.tokens);
  return Number(figures.costPicos) / 1e12;
}

function figureText(figures: DayFiguresJson, metric: TrendMetric): string {
  if (metric === "calls") return `${count(figures.calls)} calls`;
  if (metric === "tokens") return `${count(figures.tokens)} tokens`;
  if (figures.calls > 0 && figures.unpricedCalls === figures.calls) return "unknown";
  const unknown = figures.unpricedCalls > 0 ? ` + ${figures.unpricedCalls} at unknown price` : "";
  return `${usd(figures.costPicos)}${unknown}`;
}

/** Axis labels: dollars and cents (whole dollars from $100), counts in k and M. */
function axisTick(metric: TrendMetric) {
  return (value: number) => {
    if (metric === "cost")
      return value >= 100 ? `$${Math.round(value).toLocaleString("en-US")}` : `$${value.toFixed(2)}`;
    if (value >= 1_000_000) return `${(value / 1_000_000).toFixed(1)}M`;
    if (value >= 1_000) return `${(value / 1_000).toFixed(0)}k`;
    return String(value);
  };
}

interface ChartRow {
  label: string;
  /** Complete days of the chosen period. */
  current: number | null;
  /** The last complete day and today, drawn dotted. */
  partial: number | null;
  previous: number | null;
  point: TrendPointJson;
}

interface TooltipProps {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: ChartRow }>;
  metric: TrendMetric;
  currentName: string;
  previousName: string;
  nowTime: string;
}

function TrendTooltip({ active, payload, metric, currentName, previousName, nowTime }: TooltipProps) {
  const point = payload?.[0]?.payload?.point;
  if (!active || !point) return null;
  return (
    <Box background="bg-surface" padding="200" borderWidth="025" borderColor="border" borderRadius="200" shadow="200">
      <BlockStack gap="100">
        {point.currentDay && point.current && (
          <Text as="p" variant="bodySm">
            <Text as="span" fontWeight="semibold">
              {formatDay(point.currentDay, true)}
              {point.partial ? ` so far (until ${nowTime})` : ""} ({currentName}):
            </Text>{" "}
            {figureText(point.current, metric)}
          </Text>
        )}
        {point.previousDay && point.previous && (
          <Text as="p" variant="bodySm" tone="subdued">
            {formatDay(point.previousDay, true)} ({previousName}, whole day): {figureText(point.previous, metric)}
          </Text>
        )}
        {point.currentDay && (
          <Text as="p" variant="bodySm" tone="subdued">
            Click to see this day&apos;s calls
          </Text>
        )}
      </BlockStack>
    </Box>
  );
}

export default function TrendChart({
  today,
  nowTime,
  points,
  metric,
  alignment,
  currentName,
  previousName,
  height,
  onOpenDay,
}: TrendChartProps) {
  const data: ChartRow[] = points.map((point, index) => {
    const value = plotValue(point.current, metric);
    const nextIsPartial = points[index + 1]?.partial === true;
    return {
      label: point.label,
      current: point.partial ? null : value,
      partial: point.partial || nextIsPartial ? value : null,
      previous: plotValue(point.previous, metric),
      point,
    };
  });
  return (
    <LineChart
      responsive
      style={{ width: "100%", height, cursor: "pointer" }}
      data={data}
      margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
      title={`Daily ${metric}: ${currentName} beside ${previousName}`}
      desc="Use the arrow keys to move from day to day; the figures, with links to each day's calls, are also in the table below the chart."
      onClick={(state) => {
        const index = Number(state.activeTooltipIndex ?? state.activeIndex);
        const day = Number.isInteger(index) ? points[index]?.currentDay : null;
        if (day) onOpenDay(day);
      }}
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="label"
        tickFormatter={alignment === "position" ? (day: string) => formatDay(day) : undefined}
        minTickGap={16}
        tickMargin={6}
      />
      <YAxis tickFormatter={axisTick(metric)} width={64} allowDecimals={metric === "cost"} />
      <Tooltip
        content={
          <TrendTooltip metric={metric} currentName={currentName} previousName={previousName} nowTime={nowTime} />
        }
      />
      <Legend />
      <Line
        className="trend-previous"
        name={previousName}
        dataKey="previous"
        stroke={TREND_COLORS.previous}
        strokeDasharray="6 4"
        dot={false}
        activeDot={{ r: 3 }}
        isAnimationActive={false}
      />
      <Line
        className="trend-current"
        name={currentName}
        dataKey="current"
        stroke={TREND_COLORS.current}
        strokeWidth={2}
        dot={{ r: 2.5 }}
        isAnimationActive={false}
      />
      <Line
        className="trend-partial"
        name={`${formatDay(today)} so far`}
        dataKey="partial"
        stroke={TREND_COLORS.current}
        strokeWidth={2}
        strokeDasharray="2 4"
        dot={(props: { cx?: number; cy?: number; index?: number }) => {
          const row = props.index === undefined ? undefined : data[props.index];
          if (!row?.point.partial || props.cx === undefined || props.cy === undefined) {
            return <g key={`partial-${props.index}`} />;
          }
          return (
            <circle
              key={`partial-${props.index}`}
              className="trend-partial-day"
              cx={props.cx}
              cy={props.cy}
              r={4}
              fill="#ffffff"
              stroke={TREND_COLORS.current}
              strokeWidth={2}
            />
          );
        }}
        isAnimationActive={false}
        connectNulls={false}
      />
    </LineChart>
  );
}
