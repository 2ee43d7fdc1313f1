import { useId } from "react";
import { BlockStack, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import type { JobView } from "~/lib/seo";
import { plural } from "./labels";

/** A run's progress bar with what it means in words. */
export function RunProgress({
  job,
}: {
  job: Pick<JobView, "counts" | "totalItems" | "progressPercent" | "status" | "kind">;
}) {
  const labelId = useId();
  const unit = job.kind === "alt_text" ? "image" : "product";
  const failed = job.counts.failed > 0 ? ` · ${plural(job.counts.failed, "failed item")}` : "";
  return (
    <BlockStack gap="100">
      <InlineStack align="space-between" blockAlign="center" gap="200">
        <Text as="span" id={labelId} variant="bodySm">
          {job.counts.done + job.counts.failed} of {plural(job.totalItems, unit)} done{failed}
        </Text>
        <Text as="span" variant="bodySm" tone="subdued">
          {job.progressPercent}%
        </Text>
      </InlineStack>
      <ProgressBar
        progress={job.progressPercent}
        size="small"
        tone={job.status === "stopped" ? "critical" : job.status === "completed" ? "success" : "primary"}
        ariaLabelledBy={labelId}
      />
    </BlockStack>
  );
}
