import { useEffect, useState } from "react";
import { useFetcher, useRevalidator } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  ButtonGroup,
  Card,
  Checkbox,
  InlineStack,
  Layout,
  Text,
} from "@shopify/polaris";
import { usd } from "~/lib/format";
import type { RunPageData } from "~/lib/seo";
import { RUN_STATUS, plural } from "./labels";
import { RunItems } from "./RunItems";
import { RunProgress } from "./RunProgress";
import { estimateText } from "./RecentRunsCard";
import { BudgetCapBanner } from "~/components/budget/BudgetCapBanner";
import { errorOf, useResultToast, type ActionResult } from "./use-result-toast";

const POLL_MS = 1_500;

/** Reloads the run every 1.5 s while it is running and the page is visible. */
function useRunPolling(running: boolean) {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && state === "idle") revalidate();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [running, revalidate, state]);
}

function BudgetNote({ data }: { data: RunPageData }) {
  const { budget, job } = data;
  if (budget.monthlyBudgetPicos === null || budget.remainingPicos === null) {
    return (
      <Text as="p" variant="bodySm" tone="subdued">
        No monthly AI budget is set for your store.
      </Text>
    );
  }
  const left = `${usd(budget.remainingPicos)} of your ${usd(budget.monthlyBudgetPicos)} monthly budget is left.`;
  if (!budget.estimateExceedsRemaining) {
    return (
      <Text as="p" variant="bodySm" tone="subdued">
        {left}
      </Text>
    );
  }
  return (
    <Banner tone="warning" title="This run may cost more than your budget has left">
      <Text as="p">
        {left}{" "}
        {budget.hardCap
          ? `Your budget is a hard cap: the run stops when it is reached, with ${job.kind === "alt_text" ? "the remaining images" : "the remaining products"} left to do.`
          : "Your budget is not a hard cap, so the run will finish and go over it."}
      </Text>
    </Banner>
  );
}

/** A draft: the cost estimate, the budget beside it, and the merchant's go-ahead. */
function StartCard({ data, fetcher }: { data: RunPageData; fetcher: ReturnType<typeof useFetcher<ActionResult>> }) {
  const { job } = data;
  const [autoApply, setAutoApply] = useState(false);
  const busy = fetcher.state !== "idle";
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Estimated cost
          </Text>
          <Text as="p" variant="heading2xl">
            {job.estimate.headline
              ? job.estimate.headline.charAt(0).toUpperCase() + job.estimate.headline.slice(1)
              : "Unknown"}
          </Text>
          <Text as="p" tone="subdued">
            {job.estimate.explanation}
          </Text>
          {data.budget.capReached ? (
            <BudgetCapBanner resetsOn={data.budget.resetsOn} what="This run" />
          ) : (
            <BudgetNote data={data} />
          )}
        </BlockStack>
        {job.kind !== "audit" && (
          <Checkbox
            label="Write each suggestion to my store as soon as Claude writes it"
            helpText="Leave this off to review every suggestion first and apply the ones you want. With it on, your live product pages change during the run."
            checked={autoApply}
            onChange={setAutoApply}
          />
        )}
        <InlineStack align="end">
          <ButtonGroup>
            <Button disabled={busy} onClick={() => fetcher.submit({ intent: "discard" }, { method: "post" })}>
              Discard
            </Button>
            <Button
              variant="primary"
              tone={autoApply ? "critical" : undefined}
              loading={busy}
              disabled={data.budget.capReached}
              onClick={() =>
                fetcher.submit({ intent: "start", autoApply: autoApply ? "on" : "off" }, { method: "post" })
              }
            >
              {autoApply ? "Start and apply automatically" : "Start run"}
            </Button>
          </ButtonGroup>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

function ControlsCard({ data, fetcher }: { data: RunPageData; fetcher: ReturnType<typeof useFetcher<ActionResult>> }) {
  const { job } = data;
  const [confirmCancel, setConfirmCancel] = useState(false);
  const busy = fetcher.state !== "idle";
  const send = (intent: string) => fetcher.submit({ intent }, { method: "post" });
  const status = RUN_STATUS[job.status] ?? { label: job.status, tone: undefined };
  const canCancel = job.status === "running" || job.status === "paused" || job.status === "stopped";
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Progress
          </Text>
          <Badge tone={status.tone}>{status.label}</Badge>
        </InlineStack>
        <RunProgress job={job} />
        {data.budget.capReached &&
          (job.status === "paused" || (job.status === "stopped" && job.stopReason !== "budget")) && (
            <BudgetCapBanner resetsOn={data.budget.resetsOn} what="Resuming this run" />
          )}
        <Text as="p" variant="bodySm" tone="subdued">
          {`${usd(job.spend.picos)} spent on ${plural(job.spend.calls, "Claude call")}`}
          {estimateText(job) ? ` · ${estimateText(job)} before it started` : ""}
          {job.spend.unpricedCalls > 0 ? ` · ${plural(job.spend.unpricedCalls, "call")} at unknown price` : ""}
        </Text>
        {confirmCancel ? (
          <Banner tone="warning" title="Cancel this run?">
            <BlockStack gap="200">
              <Text as="p">
                No further Claude calls are made. What is already done stays, and nothing more is written to your store.
              </Text>
              <InlineStack gap="200">
                <Button tone="critical" variant="primary" loading={busy} onClick={() => send("cancel")}>
                  Cancel run
                </Button>
                <Button onClick={() => setConfirmCancel(false)}>Keep running</Button>
              </InlineStack>
            </BlockStack>
          </Banner>
        ) : (
          <InlineStack gap="200">
            {job.status === "running" && (
              <Button loading={busy} onClick={() => send("pause")}>
                Pause
              </Button>
            )}
            {(job.status === "paused" || job.status === "stopped") && (
              <Button variant="primary" loading={busy} disabled={data.budget.capReached} onClick={() => send("resume")}>
                Resume
              </Button>
            )}
            {canCancel && (
              <Button tone="critical" disabled={busy} onClick={() => setConfirmCancel(true)}>
                Cancel…
              </Button>
            )}
          </InlineStack>
        )}
      </BlockStack>
    </Card>
  );
}

