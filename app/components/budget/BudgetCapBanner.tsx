import { Banner, Text } from "@shopify/polaris";
import { formatDay } from "~/lib/time";

/**
 * Why Claude work cannot start: the monthly hard cap is reached. Sits beside the disabled button, with the way to the
 * budget page.
 */
export function BudgetCapBanner({ resetsOn, what = "New Claude work" }: { resetsOn: string | null; what?: string }) {
  return (
    <Banner
      tone="critical"
      title="This month's AI budget is used up"
      action={{ content: "Review budget", url: "/app/budget" }}
    >
      <Text as="p">
        Your budget is a hard cap, so {what.charAt(0).toLowerCase() + what.slice(1)} can&apos;t start
        {resetsOn ? ` until ${formatDay(resetsOn, true)}` : ""}, unless you raise the budget.
      </Text>
    </Banner>
  );
}
