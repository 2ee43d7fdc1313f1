import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { type ShouldRevalidateFunction, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Box, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "~/shopify.server";
import { toWire } from "~/lib/wire";
import { getAnthropicClient } from "~/lib/usage/index.server";
import { askClaudeForTips, describeAskFailure, getOptimizationTips, TIPS_PERIOD_DAYS } from "~/lib/tips/index.server";
import { InvalidSeoSettingsError, switchSeoModel } from "~/lib/seo/index.server";
import { z } from "zod";
import { count, usd } from "~/lib/format";
import { AskClaudeCard } from "~/components/tips/AskClaudeCard";
import { TipCard } from "~/components/tips/TipCard";
import { pageErrorBoundary } from "~/components/page/PageErrorBoundary";
import { FORM_BODY_LIMIT, withBodyLimit } from "~/lib/http/index.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const report = await getOptimizationTips(session.shop);
  return json(
    toWire({
      periodDays: TIPS_PERIOD_DAYS,
      period: report.period,
      observedDays: report.observedDays,
      calls: report.calls,
      costPicos: report.costPicos,
      tooLittleData: report.tooLittleData,
      tips: report.tips.map((tip) => ({
        kind: tip.kind,
        endpoint: tip.endpoint,
        title: tip.title,
        why: tip.why,
        calls: tip.calls,
        periodSavingPicos: tip.periodSavingPicos,
        monthlySavingPicos: tip.monthlySavingPicos,
        action: tip.action,
      })),
    }),
  );
};

const switchModelForm = z.object({
  intent: z.literal("switch_model"),
  setting: z.enum(["auditModel", "fixModel"]),
  model: z.string().min(1).max(100),
});

export const action = async ({ request: received }: ActionFunctionArgs) => {
  const request = await withBodyLimit(received, FORM_BODY_LIMIT);
  const { session, sessionToken } = await authenticate.admin(request);
  const form = await request.formData();
  if (form.get("intent") === "switch_model") {
    const parsed = switchModelForm.safeParse(Object.fromEntries(form));
    if (!parsed.success) return json({ ok: false as const, error: "Unknown model setting." }, { status: 400 });
    try {
      const settings = await switchSeoModel(session.shop, parsed.data.setting, parsed.data.model);
      return json({ ok: true as const, message: settings.message });
    } catch (error) {
      if (error instanceof InvalidSeoSettingsError)
        return json({ ok: false as const, error: error.message }, { status: 400 });
      throw error;
    }
  }
  if (form.get("intent") !== "ask_claude") return json({ error: "Unknown request." }, { status: 400 });
  try {
    const answer = await askClaudeForTips({
      anthropic: getAnthropicClient(),
      shop: session.shop,
      // The staff member who asked: the session token's subject.
      userId: sessionToken?.sub ?? "unknown",
    });
    return json({ answer: answer || "Claude had no further suggestions." });
  } catch (error) {
    const failure = describeAskFailure(error);
    if (!failure) throw error;
    return json({ error: failure.message }, { status: failure.status });
  }
};

// Asking Claude changes none of the figures the tips are computed from; don't recompute them after it. Switching a
// model does change what the tips say (the switch is done), so that reloads them.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, formData, defaultShouldRevalidate }) =>
  formMethod === "POST" && formData?.get("intent") === "ask_claude" ? false : defaultShouldRevalidate;

const PAGE_TITLE = "Cost tips";

export default function TipsPage() {
  const data = useLoaderData<typeof loader>();
  const periodLabel = `${data.period.from} to ${data.period.to}`;
  const totalMonthly = data.tips.reduce((total, tip) => total + BigInt(tip.monthlySavingPicos), 0n);

  return (
    <Page
      title={PAGE_TITLE}
      subtitle={`Where your store could spend less on Claude, from its own calls of the last ${data.periodDays} days`}
    >
      <TitleBar title={PAGE_TITLE} />
      <Layout>
        <Layout.Section>
          <Box paddingInline={{ xs: "400", sm: "0" }}>
            <Text as="p" tone="subdued">
              Based on {count(data.calls)} calls from {periodLabel} ({usd(data.costPicos)}), priced with
              Anthropic&apos;s list prices. Savings per month are per 30 days at the same pace.
            </Text>
          </Box>
        </Layout.Section>
        <Layout.Section>
          <BlockStack gap="400">
            {data.tooLittleData ? (
              <Banner tone="info" title="Not enough usage for tips yet">
                <Text as="p">{data.tooLittleData} Come back once the app has done more SEO work for your store.</Text>
              </Banner>
            ) : data.tips.length === 0 ? (
              <Banner tone="success" title="No savings found">
                <Text as="p">
                  Your store&apos;s calls already use suitable models, prompt caching and batching, and failed calls
                  cost nothing in this period.
                </Text>
              </Banner>
            ) : (
              <>
                {/* Cards run edge to edge on a phone; plain text needs its own inset there. */}
                <Box paddingInline={{ xs: "400", sm: "0" }}>
                  <Text as="h2" variant="headingLg">
                    {data.tips.length === 1 ? "1 way" : `${data.tips.length} ways`} to save about {usd(totalMonthly)} a
                    month
                  </Text>
                </Box>
                {data.tips.map((tip, index) => (
                  <TipCard key={`${tip.kind}:${tip.endpoint}:${tip.title}`} tip={tip} rank={index + 1} />
                ))}
              </>
            )}
            <AskClaudeCard />
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <Box paddingBlockEnd="800" />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = pageErrorBoundary(PAGE_TITLE, "The tips could not be worked out");
