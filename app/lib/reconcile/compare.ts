/**
 * Compares what the app recorded with what Anthropic reported, per UTC day and model, and says for each difference
 * how big it is and what most likely caused it (docs/decisions/0014). Pure: both sides come in as figures.
 */

/** One day-and-model's usage, on either side. Token counts are bigint so no sum ever loses precision. */
export interface UsageFigures {
  /** Requests that reached the model (the app: billed Messages calls; Anthropic: the report's `requests`). */
  calls: bigint;
  uncachedInputTokens: bigint;
  cacheWrite5mTokens: bigint;
  cacheWrite1hTokens: bigint;
  cacheReadTokens: bigint;
  outputTokens: bigint;
  webSearchRequests: bigint;
  /** Pico-dollars: the app's priced calls, or Anthropic's cost report. */
  costPicos: bigint;
  /** App side only: calls of unknown price (their cost is not in costPicos). */
  unpricedCalls: bigint;
}

export type FigureName = Exclude<keyof UsageFigures, "unpricedCalls">;

export const FIGURE_NAMES: readonly FigureName[] = [
  "calls",
  "uncachedInputTokens",
  "cacheWrite5mTokens",
  "cacheWrite1hTokens",
  "cacheReadTokens",
  "outputTokens",
  "webSearchRequests",
  "costPicos",
];

export interface DayModelFigures {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** The model's canonical catalog id where the catalog knows it, else as reported. */
  model: string;
  figures: UsageFigures;
}

export type DifferenceCause = "outside_tracker" | "not_in_report" | "unknown_price" | "price_differs" | "day_boundary";

export const CAUSE_TEXT: Record<DifferenceCause, string> = {
  outside_tracker:
    "calls made outside the tracker: Anthropic billed more than the app recorded (another key or code path in the organization, or code that calls Claude without createMessageWithTracking)",
  not_in_report:
    "recorded by the app but not in Anthropic's report: the report may not have caught up yet, or the calls went to another organization",
  unknown_price: "a price the catalog lacks: the app recorded these calls with an unknown cost",
  price_differs:
    "the catalog's price differs from what Anthropic charged (a negotiated rate to enter as an override, or a price change the catalog does not have)",
  day_boundary:
    "a day-boundary difference: calls near midnight UTC counted on the neighbouring day (Anthropic's report buckets by UTC); the two days agree together",
};

export interface DayModelComparison {
  day: string;
  model: string;
  app: UsageFigures;
  anthropic: UsageFigures;
  /** The figures beyond tolerance, Anthropic's minus the app's. */
  differences: Array<{ figure: FigureName; app: bigint; anthropic: bigint; difference: bigint }>;
  /** Null when the row agrees. */
  cause: DifferenceCause | null;
}

export interface Comparison {
  rows: DayModelComparison[];
  agreed: boolean;
  appCostPicos: bigint;
  anthropicCostPicos: bigint;
}

export function emptyFigures(): UsageFigures {
  return {
    calls: 0n,
    uncachedInputTokens: 0n,
    cacheWrite5mTokens: 0n,
    cacheWrite1hTokens: 0n,
    cacheReadTokens: 0n,
    outputTokens: 0n,
    webSearchRequests: 0n,
    costPicos: 0n,
    unpricedCalls: 0n,
  };
}

export function addFigures(into: UsageFigures, more: UsageFigures): UsageFigures {
  for (const name of [...FIGURE_NAMES, "unpricedCalls"] as const) into[name] += more[name];
  return into;
}

const TOKEN_FIGURES = FIGURE_NAMES.filter((name) => name !== "costPicos");

function differencesOf(app: UsageFigures, anthropic: UsageFigures, tolerancePicos: bigint) {
  return FIGURE_NAMES.flatMap((figure) => {
    const difference = anthropic[figure] - app[figure];
    const allowed = figure === "costPicos" ? tolerancePicos : 0n;
    const beyond = difference > allowed || -difference > allowed;
    return beyond ? [{ figure, app: app[figure], anthropic: anthropic[figure], difference }] : [];
  });
}

function causeOf(row: Omit<DayModelComparison, "cause">): DifferenceCause | null {
  if (row.differences.length === 0) return null;
  const tokenDifferences = row.differences.filter((entry) => entry.figure !== "costPicos");
  if (tokenDifferences.length === 0) return row.app.unpricedCalls > 0n ? "unknown_price" : "price_differs";
  const anthropicMore = tokenDifferences.some((entry) => entry.difference > 0n);
  return anthropicMore ? "outside_tracker" : "not_in_report";
}

const key = (day: string, model: string) => `${day}\u0000${model}`;

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * Two neighbouring days of one model whose token differences cancel out (what one lacks the other has extra) are a
 * day-boundary difference, not missing or extra calls.
 */
function markDayBoundaries(rows: DayModelComparison[], tolerancePicos: bigint): void {
  const byKey = new Map(rows.map((row) => [key(row.day, row.model), row]));
  for (const row of rows) {
    const next = byKey.get(key(nextDay(row.day), row.model));
    if (!next || row.cause === null || next.cause === null) continue;
    if (row.cause === "day_boundary" || next.cause === "day_boundary") continue;
    const cancels = TOKEN_FIGURES.every(
      (figure) => row.anthropic[figure] - row.app[figure] + (next.anthropic[figure] - next.app[figure]) === 0n,
    );
    const somethingMoved = TOKEN_FIGURES.some((figure) => row.anthropic[figure] !== row.app[figure]);
    const cost = row.anthropic.costPicos - row.app.costPicos + (next.anthropic.costPicos - next.app.costPicos);
    const costCancels = cost <= tolerancePicos && -cost <= tolerancePicos;
    if (cancels && costCancels && somethingMoved) {
      row.cause = "day_boundary";
      next.cause = "day_boundary";
    }
  }
}

/** Compares both sides day by day and model by model; tokens and calls must match exactly, cost within tolerance. */
export function compareUsage(
  app: readonly DayModelFigures[],
  anthropic: readonly DayModelFigures[],
  tolerancePicos: bigint,
): Comparison {
  const sides = new Map<string, { day: string; model: string; app: UsageFigures; anthropic: UsageFigures }>();
  const side = (day: string, model: string) => {
    const id = key(day, model);
    let entry = sides.get(id);
    if (!entry) {
      entry = { day, model, app: emptyFigures(), anthropic: emptyFigures() };
      sides.set(id, entry);
    }
    return entry;
  };
  for (const row of app) addFigures(side(row.day, row.model).app, row.figures);
  for (const row of anthropic) addFigures(side(row.day, row.model).anthropic, row.figures);

  const rows: DayModelComparison[] = [...sides.values()]
    .sort((a, b) => a.day.localeCompare(b.day) || a.model.localeCompare(b.model))
    .map((entry) => {
      const partial = { ...entry, differences: differencesOf(entry.app, entry.anthropic, tolerancePicos) };
      return { ...partial, cause: causeOf(partial) };
    });
  markDayBoundaries(rows, tolerancePicos);
  return {
    rows,
    // A day-boundary pair is explained and adds up: it is shown, but the two sides agree.
    agreed: rows.every((row) => row.cause === null || row.cause === "day_boundary"),
    appCostPicos: rows.reduce((sum, row) => sum + row.app.costPicos, 0n),
    anthropicCostPicos: rows.reduce((sum, row) => sum + row.anthropic.costPicos, 0n),
  };
}
