import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Page } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { z } from "zod";
import { productGid, SEO_JOB_KINDS } from "~/lib/seo";
import { authenticate } from "~/shopify.server";
import { BudgetExceededError } from "~/lib/budget/index.server";
import { ClaudeNotConfiguredError } from "~/lib/usage/index.server";
import {
  applyItemCommand,
  ShopifyApiError,
  SeoJobNotFoundError,
  SeoJobStateError,
  applySuggestionNow,
  loadProductPage,
  runProductTask,
} from "~/lib/seo/index.server";
import { ProductSeoPage } from "~/components/seo/ProductSeoPage";
import { pageErrorBoundary } from "~/components/page/PageErrorBoundary";
import { FORM_BODY_LIMIT, withBodyLimit } from "~/lib/http/index.server";

function productIdOf(param: string | undefined): string {
  // A Shopify id is a positive 64-bit integer: anything else is no product, and Shopify is not asked.
  if (!param || !/^[1-9]\d{0,18}$/.test(param)) throw new Response("Not Found", { status: 404 });
  return productGid(param);
}

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const page = await loadProductPage(session.shop, admin, productIdOf(params.productId));
  if (!page) throw new Response("Not Found", { status: 404 });
  return json(page);
};

const commandSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("run"), kind: z.enum(SEO_JOB_KINDS), imageId: z.string().optional() }),
  applyItemCommand,
]);

export const action = async ({ request: received, params }: ActionFunctionArgs) => {
  const request = await withBodyLimit(received, FORM_BODY_LIMIT);
  const { admin, session, sessionToken } = await authenticate.admin(request);
  const productId = productIdOf(params.productId);
  const command = commandSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!command.success) return json({ ok: false as const, error: "Unknown command." }, { status: 400 });
  try {
    if (command.data.intent === "run") {
      const { problem } = await runProductTask(session.shop, admin, {
        productId,
        kind: command.data.kind,
        startedBy: sessionToken?.sub ?? "automation",
        imageIds: command.data.imageId ? [command.data.imageId] : undefined,
      });
      return problem
        ? json({ ok: false as const, error: problem }, { status: 502 })
        : json({ ok: true as const, message: "Claude's answer is ready to review." });
    }
    const { itemId, metaTitle, metaDescription, altText } = command.data;
    const outcome = await applySuggestionNow(session.shop, admin, itemId, { metaTitle, metaDescription, altText });
    return outcome.ok
      ? json({ ok: true as const, message: "Saved to your store." })
      : json({ ok: false as const, error: outcome.error }, { status: 422 });
  } catch (error) {
    if (error instanceof SeoJobNotFoundError) throw new Response("Not Found", { status: 404 });
    if (
      error instanceof SeoJobStateError ||
      error instanceof BudgetExceededError ||
      error instanceof ClaudeNotConfiguredError ||
      error instanceof ShopifyApiError
    ) {
      return json({ ok: false as const, error: error.message }, { status: 409 });
    }
    throw error;
  }
};

export default function ProductSeoRoute() {
  const data = useLoaderData<typeof loader>();
  return (
    <Page
      backAction={{ content: "SEO", url: "/app/seo" }}
      title={data.product.title}
      subtitle={`/products/${data.product.handle}`}
    >
      <TitleBar title="Product SEO" />
      <ProductSeoPage data={data} />
    </Page>
  );
}

export const ErrorBoundary = pageErrorBoundary("Product SEO", "This product could not be loaded", {
  title: "Product not found",
  message: "This product isn't in your store any more (it may have been deleted in Shopify), or the link is mistyped.",
  back: { content: "SEO", url: "/app/seo" },
});
