import { featureName, percent } from "~/lib/format";
import { resolveModel } from "~/lib/pricing";

/**
 * The demo's Claude asked for cost advice (the Cost tips page's "Ask Claude"): it reads the shop's usage figures the
 * app sends as JSON, as the model would, and answers with suggestions about those figures: where the money goes, what
 * fails, how much of the prompts the cache serves, which feature writes short answers on a large model.
 */
interface UsageRow {
  endpoint: string;
  model: string;
  calls: number;
  failedCalls: number;
  averageInputTokens: number;
  averageOutputTokens: number;
  averageCacheReadTokens: number;
  costUsd: string;
}

interface UsageFigures {
  period: { from: string; to: string };
  totalCalls: number;
  totalCostUsd: string;
  byEndpointAndModel: UsageRow[];
  tipsAlreadyShown?: Array<{ kind: string; endpoint: string }>;
}

const USAGE_MARKER = /My store's Claude usage over [^\n]*as JSON:\n([\s\S]*)$/;

/** The usage figures in a cost-advice request, or null for any other request. */
export function usageFiguresIn(text: string): UsageFigures | null {
  const match = USAGE_MARKER.exec(text);
  if (!match?.[1]) return null;
  try {
    const figures = JSON.parse(match[1]) as UsageFigures;
    return Array.isArray(figures.byEndpointAndModel) ? figures : null;
  } catch {
    return null;
  }
}

const dollars = (text: string) => Number(text.replace(/[^0-9.]/g, "")) || 0;
const money = (value: number) => `$${value.toFixed(2)}`;
const modelName = (id: string) => resolveModel(id)?.displayName ?? id;

export function usageAdvice(figures: UsageFigures): string {
  const total = dollars(figures.totalCostUsd);
  const rows = [...figures.byEndpointAndModel].sort((a, b) => dollars(b.costUsd) - dollars(a.costUsd));
  const lines: string[] = [];
  const top = rows[0];
  if (top && total > 0) {
    lines.push(
      `- “${featureName(top.endpoint)}” on ${modelName(top.model)} is ${percent((dollars(top.costUsd) / total) * 100)} of your ` +
        `${money(total)} (${top.calls.toLocaleString("en-US")} calls): try it on a smaller model for a week and compare the results before keeping it there.`,
    );
  }
  const wordy = rows.find((row) => /sonnet|opus/.test(row.model) && row.averageOutputTokens <= 300 && row.calls >= 20);
  if (wordy) {
    lines.push(
      `- “${featureName(wordy.endpoint)}” answers average ${wordy.averageOutputTokens} output tokens on ${modelName(wordy.model)}: ` +
        `short, well-defined writing that a Haiku model handles at a fraction of the price. Switch it in the SEO settings.`,
    );
  }
  const failing = rows
    .filter((row) => row.calls > 0)
    .sort((a, b) => b.failedCalls / b.calls - a.failedCalls / a.calls)[0];
  if (failing && failing.failedCalls > 0) {
    lines.push(
      `- ${percent((failing.failedCalls / failing.calls) * 100)} of “${featureName(failing.endpoint)}” calls failed ` +
        `(${failing.failedCalls} of ${failing.calls}): run bulk work outside your busiest hours so fewer calls are refused as overloaded.`,
    );
  }
  const uncached = rows.find((row) => row.calls >= 20 && row.averageCacheReadTokens < row.averageInputTokens);
  if (uncached) {
    lines.push(
      `- “${featureName(uncached.endpoint)}” reads only ${uncached.averageCacheReadTokens} tokens a call from the prompt cache ` +
        `against ${uncached.averageInputTokens} sent fresh: running its items in one bulk run, rather than one product at a time, keeps the cache warm.`,
    );
  }
  if (lines.length === 0)
    lines.push(`- Your ${figures.totalCalls} calls already look lean: keep an eye on the failed calls.`);
  return lines.slice(0, 5).join("\n");
}
