import { useEffect } from "react";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BlockStack, Layout, Page } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { z } from "zod";
import { toWire } from "~/lib/wire";
import { authenticate } from "~/shopify.server";
import { PICOS_PER_USD, picosFromUsd } from "~/lib/money";
import { predictNextMonthUsage } from "~/lib/analytics/index.server";
import {
  InvalidAlertChannelsError,
  budgetHistoryOf,
  emailIsSetUp,
  getAlertChannels,
  listAlertDeliveries,
  listBudgetAlerts,
  readBudgetAlerts,
  saveAlertChannels,
  updateBudgetSettings,
} from "~/lib/budget/index.server";
import { usdInputText } from "~/lib/format";
import { validationMessages } from "~/lib/validation";
import { useLiveRefresh } from "~/components/page/use-live-refresh";
import { BudgetBanner } from "~/components/budget/BudgetBanner";
import { BudgetForm } from "~/components/budget/BudgetForm";
import { AlertChannelsForm } from "~/components/budget/AlertChannelsForm";
import { AlertDeliveriesTable } from "~/components/budget/AlertDeliveriesTable";
import { BudgetForecastBanner } from "~/components/budget/BudgetForecastBanner";
import { BudgetHistoryTable } from "~/components/budget/BudgetHistoryTable";
import { BudgetUsageCard } from "~/components/budget/BudgetUsageCard";
import { useBudgetToast } from "~/components/budget/use-budget-toast";
import { pageErrorBoundary } from "~/components/page/PageErrorBoundary";
import { FORM_BODY_LIMIT, withBodyLimit } from "~/lib/http/index.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const now = new Date();
  const [{ status, toast }, forecast, history, channels] = await Promise.all([
    readBudgetAlerts(session.shop, now),
    predictNextMonthUsage({ shop: session.shop }, now),
    listBudgetAlerts(session.shop),
    getAlertChannels(session.shop),
  ]);
  return json(
    toWire({
      budget: status,
      toast,
      history: budgetHistoryOf(history, status.timeZone),
      projectedMonthEndPicos: forecast.projectedMonthEndPicos,
      channels: { emails: channels.emails.join(", "), webhookUrl: channels.webhookUrl ?? "" },
      emailReady: emailIsSetUp(),
      deliveries: await listAlertDeliveries(session.shop, status.timeZone),
    }),
  );
};

const MAX_BUDGET_PICOS = 1_000_000n * PICOS_PER_USD;

/** "$1,250.50" or "1250.5" → pico-dollars; at most 6 decimals (a millionth of a dollar), more than $0. */
const amountField = z
  .string({
    error: (issue) =>
      issue.input === undefined ? "Enter a monthly budget in US dollars, for example 50 or 49.99." : undefined,
  })
  .transform((value) => value.trim().replace(/^\$/, "").replace(/,/g, ""))
  .pipe(
    z
      .string()
      .min(1, "Enter a monthly budget in US dollars, for example 50 or 49.99.")
      .regex(/^-?\d+(\.\d+)?$/, "Enter a number of US dollars, for example 50 or 49.99.")
      .regex(/^-?\d+(\.\d{1,6})?$/, "Use at most 6 decimals (a millionth of a dollar)."),
  )
  .transform((value) => picosFromUsd(value))
  .refine((picos) => picos > 0n, "The budget must be more than $0.")
  .refine((picos) => picos <= MAX_BUDGET_PICOS, "The budget can be at most $1,000,000.");

const budgetForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save"), amount: amountField, hardCap: z.literal("on").optional() }),
  z.object({ intent: z.literal("remove") }),
  z.object({
    intent: z.literal("alerts"),
    // Bounded here; what the addresses and URL may be is checked by the budget library.
    emails: z.string().max(2_000, "That is too long for up to 5 addresses.").default(""),
    webhookUrl: z.string().max(4_000, "The webhook URL can be at most 2,048 characters.").default(""),
  }),
]);

