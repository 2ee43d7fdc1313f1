import { Suspense } from "react";
import { type LoaderFunctionArgs, defer } from "@remix-run/node";
import { Await, useLoaderData } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  SkeletonBodyText,
  SkeletonDisplayText,
  Text,
} from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "~/shopify.server";
import { getShopSettings } from "~/lib/shop/index.server";
import { getCurrentMonthUsage, getUsageTotals, todayOf } from "~/lib/analytics/index.server";
import { loadSeoStatus } from "~/lib/seo/index.server";
import { getOptimizationTips } from "~/lib/tips/index.server";
import type { SeoStatus } from "~/lib/seo";
import { toWire } from "~/lib/wire";
import { readBudgetAlerts } from "~/lib/budget/index.server";
import { describeRange } from "~/lib/time";
import { count, plural, unknownPriceNote, usd } from "~/lib/format";
import { useLiveRefresh } from "~/components/page/use-live-refresh";
import { BudgetBanner } from "~/components/budget/BudgetBanner";
import { useBudgetToast } from "~/components/budget/use-budget-toast";
import { FigureCard, FigureDetail } from "~/components/analytics/FigureCard";
import { Money } from "~/components/page/Money";
import { pageErrorBoundary } from "~/components/page/PageErrorBoundary";
import { RUN_STATUS, scoreTone } from "~/components/seo/labels";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const settings = await getShopSettings(session.shop);
  const scope = { shop: session.shop };
  const now = new Date();
  const today = await todayOf(scope, now);
  const [month, todayTotals, budget, tips] = await Promise.all([
    getCurrentMonthUsage(scope, now),
    getUsageTotals(scope, { from: today, to: today }),
    readBudgetAlerts(session.shop, now),
    getOptimizationTips(session.shop, now),
  ]);
  const topTip = tips.tips[0];
  return defer({
    ...toWire({
      shopName: settings.name,
      timeZone: settings.ianaTimezone,
      month: { label: describeRange(month.range), totals: month.totals },
      today: todayTotals,
      budget: budget.status,
      budgetToast: budget.toast,
      topTip: topTip ? { title: topTip.title, monthlySavingPicos: topTip.monthlySavingPicos } : null,
    }),
    // The catalog is read from Shopify: the cost shows at once, the SEO status when it arrives.
    seo: loadSeoStatus(session.shop, admin),
  });
};

function SeoStatusCard({ status }: { status: SeoStatus }) {
  const { summary, next, latestRun } = status;
  const run = latestRun ? (RUN_STATUS[latestRun.status] ?? { label: latestRun.status, tone: undefined }) : null;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <Text as="h2" variant="headingSm" tone="subdued">
            Your store&apos;s SEO
          </Text>
          <Badge tone={scoreTone(summary.averageScore)}>{`Score ${summary.averageScore} / 100`}</Badge>
        </InlineStack>
        <Text as="p" variant="headingXl">
          {summary.productsWithIssues === 0
            ? "No gaps found"
            : `${plural(summary.productsWithIssues, "product")} with gaps`}
        </Text>
        <FigureDetail>
          {plural(summary.products, "product")} checked · {plural(summary.productsMissingMeta, "product")} need meta
          tags · {plural(summary.imagesMissingAlt, "image")} without alt text
        </FigureDetail>
        {latestRun && run && (
          <FigureDetail>
            Latest run: {latestRun.kindLabel}, {run.label.toLowerCase()} ({latestRun.createdAtLocal})
          </FigureDetail>
        )}
        <InlineStack>
          <Button url="/app/seo" variant={next ? "primary" : undefined}>
            {next ? next.label : "Open SEO"}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

function SeoStatusSkeleton() {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingSm" tone="subdued">
          Your store&apos;s SEO
        </Text>
        <SkeletonDisplayText size="medium" />
        <SkeletonBodyText lines={2} />
      </BlockStack>
    </Card>
  );
}

export default function Home() {
  const { shopName, timeZone, month, today, budget, budgetToast, topTip, seo } = useLoaderData<typeof loader>();
  useLiveRefresh();
  useBudgetToast(budgetToast);
  const unknown = unknownPriceNote(month.totals.unpricedCalls);

  return (
    <Page title={shopName} subtitle="Your store's AI SEO work on Claude, and exactly what it costs">
      <TitleBar title="Home" />
      <BlockStack gap="400">
        <BudgetBanner status={budget} linkToBudget />
        <Layout>
          <Layout.Section>
            <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
              <Suspense fallback={<SeoStatusSkeleton />}>
                <Await
                  resolve={seo}
                  errorElement={
                    <Banner tone="warning" title="Your products could not be read from Shopify just now">
                      <Text as="p">The SEO status shows once Shopify answers; reload in a moment.</Text>
                    </Banner>
                  }
                >
                  {(status) => <SeoStatusCard status={status} />}
                </Await>
              </Suspense>
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
                  {month.label} · {count(month.totals.calls)} {month.totals.calls === 1 ? "call" : "calls"}
                  {unknown ? ` · ${unknown}` : ""}
                </FigureDetail>
                <FigureDetail>
                  Today so far:{" "}
                  <span data-testid="home-today-cost">
                    <Money picos={today.costPicos} calls={today.calls} unpricedCalls={today.unpricedCalls} />
                  </span>{" "}
                  ({plural(today.calls, "call")}, updated every 10 seconds)
                </FigureDetail>
                <InlineStack>
                  <Button url="/app/analytics">See where the money goes</Button>
                </InlineStack>
              </FigureCard>
            </InlineGrid>
          </Layout.Section>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  What to do next
                </Text>
                <BlockStack gap="200" as="ul">
                  <NextStep
                    done={budget.budgetPicos !== null}
                    text={
                      budget.budgetPicos === null
                        ? "Set a monthly budget, with warnings at 80, 90 and 100 % by email or Slack."
                        : `Your budget is ${usd(budget.budgetPicos)} a month${budget.hardCap ? ", a hard cap" : ""}.`
                    }
                    action={{ content: budget.budgetPicos === null ? "Set a budget" : "Budget", url: "/app/budget" }}
                  />
                  <NextStep
                    done={topTip === null}
                    text={
                      topTip
                        ? `${topTip.title}: save about ${usd(topTip.monthlySavingPicos)} a month.`
                        : "No cost savings found in the last 30 days."
                    }
                    action={{ content: "Cost tips", url: "/app/tips" }}
                  />
                </BlockStack>
                <Text as="p" variant="bodySm" tone="subdued">
                  Days and months follow your store&apos;s time zone ({timeZone}); costs are in US dollars, as Anthropic
                  bills them.
                </Text>
              </BlockStack>
            </Card>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}

function NextStep({ done, text, action }: { done: boolean; text: string; action: { content: string; url: string } }) {
  return (
    <li style={{ listStyle: "none" }}>
      <InlineStack align="space-between" blockAlign="center" gap="200" wrap={false}>
        <InlineStack gap="200" blockAlign="center" wrap={false}>
          <Badge tone={done ? "success" : "attention"}>{done ? "Done" : "To do"}</Badge>
          <Text as="span">{text}</Text>
        </InlineStack>
        <Button url={action.url} variant="plain">
          {action.content}
        </Button>
      </InlineStack>
    </li>
  );
}

export const ErrorBoundary = pageErrorBoundary("Home", "Your store's figures could not be loaded");