/** Applying a fix run's suggestions: an explicit, confirmed step. */
function ApplyAllCard({ data, fetcher }: { data: RunPageData; fetcher: ReturnType<typeof useFetcher<ActionResult>> }) {
  const [confirming, setConfirming] = useState(false);
  const ready = data.job.readyToApply;
  if (ready === 0 || data.job.status === "cancelled") return null;
  const what =
    data.job.kind === "alt_text"
      ? plural(ready, "alt text")
      : plural(ready, "meta title and description", "meta titles and descriptions");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Apply suggestions
        </Text>
        <Text as="p">Review the suggestions below; edit or apply them one by one, or apply all of them at once.</Text>
        {confirming ? (
          <Banner tone="warning" title={`Write ${what} to your live store?`}>
            <BlockStack gap="200">
              <Text as="p">
                Each product&apos;s current value is replaced. You can still edit them in Shopify admin afterwards.
              </Text>
              <InlineStack gap="200">
                <Button
                  variant="primary"
                  loading={fetcher.state !== "idle"}
                  onClick={() => {
                    fetcher.submit({ intent: "applyAll" }, { method: "post" });
                    setConfirming(false);
                  }}
                >
                  {`Apply ${ready} now`}
                </Button>
                <Button onClick={() => setConfirming(false)}>Not now</Button>
              </InlineStack>
            </BlockStack>
          </Banner>
        ) : (
          <InlineStack>
            <Button onClick={() => setConfirming(true)}>{`Apply all ${ready}…`}</Button>
          </InlineStack>
        )}
      </BlockStack>
    </Card>
  );
}

function StatusBanner({ data }: { data: RunPageData }) {
  const { job } = data;
  if (job.status === "stopped") {
    return (
      <Banner
        tone="critical"
        title={job.stopReason === "budget" ? "Stopped: the monthly budget is used up" : "Stopped"}
        action={job.stopReason === "budget" ? { content: "Review budget", url: "/app/budget" } : undefined}
      >
        <Text as="p">{job.message}</Text>
      </Banner>
    );
  }
  if (job.status === "cancelled") {
    return (
      <Banner tone="info" title="This run was cancelled">
        <Text as="p">{job.message}</Text>
      </Banner>
    );
  }
  if (job.status === "completed" && job.counts.failed > 0) {
    return (
      <Banner tone="warning" title={`Finished with ${plural(job.counts.failed, "failed item")}`}>
        <Text as="p">The failed items are listed below with the reason; the others are done.</Text>
      </Banner>
    );
  }
  return null;
}

/** A run's page: the estimate and go-ahead for a draft; progress, controls, results and applying afterwards. */
export function RunPage({ data }: { data: RunPageData }) {
  const fetcher = useFetcher<ActionResult>();
  useResultToast(fetcher.data);
  useRunPolling(data.job.status === "running");
  const error = errorOf(fetcher.data);
  return (
    <Layout>
      {error && (
        <Layout.Section>
          <Banner tone="critical" title="That did not work">
            <Text as="p">{error}</Text>
          </Banner>
        </Layout.Section>
      )}
      <Layout.Section>
        <BlockStack gap="400">
          <StatusBanner data={data} />
          {data.job.status === "draft" ? (
            <StartCard data={data} fetcher={fetcher} />
          ) : (
            <ControlsCard data={data} fetcher={fetcher} />
          )}
          {data.job.status !== "draft" && <ApplyAllCard data={data} fetcher={fetcher} />}
          <RunItems data={data} />
        </BlockStack>
      </Layout.Section>
    </Layout>
  );
}
