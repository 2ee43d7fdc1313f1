import { Badge, BlockStack, Box, Card, Divider, InlineStack, Link, Text } from "@shopify/polaris";
import { usd, usdRange } from "~/lib/format";
import type { JobView } from "~/lib/seo";
import { RUN_STATUS } from "./labels";
import { RunProgress } from "./RunProgress";

function spendText(job: JobView): string {
  const spent = `${usd(job.spend.picos)} spent`;
  if (job.status === "draft") return job.estimate.headline ? `Estimate: ${job.estimate.headline}` : "Not started";
  const estimate = estimateText(job);
  return estimate ? `${spent} (${estimate})` : spent;
}

/** "estimated $0.12 – $0.18" for a run that had an estimate, else null. */
export function estimateText(job: JobView): string | null {
  const { lowPicos, highPicos, picos } = job.estimate;
  if (lowPicos !== null && highPicos !== null) return `estimated ${usdRange(lowPicos, highPicos)}`;
  return picos !== null ? `estimated about ${usd(picos)}` : null;
}

/** The latest bulk runs with live progress. */
export function RecentRunsCard({ jobs }: { jobs: JobView[] }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Recent runs
        </Text>
        {jobs.map((job, index) => {
          const status = RUN_STATUS[job.status] ?? { label: job.status, tone: undefined };
          return (
            <BlockStack key={job.id} gap="200">
              {index > 0 && <Divider />}
              <InlineStack align="space-between" blockAlign="center" gap="200">
                <InlineStack gap="200" blockAlign="center">
                  <Link url={`/app/seo/jobs/${job.id}`}>{job.kindLabel}</Link>
                  <Badge tone={status.tone}>{status.label}</Badge>
                </InlineStack>
                <Text as="span" variant="bodySm" tone="subdued">
                  {job.createdAtLocal} · {job.modelName}
                </Text>
              </InlineStack>
              {job.status !== "draft" && (
                <Box maxWidth="640px">
                  <RunProgress job={job} />
                </Box>
              )}
              <Text as="p" variant="bodySm" tone="subdued">
                {spendText(job)}
              </Text>
            </BlockStack>
          );
        })}
      </BlockStack>
    </Card>
  );
}
