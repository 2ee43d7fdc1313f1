import { Suspense } from "react";
import { type ActionFunctionArgs, type LoaderFunctionArgs, defer, json, redirect } from "@remix-run/node";
import { Await, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import {
  SeoJobStateError,
  loadSeoOverview,
  prepareBulkRun,
  InvalidSeoSettingsError,
  updateSeoSettings,
} from "~/lib/seo/index.server";
import { SEO_JOB_KINDS } from "~/lib/seo";
import { SeoOverview } from "~/components/seo/SeoOverview";
import { SeoOverviewSkeleton } from "~/components/seo/SeoOverviewSkeleton";
import { pageErrorBoundary } from "~/components/page/PageErrorBoundary";
import { FORM_BODY_LIMIT, withBodyLimit } from "~/lib/http/index.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  // The catalog is read from Shopify page by page: the page shell shows at once, the catalog when it arrives.
  return defer({ overview: loadSeoOverview(session.shop, admin) });
};

const prepareSchema = z.object({
  intent: z.literal("prepare"),
  kind: z.enum(SEO_JOB_KINDS),
  scope: z.enum(["all", "needing", "selected"]),
  productIds: z
    .array(z.string().regex(/^gid:\/\/shopify\/Product\/\d+$/))
    .max(1_000)
    .default([]),
});

const settingsSchema = z.object({
  intent: z.literal("settings"),
  auditModel: z.string().min(1),
  fixModel: z.string().min(1),
});

export const action = async ({ request: received }: ActionFunctionArgs) => {
  const request = await withBodyLimit(received, FORM_BODY_LIMIT);
  const { admin, session, sessionToken } = await authenticate.admin(request);
  const form = await request.formData();
  const fields = { ...Object.fromEntries(form), productIds: form.getAll("productIds") };
  const intent = form.get("intent");
  try {
    if (intent === "settings") {
      const values = settingsSchema.parse(fields);
      const settings = await updateSeoSettings(session.shop, values);
      return json({ ok: true as const, message: "Model settings saved.", settings });
    }
    const run = prepareSchema.safeParse(fields);
    if (!run.success)
      return json({ ok: false as const, error: "Choose what to run and on which products." }, { status: 400 });
    const job = await prepareBulkRun(session.shop, admin, {
      kind: run.data.kind,
      scope: run.data.scope,
      productIds: run.data.productIds,
      startedBy: sessionToken?.sub ?? "automation",
    });
    return redirect(`/app/seo/jobs/${job.id}`);
  } catch (error) {
    if (error instanceof SeoJobStateError || error instanceof InvalidSeoSettingsError || error instanceof z.ZodError) {
      const message = error instanceof z.ZodError ? "The settings were not valid." : error.message;
      return json({ ok: false as const, error: message }, { status: 400 });
    }
    throw error;
  }
};

export default function SeoPage() {
  const { overview } = useLoaderData<typeof loader>();
  return (
    <Page
      title="SEO"
      subtitle="Audit your products, write meta tags and alt text with Claude, and see what it costs first"
    >
      <TitleBar title="SEO" />
      <Suspense fallback={<SeoOverviewSkeleton />}>
        <Await
          resolve={overview}
          errorElement={
            <Layout>
              <Layout.Section>
                <Banner tone="critical" title="Your products could not be read from Shopify">
                  <BlockStack gap="200">
                    <Text as="p">
                      Reload the page to try again. If it keeps happening, Shopify may be rate-limiting the app.
                    </Text>
                  </BlockStack>
                </Banner>
              </Layout.Section>
            </Layout>
          }
        >
          {(data) => <SeoOverview data={data} />}
        </Await>
      </Suspense>
    </Page>
  );
}

export const ErrorBoundary = pageErrorBoundary("SEO", "The SEO overview could not be loaded");
