import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Page } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import {
  applyItemCommand,
  cancelSeoJob,
  pauseSeoJob,
  discardDraft,
  queueApply,
  resumeJob,
  SeoJobNotFoundError,
  SeoJobStateError,
  startDraft,
  applySuggestionNow,
  loadJobPage,
  wakeRunner,
} from "~/lib/seo/index.server";
import { RunPage } from "~/components/seo/RunPage";
import { BudgetExceededError } from "~/lib/budget/index.server";
import { pageErrorBoundary } from "~/components/page/PageErrorBoundary";
import { FORM_BODY_LIMIT, withBodyLimit } from "~/lib/http/index.server";

function notFound(): Response {
  return new Response("Not Found", { status: 404 });
}

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  try {
    const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
    return json(await loadJobPage(session.shop, params.jobId ?? "", Number.isInteger(page) ? page : 1));
  } catch (error) {
    if (error instanceof SeoJobNotFoundError) throw notFound();
    throw error;
  }
};

const commandSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start"), autoApply: z.enum(["on", "off"]).default("off") }),
  z.object({ intent: z.literal("discard") }),
  z.object({ intent: z.literal("pause") }),
  z.object({ intent: z.literal("resume") }),
  z.object({ intent: z.literal("cancel") }),
  z.object({ intent: z.literal("applyAll") }),
  applyItemCommand,
]);

export const action = async ({ request: received, params }: ActionFunctionArgs) => {
  const request = await withBodyLimit(received, FORM_BODY_LIMIT);
  const { admin, session } = await authenticate.admin(request);
  const shop = session.shop;
  const jobId = params.jobId ?? "";
  const command = commandSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!command.success) return json({ ok: false as const, error: "Unknown command." }, { status: 400 });
  try {
    switch (command.data.intent) {
      case "start":
        await startDraft(shop, jobId, { autoApply: command.data.autoApply === "on" });
        wakeRunner(jobId);
        return json({ ok: true as const, message: "Run started." });
      case "discard":
        await discardDraft(shop, jobId);
        return redirect("/app/seo");
      case "pause":
        await pauseSeoJob(shop, jobId);
        return json({ ok: true as const, message: "Run paused." });
      case "resume":
        await resumeJob(shop, jobId);
        wakeRunner(jobId);
        return json({ ok: true as const, message: "Run resumed." });
      case "cancel":
        await cancelSeoJob(shop, jobId);
        return json({ ok: true as const, message: "Run cancelled." });
      case "applyAll": {
        const queued = await queueApply(shop, jobId, "all");
        wakeRunner(jobId);
        return json({
          ok: true as const,
          message: `Applying ${queued} ${queued === 1 ? "suggestion" : "suggestions"} to your store.`,
        });
      }
      case "applyItem": {
        const { itemId, metaTitle, metaDescription, altText } = command.data;
        const outcome = await applySuggestionNow(shop, admin, itemId, { metaTitle, metaDescription, altText });
        return outcome.ok
          ? json({ ok: true as const, message: "Saved to your store." })
          : json({ ok: false as const, error: outcome.error, itemId }, { status: 422 });
      }
    }
  } catch (error) {
    if (error instanceof SeoJobNotFoundError) throw notFound();
    if (error instanceof SeoJobStateError || error instanceof BudgetExceededError) {
      return json({ ok: false as const, error: error.message }, { status: 409 });
    }
    throw error;
  }
};

export default function SeoRunPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <Page
      backAction={{ content: "SEO", url: "/app/seo" }}
      title={data.job.status === "draft" ? `Review: ${data.job.kindLabel}` : data.job.kindLabel}
      subtitle={data.job.origin === "single" ? "One product" : `${data.job.products} products · ${data.job.modelName}`}
    >
      <TitleBar title="SEO run" />
      <RunPage data={data} />
    </Page>
  );
}

export const ErrorBoundary = pageErrorBoundary("SEO run", "This run could not be loaded", {
  title: "SEO run not found",
  message:
    "This SEO run doesn't exist for your store: it may have been discarded before it started, or the link is from another store.",
  back: { content: "SEO", url: "/app/seo" },
});
