import { useFetcher } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  Divider,
  InlineGrid,
  InlineStack,
  Layout,
  List,
  Text,
  Thumbnail,
} from "@shopify/polaris";
import type { loadProductPage } from "~/lib/seo";
import { AuditFindings } from "./AuditFindings";
import { ISSUE_LABELS, plural, scoreTone } from "./labels";
import { SearchPreview } from "./SearchPreview";
import { SuggestionEditor } from "./SuggestionEditor";
import { BudgetCapBanner } from "~/components/budget/BudgetCapBanner";
import { errorOf, useResultToast, type ActionResult } from "./use-result-toast";

export type ProductPageData = NonNullable<Awaited<ReturnType<typeof loadProductPage>>>;

function useClaudeRun() {
  const fetcher = useFetcher<ActionResult>();
  useResultToast(fetcher.data);
  const run = (kind: string, imageId?: string) =>
    fetcher.submit({ intent: "run", kind, ...(imageId ? { imageId } : {}) }, { method: "post" });
  return { run, busy: fetcher.state !== "idle", error: errorOf(fetcher.data) };
}

function ErrorBanner({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <Banner tone="critical" title="Claude's answer could not be used">
      <Text as="p">{error}</Text>
    </Banner>
  );
}

function RulesCard({ data }: { data: ProductPageData }) {
  const { row, product } = data;
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            In search results
          </Text>
          <Badge tone={scoreTone(row.score)}>{`Score ${row.score} / 100`}</Badge>
        </InlineStack>
        <SearchPreview
          title={row.effectiveTitle}
          description={data.effectiveDescription}
          path={`/products/${product.handle}`}
        />
        {row.issues.length === 0 ? (
          <Text as="p" tone="success">
            No gaps found by the automatic check.
          </Text>
        ) : (
          <List>
            {row.issues.map((issue) => (
              <List.Item key={issue.code}>
                <Text as="span" fontWeight="semibold">
                  {ISSUE_LABELS[issue.code]}:
                </Text>{" "}
                {issue.message}
              </List.Item>
            ))}
          </List>
        )}
      </BlockStack>
    </Card>
  );
}

function AuditCard({ data }: { data: ProductPageData }) {
  const { run, busy, error } = useClaudeRun();
  const audit = data.audit;
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Claude&apos;s audit
          </Text>
          <Button loading={busy} disabled={data.budget.capReached} onClick={() => run("audit")}>
            {audit ? "Audit again" : "Audit with Claude"}
          </Button>
        </InlineStack>
        <ErrorBanner error={error} />
        {audit?.audit ? (
          <AuditFindings audit={audit.audit} />
        ) : audit?.status === "failed" ? (
          <Text as="p" tone="critical">
            {audit.error}
          </Text>
        ) : (
          <Text as="p" tone="subdued">
            {`Claude reviews the whole listing and says what to change, with the wording. Uses ${data.models.audit}.`}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}

function MetaCard({ data }: { data: ProductPageData }) {
  const { run, busy, error } = useClaudeRun();
  const { product, meta } = data;
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Meta title and description
          </Text>
          <Button
            variant={meta ? "secondary" : "primary"}
            loading={busy}
            disabled={data.budget.capReached}
            onClick={() => run("meta")}
          >
            {meta ? "Write new ones" : "Write with Claude"}
          </Button>
        </InlineStack>
        <BlockStack gap="100">
          <Text as="p" variant="bodySm" tone="subdued">
            {`Meta title now: ${product.seoTitle || "(none: the product title is used)"}`}
          </Text>
          <Text as="p" variant="bodySm" tone="subdued">
            {`Meta description now: ${product.seoDescription || "(none)"}`}
          </Text>
        </BlockStack>
        <ErrorBanner error={error} />
        {meta?.status === "failed" && (
          <Text as="p" tone="critical">
            {meta.error}
          </Text>
        )}
        {meta?.suggestion && <SuggestionEditor key={meta.id} item={meta} />}
      </BlockStack>
    </Card>
  );
}

function ImagesCard({ data }: { data: ProductPageData }) {
  const { run, busy, error } = useClaudeRun();
  const images = data.product.images;
  const missing = data.row.imagesMissingAlt;
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Image alt text
          </Text>
          {missing > 0 && (
            <Button loading={busy} disabled={data.budget.capReached} onClick={() => run("alt_text")}>
              {`Write alt text for ${plural(missing, "image")}`}
            </Button>
          )}
        </InlineStack>
        <ErrorBanner error={error} />
        {images.length === 0 && (
          <Text as="p" tone="subdued">
            This product has no images.
          </Text>
        )}
        {images.map((image, index) => {
          const suggestion = data.altSuggestions[image.id];
          return (
            <BlockStack key={image.id} gap="300">
              {index > 0 && <Divider />}
              <InlineGrid columns={{ xs: "1fr", md: "1fr 2fr" }} gap="400">
                <InlineStack gap="300" blockAlign="start" wrap={false}>
                  <div style={{ flexShrink: 0 }}>
                    <Thumbnail source={image.url ?? ""} alt={image.alt} size="medium" />
                  </div>
                  <BlockStack gap="100">
                    <Text as="span" fontWeight="semibold">{`Image ${index + 1}`}</Text>
                    {image.alt ? (
                      <Text as="p" variant="bodySm">
                        {image.alt}
                      </Text>
                    ) : (
                      <Badge tone="critical">No alt text</Badge>
                    )}
                    <InlineStack>
                      <Button
                        variant="plain"
                        disabled={busy || data.budget.capReached}
                        onClick={() => run("alt_text", image.id)}
                      >
                        {image.alt ? "Rewrite with Claude" : "Write with Claude"}
                      </Button>
                    </InlineStack>
                  </BlockStack>
                </InlineStack>
                {suggestion?.status === "failed" && (
                  <Text as="p" tone="critical">
                    {suggestion.error}
                  </Text>
                )}
                {suggestion?.suggestion && <SuggestionEditor key={suggestion.id} item={suggestion} />}
              </InlineGrid>
            </BlockStack>
          );
        })}
      </BlockStack>
    </Card>
  );
}

/** One product's SEO: the check, Claude's audit, meta tags and alt text, each with preview, edit and apply. */
export function ProductSeoPage({ data }: { data: ProductPageData }) {
  return (
    <Layout>
      {data.budget.capReached && (
        <Layout.Section>
          <BudgetCapBanner resetsOn={data.budget.resetsOn} what="Claude's audits and fixes" />
        </Layout.Section>
      )}
      <Layout.Section>
        <BlockStack gap="400">
          <RulesCard data={data} />
          <MetaCard data={data} />
          <ImagesCard data={data} />
        </BlockStack>
      </Layout.Section>
      <Layout.Section variant="oneThird">
        <AuditCard data={data} />
      </Layout.Section>
    </Layout>
  );
}
