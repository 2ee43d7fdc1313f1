import { Cell, Pie, PieChart, Tooltip } from "recharts";
import { percent } from "~/lib/format";

/**
 * A donut of one breakdown (loaded lazily with Recharts). Decorative for assistive technology: the table beside
 * it carries every figure, so the chart is hidden from screen readers and takes no keyboard focus.
 */
export interface BreakdownSlice {
  name: string;
  /** Share in percent (of cost, or of calls when nothing in the range has a known cost). */
  value: number;
  color: string;
}

export default function BreakdownChart({ slices, height }: { slices: BreakdownSlice[]; height: number }) {
  return (
    <PieChart responsive accessibilityLayer={false} style={{ width: "100%", height }}>
      <Pie
        data={slices}
        dataKey="value"
        nameKey="name"
        innerRadius="55%"
        outerRadius="90%"
        paddingAngle={1}
        rootTabIndex={-1}
        isAnimationActive={false}
        stroke="#ffffff"
      >
        {slices.map((slice) => (
          <Cell key={slice.name} fill={slice.color} />
        ))}
      </Pie>
      <Tooltip formatter={(value) => percent(Number(value))} />
    </PieChart>
  );
}
