import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "~/shopify.server";
import { getOrCreateShopSettings } from "~/lib/shop-settings.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const settings = await getOrCreateShopSettings(session.shop, admin);
  return json({ shopName: settings.name, timeZone: settings.ianaTimezone, currency: settings.currencyCode });
};

export default function Welcome() {
  const { shopName, timeZone, currency } = useLoaderData<typeof loader>();
  return (
    <Page title={`Welcome, ${shopName}`}>
      <TitleBar title="AI SEO usage" />
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
      </Layout>
    </Page>
  );
}
