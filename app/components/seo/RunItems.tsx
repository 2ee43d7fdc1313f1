import { useNavigate } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Box,
  Card,
  Divider,
  InlineGrid,
  InlineStack,
  Link,
  List,
  Pagination,
  Text,
  Thumbnail,
} from "@shopify/polaris";
import type { ItemView } from "~/lib/seo";
import type { RunPageData } from "~/lib/seo";
import { AuditFindings } from "./AuditFindings";
import { SuggestionEditor } from "./SuggestionEditor";

const ITEM_STATUS = {
  pending: { label: "Waiting", tone: undefined },
  running: { label: "Working…", tone: "attention" },
  done: { label: "Done", tone: "success" },
  failed: { label: "Failed", tone: "critical" },
} as const;

function Before({ item, kind }: { item: ItemView; kind: string }) {
  const empty = (text: string) => text || "(none)";
  if (kind === "alt_text") {
    return (
      <Text as="p" variant="bodySm" tone="subdued">
        {`Alt text before the run: ${empty(item.before.altText)}`}
      </Text>
    );
  }
  return (
    <BlockStack gap="050">
      <Text as="p" variant="bodySm" tone="subdued">
        {`Meta title before the run: ${empty(item.before.metaTitle)}`}
      </Text>
      <Text as="p" variant="bodySm" tone="subdued">
        {`Meta description before the run: ${empty(item.before.metaDescription)}`}
      </Text>
    </BlockStack>
  );
}

function ItemResult({ item, kind }: { item: ItemView; kind: string }) {
  if (item.status === "failed") {
    return (
      <Text as="p" tone="critical">
        {item.error ?? "Failed"}
      </Text>
    );
  }
  if (item.status !== "done") return null;
  if (kind === "audit" && item.audit) return <AuditFindings audit={item.audit} />;
  return <SuggestionEditor key={item.id} item={item} />;
}

const DRAFT_LIST_LIMIT = 30;

/** Before a run starts: what it will cover, one line per product (or image). */
function DraftItems({ data }: { data: RunPageData }) {
  const { job, items } = data;
  const shown = items.slice(0, DRAFT_LIST_LIMIT);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          What the run covers
        </Text>
        <List>
          {shown.map((item) => (
            <List.Item key={item.id}>
              <Link url={`/app/seo/products/${item.productLegacyId}`}>{item.productTitle}</Link>
              {item.imageLabel ? `, ${item.imageLabel}` : ""}
            </List.Item>
          ))}
        </List>
        {job.totalItems > shown.length && (
          <Text as="p" tone="subdued">{`…and ${job.totalItems - shown.length} more.`}</Text>
        )}
      </BlockStack>
    </Card>
  );
}

/** One row per product (or image) of the run, with Claude's answer when it has one. */
export function RunItems({ data }: { data: RunPageData }) {
  const { job, items, pagination } = data;
  const navigate = useNavigate();
  if (job.status === "draft") return <DraftItems data={data} />;
  const goTo = (page: number) => navigate(`?page=${page}`, { preventScrollReset: true });
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Results
          </Text>
          {pagination.pages > 1 && (
            <Pagination
              hasPrevious={pagination.page > 1}
              onPrevious={() => goTo(pagination.page - 1)}
              hasNext={pagination.page < pagination.pages}
              onNext={() => goTo(pagination.page + 1)}
              label={`Page ${pagination.page} of ${pagination.pages}`}
            />
          )}
        </InlineStack>
        {items.map((item, index) => {
          const status = ITEM_STATUS[item.status as keyof typeof ITEM_STATUS] ?? {
            label: item.status,
            tone: undefined,
          };
          return (
            <BlockStack key={item.id} gap="300">
              {index > 0 && <Divider />}
              <InlineGrid columns={{ xs: "1fr", md: "1fr 2fr" }} gap="400">
                <InlineStack gap="300" blockAlign="start" wrap={false}>
                  {item.imageUrl && (
                    <div style={{ flexShrink: 0 }}>
                      <Thumbnail source={item.imageUrl} alt="" size="small" />
                    </div>
                  )}
                  <BlockStack gap="100">
                    <Link url={`/app/seo/products/${item.productLegacyId}`} removeUnderline>
                      <Text as="span" fontWeight="semibold">
                        {item.productTitle}
                      </Text>
                    </Link>
                    <InlineStack>
                      <Badge tone={status.tone}>{status.label}</Badge>
                    </InlineStack>
                    {item.imageLabel && (
                      <Text as="p" variant="bodySm">
                        {item.imageLabel.charAt(0).toUpperCase() + item.imageLabel.slice(1)}
                      </Text>
                    )}
                    <Before item={item} kind={job.kind} />
                  </BlockStack>
                </InlineStack>
                <Box>
                  <ItemResult item={item} kind={job.kind} />
                </Box>
              </InlineGrid>
            </BlockStack>
          );
        })}
      </BlockStack>
    </Card>
  );
}
