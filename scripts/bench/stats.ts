/** Timing helpers for the benchmark: run a function many times and report median and p95 in milliseconds. */
export interface Timing {
  medianMs: number;
  p95Ms: number;
  runs: number;
  /** Every run's time, ascending (to merge rounds measured apart). */
  samples?: number[];
}

export function quantile(sorted: number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

/**
 * Runs per timed figure (and per floor). The p95 of 40 runs was their third slowest, so two hiccups of the machine (an
 * autovacuum, another tenant's burst) decided it: a function of 1.5 ms went from 1.2× to 4× its floor between two
 * runs with the same median. Of 200 runs the p95 is the eleventh slowest.
 */
export const FIGURE_RUNS = 200;

export async function time(run: () => Promise<unknown>, runs = FIGURE_RUNS, warmup = 3): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return timingOf(samples);
}

/**
 * Two functions timed in alternation, run by run: a figure and its floor, so the machine's changing load (other
 * processes on a shared 2-core machine) falls on both alike and their ratio holds where the absolute times swing.
 */
export async function timeAlternating(
  first: () => Promise<unknown>,
  second: () => Promise<unknown>,
  runs = FIGURE_RUNS,
  warmup = 3,
): Promise<[Timing, Timing]> {
  for (let i = 0; i < warmup; i++) {
    await first();
    await second();
  }
  const firstSamples: number[] = [];
  const secondSamples: number[] = [];
  for (let i = 0; i < runs; i++) {
    let started = performance.now();
    await first();
    firstSamples.push(performance.now() - started);
    started = performance.now();
    await second();
    secondSamples.push(performance.now() - started);
  }
  return [timingOf(firstSamples), timingOf(secondSamples)];
}

/** Median and p95 of a set of runs (e.g. several rounds' samples put together). */
export function timingOf(runs: readonly number[]): Timing {
  const samples = [...runs].sort((a, b) => a - b);
  return {
    medianMs: quantile(samples, 0.5),
    p95Ms: quantile(samples, 0.95),
    runs: samples.length,
    samples: samples.map((value) => Math.round(value * 1000) / 1000),
  };
}

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

/** A plain-text table from a header and rows of cells (headers may repeat, unlike `table`'s keys). */
export function grid(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map((row) => line(row))].join("\n");
}
