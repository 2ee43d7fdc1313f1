import { Banner, Text } from "@shopify/polaris";
import type { BudgetStatusJson } from "~/lib/budget";
import { percent, usd } from "~/lib/format";

interface BudgetForecastBannerProps {
  status: BudgetStatusJson;
  projectedMonthEndPicos: string;
}

/**
 * Warns before the budget is reached: the month-end forecast (this month's spend plus the recent daily pace for the
 * days left) is over the budget. Not shown once the budget is used up (the budget banner says that).
 */
export function BudgetForecastBanner({ status, projectedMonthEndPicos }: BudgetForecastBannerProps) {
  if (status.budgetPicos === null || status.reachedThreshold === 100) return null;
  const budget = BigInt(status.budgetPicos);
  const projected = BigInt(projectedMonthEndPicos);
  if (projected <= budget) return null;
  const share = Number((projected * 1_000n) / budget) / 10;
  return (
    <Banner
      tone="warning"
      title={`At this pace the month ends at ${usd(projected)}, over your ${usd(budget)} budget`}
      action={{ content: "See cost tips", url: "/app/tips" }}
    >
      <Text as="p">
        That is {percent(share)} of the budget by the end of the month.{" "}
        {status.hardCap
          ? "Your budget is a hard cap, so new Claude work would stop when it is reached."
          : "The budget is not a hard cap, so Claude work would go on past it."}{" "}
        Raise the budget, or spend less with the cost tips.
      </Text>
    </Banner>
  );
}
