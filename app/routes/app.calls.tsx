import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Box, Card, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "~/shopify.server";
import { loadCallsExplorer } from "~/lib/calls/index.server";
import { describeRange } from "~/lib/time";
import { CallFiltersCard } from "~/components/calls/CallFiltersCard";
import { CallsEmptyState } from "~/components/calls/CallsEmptyState";
import { CallsTable } from "~/components/calls/CallsTable";
import { CallsTotalsCard } from "~/components/calls/CallsTotalsCard";
import { EndpointHealthCard } from "~/components/calls/EndpointHealthCard";
import { ExportButtons } from "~/components/export/ExportButtons";
import { pageErrorBoundary } from "~/components/page/PageErrorBoundary";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session, sessionToken } = await authenticate.admin(request);
  const data = await loadCallsExplorer(session.shop, new URL(request.url).searchParams, {
    viewerUserId: sessionToken?.sub ?? null,
    admin,
  });
  // Filters or a page link the app cannot use: the page still shows (with a banner and the default view), as a 400.
  return json(data, { status: data.filterError ? 400 : 200 });
};

const PAGE_TITLE = "Calls";

export default function CallsPage() {
  const data = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const navigate = useNavigate();
  const busy = navigation.state === "loading" && navigation.location.pathname === "/app/calls";
  const { filters } = data;
  const rangeLabel = describeRange({ from: filters.from, to: filters.to });

  /** The current filters plus one cursor: the URL is the page's whole state. */
  const goTo = (cursor: { after?: string; before?: string }) => {
    const params = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ""));
    for (const [name, value] of Object.entries(cursor)) params.set(name, value);
    navigate(`/app/calls?${params.toString()}`);
  };

  return (
    <Page title={PAGE_TITLE} subtitle="Every Claude call made for your store, newest first" fullWidth>
      <TitleBar title={PAGE_TITLE} />
      <BlockStack gap="400">
        {data.filterError && (
          <Banner
            tone="warning"
            title={
              data.shownInstead === "newest-page" ? "That page of calls can't be shown" : "Those filters can't be used"
            }
          >
            <Text as="p">
              {data.filterError}{" "}
              {data.shownInstead === "newest-page"
                ? "Showing the newest calls for these filters."
                : "Showing the last 30 days without filters instead."}
            </Text>
          </Banner>
        )}
        {data.hasAnyCalls ? (
          <Layout>
            <Layout.Section>
              <CallFiltersCard
                key={JSON.stringify(filters)}
                filters={filters}
                options={data.options}
                labels={data.optionLabels}
                busy={busy}
              />
            </Layout.Section>
            <Layout.Section>
              <CallsTotalsCard data={data} rangeLabel={rangeLabel} />
            </Layout.Section>
            <Layout.Section>
              <CallsTable
                rows={data.page.rows}
                timeZone={data.timeZone}
                loading={busy}
                hasNewer={data.page.newerCursor !== null}
                hasOlder={data.page.olderCursor !== null}
                onNewer={() => data.page.newerCursor && goTo({ before: data.page.newerCursor })}
                onOlder={() => data.page.olderCursor && goTo({ after: data.page.olderCursor })}
              />
            </Layout.Section>
            <Layout.Section>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Export
                  </Text>
                  <ExportButtons
                    fields={filters}
                    description={`CSV files of the calls matching these filters, ${rangeLabel} (your store's days, ${data.timeZone}), safe to open in Excel.`}
                  />
                </BlockStack>
              </Card>
            </Layout.Section>
            <Layout.Section>
              <div aria-busy={busy}>
                <EndpointHealthCard rows={data.health} rangeLabel={rangeLabel} />
              </div>
            </Layout.Section>
          </Layout>
        ) : (
          <CallsEmptyState />
        )}
        <Box paddingBlockEnd="800" />
      </BlockStack>
    </Page>
  );
}

export const ErrorBoundary = pageErrorBoundary(PAGE_TITLE, "The calls could not be loaded");
