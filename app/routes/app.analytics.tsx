import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Box, Card, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "~/shopify.server";
import { loadAnalyticsOverview } from "~/lib/analytics/index.server";
import { BREAKDOWN_DIMENSIONS } from "~/lib/analytics";
import type { RangePreset } from "~/lib/time";
import { AnalyticsEmptyState } from "~/components/analytics/AnalyticsEmptyState";
import { BreakdownSection } from "~/components/analytics/BreakdownSection";
import { OverviewCards } from "~/components/analytics/OverviewCards";
import { RangePicker } from "~/components/analytics/RangePicker";
import { TrendSection } from "~/components/analytics/TrendSection";
import { useLiveRefresh } from "~/components/page/use-live-refresh";
import { BudgetBanner } from "~/components/budget/BudgetBanner";
import { useBudgetToast } from "~/components/budget/use-budget-toast";
import { pageErrorBoundary } from "~/components/page/PageErrorBoundary";
import { ExportButtons } from "~/components/export/ExportButtons";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const overview = await loadAnalyticsOverview(session.shop, new URL(request.url).searchParams, {
    viewerUserId: sessionToken?.sub ?? null,
  });
  // A range the page cannot use still shows the page (with a banner and this month), as a 400.
  return json(overview, { status: overview.rangeError ? 400 : 200 });
};

/** What the chosen period and the one it is compared with are called in headings and the chart legend. */
const PERIOD_NAMES: Record<RangePreset, { current: string; previous: string }> = {
  "this-month": { current: "this month", previous: "last month" },
  "last-month": { current: "last month", previous: "the month before" },
  "last-7-days": { current: "last 7 days", previous: "the 7 days before" },
  "last-30-days": { current: "last 30 days", previous: "the 30 days before" },
  "last-90-days": { current: "last 90 days", previous: "the 90 days before" },
  custom: { current: "chosen range", previous: "the period before" },
};

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export default function AnalyticsOverviewPage() {
  const data = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  useLiveRefresh();
  useBudgetToast(data.budgetToast);

  // A range change keeps the current figures on screen (dimmed by nothing, sized the same) until the new ones come.
  const changingRange = navigation.state === "loading" && navigation.location.pathname === "/app/analytics";
  const names = PERIOD_NAMES[data.preset];

  return (
    <Page title="AI usage" subtitle="What Claude costs your store, day by day and where it goes" fullWidth>
      <TitleBar title="AI usage" />
      <BlockStack gap="400">
        {data.rangeError && (
          <Banner tone="warning" title="That date range can't be shown">
            <Text as="p">
              {data.rangeError} Showing {data.range.label} ({names.current}) instead.
            </Text>
          </Banner>
        )}
        <BudgetBanner status={data.budget} linkToBudget />
        {data.hasUsage ? (
          <div aria-busy={changingRange}>
            <Layout>
              <Layout.Section>
                <RangePicker
                  key={`${data.preset}:${data.range.from}:${data.range.to}`}
                  preset={data.preset}
                  from={data.range.from}
                  to={data.range.to}
                  today={data.today}
                  rangeLabel={data.range.label}
                  busy={changingRange}
                />
              </Layout.Section>
              {data.comparison.sentence && (
                <Layout.Section>
                  <Box paddingInline={{ xs: "400", sm: "0" }}>
                    <Text as="p" tone="subdued" variant="bodySm">
                      <span data-testid="comparison-sentence">{data.comparison.sentence}</span>
                    </Text>
                  </Box>
                </Layout.Section>
              )}
              <Layout.Section>
                <OverviewCards overview={data} rangeName={names.current} />
              </Layout.Section>
              <Layout.Section>
                <TrendSection
                  today={data.today}
                  nowTime={data.refreshedAt.slice(0, 5)}
                  points={data.trend}
                  alignment={data.alignment}
                  currentName={capitalized(names.current)}
                  previousName={capitalized(names.previous)}
                />
              </Layout.Section>
              <Layout.Section>
                {/* Cards run edge to edge on a phone; plain text needs its own inset there. */}
                <Box paddingInline={{ xs: "400", sm: "0" }}>
                  <BlockStack gap="200">
                    <Text as="h2" variant="headingLg">
                      Where the money goes
                    </Text>
                    <Text as="p" tone="subdued">
                      {capitalized(names.current)} ({data.range.label}) against {names.previous} (
                      {data.comparison.label}). Each row opens its calls.
                    </Text>
                  </BlockStack>
                </Box>
              </Layout.Section>
              {BREAKDOWN_DIMENSIONS.map((dimension) => (
                <Layout.Section key={dimension}>
                  <BreakdownSection
                    dimension={dimension}
                    rows={data.breakdowns[dimension]}
                    totals={data.totals}
                    totalCostChange={data.changes.cost}
                    previousName={names.previous}
                    range={data.range}
                  />
                </Layout.Section>
              ))}
              <Layout.Section>
                <Card>
                  <BlockStack gap="300">
                    <Text as="h2" variant="headingMd">
                      Export
                    </Text>
                    <ExportButtons
                      fields={{ from: data.range.from, to: data.range.to }}
                      description={`CSV files of ${names.current} (${data.range.label}, your store's days, ${data.timeZone}): every call, or one row per day. They add up to the figures on this page, and open safely in Excel.`}
                    />
                  </BlockStack>
                </Card>
              </Layout.Section>
            </Layout>
          </div>
        ) : (
          <AnalyticsEmptyState />
        )}
        <Box paddingBlockEnd="800" />
      </BlockStack>
    </Page>
  );
}

export const ErrorBoundary = pageErrorBoundary("AI usage", "These figures could not be loaded");
