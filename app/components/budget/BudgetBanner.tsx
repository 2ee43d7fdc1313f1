import { Banner, Text } from "@shopify/polaris";
import type { BudgetStatusJson } from "~/lib/budget";
import { formatDay } from "~/lib/time";
import { percent, usd } from "~/lib/format";

interface BudgetBannerProps {
  status: BudgetStatusJson;
  /** Pages other than the budget page link to it. */
  linkToBudget?: boolean;
}

/** Shown while this month's spend is at or over 80, 90 or 100 % of the budget. */
export function BudgetBanner({ status, linkToBudget = false }: BudgetBannerProps) {
  if (status.reachedThreshold === null || status.budgetPicos === null) return null;
  const spent = usd(status.spentPicos);
  const budget = usd(status.budgetPicos);
  const used = status.usedPercent ?? 0;
  const action = linkToBudget ? { content: "Review budget", url: "/app/budget" } : undefined;
  const resetsOn = formatDay(status.resetsOn, true);

  if (status.reachedThreshold === 100) {
    return (
      <Banner tone="critical" title={`This month's AI budget is used up (${percent(used)})`} action={action}>
        <Text as="p">
          {spent} spent of your {budget} monthly budget.{" "}
          {status.hardCap
            ? `New Claude calls are paused until ${resetsOn}, or until you raise the budget.`
            : "Claude calls continue, because the budget is not a hard cap."}
        </Text>
      </Banner>
    );
  }
  return (
    <Banner tone="warning" title={`You have used ${percent(used)} of this month's AI budget`} action={action}>
      <Text as="p">
        {spent} spent of your {budget} monthly budget (warning at {status.reachedThreshold}%). The month starts over on{" "}
        {resetsOn}.
      </Text>
    </Banner>
  );
}
