import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Card,
  EmptyState,
  IndexTable,
  InlineStack,
  Link,
  Text,
  Thumbnail,
  useIndexResourceState,
} from "@shopify/polaris";
import { ImageIcon } from "@shopify/polaris-icons";
import { type ProductRow, META_TITLE_MAX } from "~/lib/seo";
import { ISSUE_LABELS, KIND_ACTIONS, scoreTone } from "./labels";
import { errorOf } from "./use-result-toast";

const PAGE_SIZE = 50;

/** Every product with its score and gaps; choose some to run Claude on them. */
export function ProductsTable({ products }: { products: ProductRow[] }) {
  const [page, setPage] = useState(0);
  const fetcher = useFetcher();
  const pages = Math.max(1, Math.ceil(products.length / PAGE_SIZE));
  const rows = products.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(
    rows as unknown as Array<{ [key: string]: unknown }>,
  );
  const error = errorOf(fetcher.data);

  if (products.length === 0) {
    return (
      <Card>
        <EmptyState heading="Your store has no products yet" image="">
          <Text as="p">Add products in Shopify admin, then come back to check their SEO.</Text>
        </EmptyState>
      </Card>
    );
  }

  const runOnSelection = (kind: string) => {
    const form = new FormData();
    form.set("intent", "prepare");
    form.set("kind", kind);
    form.set("scope", "selected");
    for (const id of selectedResources) form.append("productIds", id);
    fetcher.submit(form, { method: "post" });
  };
  const promotedBulkActions = Object.entries(KIND_ACTIONS).map(([kind, content]) => ({
    content,
    onAction: () => runOnSelection(kind),
  }));

  return (
    <Card padding="0">
      <BlockStack gap="0">
        <BlockStack gap="100">
          <div style={{ padding: "var(--p-space-400) var(--p-space-400) var(--p-space-200)" }}>
            <Text as="h2" variant="headingMd">
              Products
            </Text>
            <Text as="p" variant="bodySm" tone="subdued">
              Select products to audit them or write their meta tags or alt text with Claude. Open one to review it
              alone.
            </Text>
          </div>
          {error && (
            <div style={{ padding: "0 var(--p-space-400) var(--p-space-200)" }}>
              <Banner tone="critical">{error}</Banner>
            </div>
          )}
        </BlockStack>
        <IndexTable
          resourceName={{ singular: "product", plural: "products" }}
          itemCount={rows.length}
          selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
          onSelectionChange={handleSelectionChange}
          promotedBulkActions={promotedBulkActions}
          loading={fetcher.state !== "idle"}
          headings={[
            { title: "Product" },
            { title: "Score", alignment: "end" },
            { title: "Title length", alignment: "end" },
            { title: "Images with alt text", alignment: "end" },
            { title: "Gaps" },
          ]}
          pagination={{
            hasPrevious: page > 0,
            hasNext: page < pages - 1,
            onPrevious: () => {
              clearSelection();
              setPage(page - 1);
            },
            onNext: () => {
              clearSelection();
              setPage(page + 1);
            },
            label: `Page ${page + 1} of ${pages}`,
          }}
        >
          {rows.map((product, index) => (
            <IndexTable.Row
              id={product.id}
              key={product.id}
              position={index}
              selected={selectedResources.includes(product.id)}
            >
              <IndexTable.Cell>
                <InlineStack gap="300" blockAlign="center" wrap={false}>
                  <div style={{ flexShrink: 0 }}>
                    <Thumbnail source={product.imageUrl ?? ImageIcon} alt="" size="small" />
                  </div>
                  {/* Long product names wrap instead of pushing the other columns out of view. */}
                  <div style={{ whiteSpace: "normal", minWidth: "10rem", maxWidth: "18rem" }}>
                    <Link url={`/app/seo/products/${product.legacyId}`} removeUnderline dataPrimaryLink>
                      <Text as="span" fontWeight="semibold">
                        {product.title}
                      </Text>
                    </Link>
                  </div>
                </InlineStack>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <InlineStack align="end">
                  <Badge tone={scoreTone(product.score)}>{String(product.score)}</Badge>
                </InlineStack>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Text
                  as="span"
                  alignment="end"
                  numeric
                  tone={product.titleLength > META_TITLE_MAX ? "critical" : undefined}
                >
                  {`${product.titleLength} / ${META_TITLE_MAX}`}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" alignment="end" numeric tone={product.imagesMissingAlt > 0 ? "critical" : undefined}>
                  {product.imageCount === 0
                    ? "No images"
                    : `${product.imageCount - product.imagesMissingAlt} of ${product.imageCount}`}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <InlineStack gap="100" wrap>
                  {product.issues.slice(0, 2).map((issue) => (
                    <Badge key={issue.code} tone={issue.severity === "high" ? "critical" : undefined}>
                      {ISSUE_LABELS[issue.code]}
                    </Badge>
                  ))}
                  {product.issues.length > 2 && (
                    <Text as="span" variant="bodySm" tone="subdued">{`+${product.issues.length - 2} more`}</Text>
                  )}
                  {product.issues.length === 0 && <Badge tone="success">No gaps</Badge>}
                </InlineStack>
              </IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      </BlockStack>
    </Card>
  );
}