export const action = async ({ request: received }: ActionFunctionArgs) => {
  const request = await withBodyLimit(received, FORM_BODY_LIMIT);
  const { session } = await authenticate.admin(request);
  const parsed = budgetForm.safeParse(Object.fromEntries(await request.formData()), { error: validationMessages });
  if (!parsed.success) {
    const fields = z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>;
    const errors = {
      amount: fields.amount?.[0],
      emails: fields.emails?.[0],
      webhookUrl: fields.webhookUrl?.[0],
      form: fields.intent?.[0] ?? fields.hardCap?.[0],
    };
    return json({ ok: false as const, errors, message: null }, { status: 400 });
  }
  if (parsed.data.intent === "alerts") {
    try {
      await saveAlertChannels(session.shop, parsed.data);
    } catch (error) {
      if (!(error instanceof InvalidAlertChannelsError)) throw error;
      return json({ ok: false as const, errors: { [error.field]: error.message }, message: null }, { status: 400 });
    }
    return json({ ok: true as const, errors: {}, message: "Warning recipients saved" });
  }
  if (parsed.data.intent === "remove") {
    await updateBudgetSettings(session.shop, { monthlyBudgetPicos: null, hardCap: false });
    return json({ ok: true as const, errors: {}, message: "Budget removed" });
  }
  await updateBudgetSettings(session.shop, {
    monthlyBudgetPicos: parsed.data.amount,
    hardCap: parsed.data.hardCap === "on",
  });
  return json({ ok: true as const, errors: {}, message: "Budget saved" });
};

export default function BudgetPage() {
  const { budget, toast, history, projectedMonthEndPicos, channels, emailReady, deliveries } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const shopify = useAppBridge();
  useLiveRefresh();
  useBudgetToast(toast);

  useEffect(() => {
    if (result?.ok && result.message) shopify.toast.show(result.message);
  }, [result, shopify]);

  const submitting = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const savedAmount = budget.budgetPicos === null ? "" : usdInputText(budget.budgetPicos);

  return (
    <Page title="Budget" subtitle="A monthly limit for what Claude may cost this store">
      <TitleBar title="Budget" />
      <BlockStack gap="400">
        <BudgetBanner status={budget} />
        <BudgetForecastBanner status={budget} projectedMonthEndPicos={projectedMonthEndPicos} />
        <Layout>
          <Layout.AnnotatedSection
            title="Budget and warnings"
            description="You are warned at 80 %, 90 % and 100 % of the budget: a banner on Home, AI usage and this page while it holds, and a notification the first time each is crossed in a month."
          >
            <BudgetForm
              key={`${savedAmount}:${budget.hardCap}`}
              savedAmount={savedAmount}
              savedHardCap={budget.hardCap}
              hasBudget={budget.budgetPicos !== null}
              errors={result && !result.ok ? result.errors : {}}
              saving={submitting === "save"}
              removing={submitting === "remove"}
            />
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            title="Where warnings go"
            description="Besides the banner and the notification in the app, each warning can be emailed and posted to a webhook (Slack, or anything that takes Slack's JSON), once a month per threshold."
          >
            <AlertChannelsForm
              key={`${channels.emails}:${channels.webhookUrl}`}
              savedEmails={channels.emails}
              savedWebhookUrl={channels.webhookUrl}
              emailReady={emailReady}
              errors={result && !result.ok ? result.errors : {}}
              saving={submitting === "alerts"}
            />
          </Layout.AnnotatedSection>
          <Layout.Section>
            <BudgetUsageCard status={budget} projectedMonthEndPicos={projectedMonthEndPicos} />
          </Layout.Section>
          <Layout.Section>
            <BudgetHistoryTable alerts={history} timeZone={budget.timeZone} />
          </Layout.Section>
          <Layout.Section>
            <AlertDeliveriesTable deliveries={deliveries} timeZone={budget.timeZone} />
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}

export const ErrorBoundary = pageErrorBoundary("Budget", "The budget could not be loaded");
