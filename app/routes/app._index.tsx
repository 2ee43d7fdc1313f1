import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Button, Card, InlineGrid, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "~/shopify.server";
import { getShopSettings } from "~/lib/shop/index.server";
import { getCurrentMonthUsage, getUsageTotals, todayOf } from "~/lib/analytics/index.server";
import { toWire } from "~/lib/wire";
import { readBudgetAlerts } from "~/lib/budget/index.server";
import { describeRange } from "~/lib/time";
import { count, unknownPriceNote } from "~/lib/format";
import { Money } from "~/components/page/Money";
import { useLiveRefresh } from "~/components/page/use-live-refresh";
import { BudgetBanner } from "~/components/budget/BudgetBanner";
import { useBudgetToast } from "~/components/budget/use-budget-toast";
import { FigureCard, FigureDetail } from "~/components/analytics/FigureCard";
import { pageErrorBoundary } from "~/components/page/PageErrorBoundary";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const settings = await getShopSettings(session.shop);
  const scope = { shop: session.shop };
  const now = new Date();
  const today = await todayOf(scope, now);
  const [month, todayTotals, budget] = await Promise.all([
    getCurrentMonthUsage(scope, now),
    getUsageTotals(scope, { from: today, to: today }),
    readBudgetAlerts(session.shop, now),
  ]);
  return json(
    toWire({
      shopName: settings.name,
      timeZone: settings.ianaTimezone,
      currency: settings.currencyCode,
      month: { label: describeRange(month.range), totals: month.totals },
      today: todayTotals,
      budget: budget.status,
      budgetToast: budget.toast,
    }),
  );
};

export default function Welcome() {
  const { shopName, timeZone, currency, month, today, budget, budgetToast } = useLoaderData<typeof loader>();
  useLiveRefresh();
  useBudgetToast(budgetToast);
  const unknown = unknownPriceNote(month.totals.unpricedCalls);

  return (
    <Page title={`Welcome, ${shopName}`}>
      <TitleBar title="AI SEO usage" />
      <BlockStack gap="400">
        <BudgetBanner status={budget} linkToBudget />
        <Layout>
          <Layout.Section>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {shopName}
                </Text>
                <Text as="p">
                  This app runs your store&apos;s SEO work on Claude and shows you exactly what that AI costs, call by
                  call.
                </Text>
                <Text as="p" tone="subdued">
                  Days and months follow your store&apos;s time zone ({timeZone}); costs are in USD, as Anthropic bills
                  them (your store&apos;s currency is {currency}).
                </Text>
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <InlineGrid columns={{ xs: 1, sm: 3 }} gap="400">
              <FigureCard
                headingAs="h2"
                title="AI cost this month"
                testId="home-month-cost"
                value={
                  <Money
                    picos={month.totals.costPicos}
                    calls={month.totals.calls}
                    unpricedCalls={month.totals.unpricedCalls}
                  />
                }
              >
                <FigureDetail>
                  {month.label}
                  {unknown ? ` · ${unknown}` : ""}
                </FigureDetail>
              </FigureCard>
              <FigureCard
                headingAs="h2"
                title="Requests this month"
                testId="home-month-calls"
                value={count(month.totals.calls)}
              >
                <FigureDetail>{count(month.totals.totalTokens)} tokens</FigureDetail>
              </FigureCard>
              <FigureCard
                headingAs="h2"
                title="Today so far"
                value={<Money picos={today.costPicos} calls={today.calls} unpricedCalls={today.unpricedCalls} />}
              >
                <FigureDetail>
                  {count(today.calls)} {today.calls === 1 ? "call" : "calls"}, updated every 10 seconds
                </FigureDetail>
              </FigureCard>
            </InlineGrid>
          </Layout.Section>
          <Layout.Section>
            <InlineStack gap="300">
              <Button url="/app/analytics" variant="primary">
                See where the money goes
              </Button>
              <Button url="/app/analytics?range=last-month">Last month's usage</Button>
              <Button url="/app/budget">{budget.budgetPicos === null ? "Set a budget" : "Budget"}</Button>
            </InlineStack>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}

export const ErrorBoundary = pageErrorBoundary("AI SEO usage", "Your store's figures could not be loaded");
