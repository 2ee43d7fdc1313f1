import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, InlineStack, Text, TextField } from "@shopify/polaris";
import {
  type ItemView,
  ALT_TEXT_MAX,
  META_DESCRIPTION_MAX,
  META_TITLE_MAX,
  SHOPIFY_ALT_TEXT_LIMIT,
  SHOPIFY_SEO_DESCRIPTION_LIMIT,
  SHOPIFY_SEO_TITLE_LIMIT,
} from "~/lib/seo";
import { errorOf, useResultToast, type ActionResult } from "./use-result-toast";

function lengthHint(text: string, guidance: number): string {
  const length = [...text].length;
  return length > guidance
    ? `${length} characters: search results show about ${guidance}.`
    : `${length} of about ${guidance} characters.`;
}

function ApplyState({ item }: { item: ItemView }) {
  if (item.applyStatus === "applied") return <Badge tone="success">Applied to your store</Badge>;
  if (item.applyStatus === "queued") return <Badge tone="attention">Applying…</Badge>;
  if (item.applyStatus === "failed") return <Badge tone="critical">Not applied</Badge>;
  return <Badge tone="info">Suggestion</Badge>;
}

/**
 * Claude's suggestion for one item, editable, with an Apply button that writes it to the store (the merchant's
 * click is the confirmation). Shopify's refusal is shown here, next to the values it refused.
 */
export function SuggestionEditor({ item, action }: { item: ItemView; action?: string }) {
  const fetcher = useFetcher<ActionResult>();
  useResultToast(fetcher.data);
  const suggestion = item.suggestion;
  const applied = item.applied;
  const [metaTitle, setMetaTitle] = useState(
    (applied && "metaTitle" in applied ? applied.metaTitle : null) ??
      (suggestion?.kind === "meta" ? suggestion.metaTitle : ""),
  );
  const [metaDescription, setMetaDescription] = useState(
    (applied && "metaDescription" in applied ? applied.metaDescription : null) ??
      (suggestion?.kind === "meta" ? suggestion.metaDescription : ""),
  );
  const [altText, setAltText] = useState(
    (applied && "altText" in applied ? applied.altText : null) ??
      (suggestion?.kind === "alt_text" ? suggestion.altText : ""),
  );
  if (!suggestion) return null;

  const busy = fetcher.state !== "idle";
  const error = errorOf(fetcher.data) ?? (item.applyStatus === "failed" ? item.applyError : null);
  const submit = () =>
    fetcher.submit(
      suggestion.kind === "meta"
        ? { intent: "applyItem", itemId: String(item.id), metaTitle, metaDescription }
        : { intent: "applyItem", itemId: String(item.id), altText },
      { method: "post", ...(action ? { action } : {}) },
    );
  const fieldId = `suggestion-${item.id}`;

  return (
    <BlockStack gap="300">
      <InlineStack gap="200" blockAlign="center">
        <ApplyState item={item} />
        {suggestion.kind === "meta" && suggestion.focusKeyword && (
          <Text as="span" variant="bodySm" tone="subdued">
            {`Written for “${suggestion.focusKeyword}”`}
          </Text>
        )}
      </InlineStack>
      {error && (
        <Banner tone="critical" title="Shopify did not save this">
          <Text as="p">{error}</Text>
        </Banner>
      )}
      {suggestion.kind === "meta" ? (
        <>
          <TextField
            id={`${fieldId}-title`}
            label="Meta title"
            value={metaTitle}
            onChange={setMetaTitle}
            autoComplete="off"
            maxLength={SHOPIFY_SEO_TITLE_LIMIT}
            helpText={lengthHint(metaTitle, META_TITLE_MAX)}
          />
          <TextField
            id={`${fieldId}-description`}
            label="Meta description"
            value={metaDescription}
            onChange={setMetaDescription}
            autoComplete="off"
            multiline={2}
            maxLength={SHOPIFY_SEO_DESCRIPTION_LIMIT}
            helpText={lengthHint(metaDescription, META_DESCRIPTION_MAX)}
          />
        </>
      ) : (
        <TextField
          id={`${fieldId}-alt`}
          label="Alt text"
          value={altText}
          onChange={setAltText}
          autoComplete="off"
          maxLength={SHOPIFY_ALT_TEXT_LIMIT}
          helpText={lengthHint(altText, ALT_TEXT_MAX)}
        />
      )}
      <InlineStack align="end">
        <Button variant={item.applyStatus === "applied" ? "secondary" : "primary"} loading={busy} onClick={submit}>
          {item.applyStatus === "applied" ? "Apply again" : "Apply to store"}
        </Button>
      </InlineStack>
    </BlockStack>
  );
}
