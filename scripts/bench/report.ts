import type { AnalyticsAtSize, DatabaseFigures, Ingest } from "./database-bench";
import { DATABASE_NAMES, GROWTH_GOAL, shortCount, thousands, type BenchDatabase, type BenchSettings } from "./plan";
import { grid, ms, timingOf, type Timing } from "./stats";

/** The growth comparison: rounds of the analytics functions at BENCH_CALLS and at BENCH_GROWTH_CALLS, alternating. */
export interface GrowthFigures {
  database: BenchDatabase;
  rounds: number;
  runsPerRound: number;
  before: AnalyticsAtSize[];
  after: AnalyticsAtSize[];
  /** Growing the database from one size to the other. */
  ingest: Ingest;
}

/**
 * The benchmark's report: each figure with a column per database (SQLite, PostgreSQL), each beside its floor and the
 * ratio to it, then the growth figure. Goals: analytics p95 < 30 ms and ≤ 3× floor; overview loader p95 < 50 ms and
 * ≤ 3× floor; page LCP < 1 s, CLS < 0.05; export < 10 s, < 200 MB, ≤ 2× floor; tracker overhead ≤ 0.1 ms median and
 * ≤ 0.5 ms p99; growth ≤ 1.2×.
 */
const ANALYTICS_P95_MS = 30;
const LOADER_P95_MS = 50;
const FLOOR_GOAL = 3;
const EXPORT_FLOOR_GOAL = 2;

const number = (value: number) => value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0);
const medianP95 = (median: number, p95: number) => `${number(median)} / ${number(p95)} ms`;
/** "2.4×", flagged when above its goal. */
const times = (value: number, base: number, goal: number) => {
  const ratio = value / base;
  return `${ratio.toFixed(ratio < 10 ? 2 : 1)}×${ratio <= goal ? "" : " not met"}`;
};
/** A figure, flagged when it misses its target. */
const flagged = (text: string, met: boolean) => (met ? text : `${text} not met`);
const range = (values: number[], format: (value: number) => string) =>
  values.length === 0 ? "–" : `${format(Math.min(...values))} to ${format(Math.max(...values))}`;

/** A table with one row per measure and one column per database. */
function sideBySide(
  figures: DatabaseFigures[],
  rows: Array<[string, (figure: DatabaseFigures) => string]>,
  target?: string[],
): string {
  const header = ["", ...figures.map((figure) => DATABASE_NAMES[figure.database]), ...(target ? ["target"] : [])];
  return grid(
    header,
    rows.map(([label, cell], index) => [label, ...figures.map(cell), ...(target ? [target[index] ?? ""] : [])]),
  );
}

function analyticsSection(figures: DatabaseFigures[]): string {
  const names = figures[0]?.analytics.map((figure) => figure.function) ?? [];
  const header = [
    "function",
    ...figures.flatMap((figure) => [
      `${DATABASE_NAMES[figure.database]} median / p95`,
      "floor p95",
      `p95 ÷ floor`,
      "raw scan median",
    ]),
  ];
  const rows = names.map((name) => [
    name,
    ...figures.flatMap((figure) => {
      const row = figure.analytics.find((candidate) => candidate.function === name);
      if (!row) return ["–", "–", "–", "–"];
      return [
        medianP95(row.rollups.medianMs, row.rollups.p95Ms),
        ms(row.floor.p95Ms),
        times(row.rollups.p95Ms, row.floor.p95Ms, FLOOR_GOAL),
        row.raw ? `${ms(row.raw.medianMs)} (${(row.raw.medianMs / row.rollups.medianMs).toFixed(0)}×)` : "–",
      ];
    }),
  ]);
  const summaries = figures.map((figure) => {
    const all = figure.analytics;
    const fast = all.filter((row) => row.rollups.p95Ms < ANALYTICS_P95_MS).length;
    const near = all.filter((row) => row.rollups.p95Ms <= FLOOR_GOAL * row.floor.p95Ms).length;
    const raws = all.flatMap((row) => (row.raw ? [row.raw.medianMs / row.rollups.medianMs] : []));
    return (
      `  ${DATABASE_NAMES[figure.database]}: p95 ${range(
        all.map((row) => row.rollups.p95Ms),
        ms,
      )}; under ${ANALYTICS_P95_MS} ms for ${fast} of ${all.length}, within ${FLOOR_GOAL}× of the floor for ${near} of ` +
      `${all.length}; raw scans ${range(raws, (value) => `${value.toFixed(0)}×`)} the rollups' median`
    );
  });
  return [
    `Analytics over 90 days, read from rollups (goal: p95 < ${ANALYTICS_P95_MS} ms and ≤ ${FLOOR_GOAL}× its floor, ` +
      "one bare statement summing every column it reads over the same rollup rows), and the same answered by scanning raw calls:",
    grid(header, rows),
    ...summaries,
  ].join("\n");
}

function loaderSection(figures: DatabaseFigures[]): string {
  const ranges = figures[0]?.loader.map((row) => row.range) ?? [];
  const header = [
    "range",
    ...figures.flatMap((figure) => [`${DATABASE_NAMES[figure.database]} median / p95`, "floor p95", "p95 ÷ floor"]),
  ];
  const rows = ranges.map((name) => [
    name,
    ...figures.flatMap((figure) => {
      const row = figure.loader.find((candidate) => candidate.range === name);
      if (!row) return ["–", "–", "–"];
      return [
        medianP95(row.timing.medianMs, row.timing.p95Ms),
        ms(row.floor.p95Ms),
        times(row.timing.p95Ms, row.floor.p95Ms, FLOOR_GOAL),
      ];
    }),
  ]);
  const summaries = figures.map((figure) => {
    const met = figure.loader.filter((row) => row.timing.p95Ms < LOADER_P95_MS).length;
    const within = figure.loader.filter((row) => row.timing.p95Ms <= FLOOR_GOAL * row.floor.p95Ms).length;
    return (
      `  ${DATABASE_NAMES[figure.database]}: p95 under ${LOADER_P95_MS} ms for ${met} of ${figure.loader.length} ` +
      `ranges, within ${FLOOR_GOAL}× of the floor for ${within}; authenticate.admin alone (in every loader, not in ` +
      `the floor) ${medianP95(figure.authentication.medianMs, figure.authentication.p95Ms)}`
    );
  });
  return [
    `Analytics overview loader (authenticate.admin + every figure on the page), 1 shop with the calls above ` +
      `(goal: p95 < ${LOADER_P95_MS} ms and ≤ ${FLOOR_GOAL}× its floor, one bare statement summing every column ` +
      `the page reads over the rows it reads: the day totals of every day drawn, the daily rollup rows of the range ` +
      `and of its comparison, the cut day's hourly rows; without authentication; the response read to its last byte):`,
    grid(header, rows),
    ...summaries,
  ].join("\n");
}

function pageSection(figures: DatabaseFigures[]): string {
  const page = (figure: DatabaseFigures) => ("error" in figure.page ? null : figure.page);
  const failed = (figure: DatabaseFigures) => ("error" in figure.page ? `not measured (${figure.page.error})` : "");
  const table = sideBySide(
    figures,
    [
      [
        "Largest Contentful Paint, median / p95",
        (figure) => {
          const measured = page(figure);
          return measured
            ? flagged(
                `${medianP95(measured.lcp.medianMs, measured.lcp.p95Ms)} (${measured.lcp.runs} loads)`,
                measured.lcp.p95Ms < 1_000,
              )
            : failed(figure);
        },
      ],
      [
        "Cumulative Layout Shift, median / worst",
        (figure) => {
          const measured = page(figure);
          return measured
            ? flagged(`${measured.cls.median.toFixed(3)} / ${measured.cls.worst.toFixed(3)}`, measured.cls.worst < 0.05)
            : "–";
        },
      ],
      [
        "JavaScript loaded by the page, gzip (raw)",
        (figure) => {
          const measured = page(figure);
          return measured
            ? `${(measured.totalGzipBytes / 1024).toFixed(0)} kB (${(measured.totalBytes / 1024).toFixed(0)} kB) in ` +
                `${measured.scripts.length} files`
            : "–";
        },
      ],
    ],
    ["p95 < 1 s", "worst < 0.05", ""],
  );
  const first = figures.map(page).find((measured) => measured !== null);
  const largest = first
    ? [...first.scripts]
        .sort((a, b) => b.gzipBytes - a.gzipBytes)
        .slice(0, 6)
        .map((script) => `    ${(script.gzipBytes / 1024).toFixed(1).padStart(6)} kB gzip  ${script.url}`)
    : [];
  return [
    "Analytics overview in Chromium (production build on localhost, demo sign-in, served from each database):",
    table,
    ...(largest.length > 0 ? ["  Largest scripts (the same build for both):", ...largest] : []),
  ].join("\n");
}

function exportSection(figures: DatabaseFigures[]): string {
  return [
    "CSV export of every call of the shop (the /app/export action's stream, read to the end, in its own process; " +
      "floor: the database's own CSV dump of the same rows to /dev/null; export and floor in alternating rounds, " +
      "the round with the median ratio shown, peak memory the highest of all rounds):",
    sideBySide(
      figures,
      [
        ["rows (size)", (figure) => `${thousands(figure.export.rows)} (${(figure.export.bytes / 1e6).toFixed(0)} MB)`],
        [
          "time (rows/s)",
          (figure) =>
            flagged(
              `${figure.export.seconds.toFixed(1)} s (${thousands(figure.export.rowsPerSecond)} rows/s)`,
              figure.export.seconds < 10,
            ),
        ],
        [
          "peak memory of the process (before the export)",
          (figure) =>
            flagged(`${figure.export.peakRssMb} MB (${figure.export.baselineRssMb} MB)`, figure.export.peakRssMb < 200),
        ],
        [
          "floor",
          (figure) =>
            figure.export.floorSeconds === null
              ? `${figure.export.floorTool}: not installed`
              : `${figure.export.floorSeconds.toFixed(1)} s (${figure.export.floorTool})`,
        ],
        [
          "export ÷ floor",
          (figure) =>
            figure.export.floorSeconds === null
              ? "–"
              : times(figure.export.seconds, figure.export.floorSeconds, EXPORT_FLOOR_GOAL),
        ],
        [
          "every round: export ÷ floor, peak",
          (figure) =>
            (figure.export.rounds ?? [])
              .map(
                (round) =>
                  `${round.floorSeconds ? (round.seconds / round.floorSeconds).toFixed(2) : "–"}× ${round.peakRssMb} MB`,
              )
              .join(", "),
        ],
      ],
      ["", "< 10 s", "< 200 MB", "", `≤ ${EXPORT_FLOOR_GOAL}×`, ""],
    ),
  ].join("\n");
}

function trackerSection(figures: DatabaseFigures[]): string {
  const measures = figures[0]?.tracker.map((row) => row.measure) ?? [];
  return [
    "Tracker overhead per call (the background writer writes to each database):",
    sideBySide(
      figures,
      measures.map((measure) => [
        measure,
        (figure) => figure.tracker.find((row) => row.measure === measure)?.["per call"] ?? "–",
      ]),
    ),
  ].join("\n");
}

function seedingSection(figures: DatabaseFigures[]): string {
  return [
    "Databases, and the machine while each was measured:",
    sideBySide(figures, [
      ["database", (figure) => figure.version],
      ["calibration loop at the start of its run", (figure) => `${figure.loopMs.toFixed(0)} ms`],
      ["calls for the shop / in all", (figure) => `${thousands(figure.shopCalls)} / ${thousands(figure.allCalls)}`],
      [
        "ingest (writeUsageBatch, 2,000 calls per transaction, rollups included)",
        (figure) =>
          `${thousands(figure.ingest.callsPerSecond)} calls/s (${thousands(figure.ingest.written)} in ` +
          `${figure.ingest.seconds.toFixed(0)} s)`,
      ],
      ["daily rollup rows for the shop", (figure) => thousands(figure.rollupRows)],
      [
        "after seeding",
        (figure) =>
          figure.database === "postgresql" ? "VACUUM (ANALYZE), as autovacuum would leave it" : "measured as written",
      ],
    ]),
  ].join("\n");
}

/** Each function's rollup reads over all rounds together, and its raw scan from the round that ran one. */
function mergedRounds(rounds: AnalyticsAtSize[]): Map<string, { rollups: Timing; raw: Timing | null }> {
  const merged = new Map<string, { samples: number[]; raw: Timing | null }>();
  for (const round of rounds) {
    for (const figure of round.analytics) {
      const entry = merged.get(figure.function) ?? { samples: [], raw: null };
      entry.samples.push(...(figure.rollups.samples ?? []));
      entry.raw ??= figure.raw;
      merged.set(figure.function, entry);
    }
  }
  return new Map([...merged].map(([name, entry]) => [name, { rollups: timingOf(entry.samples), raw: entry.raw }]));
}

function growthSection(growth: GrowthFigures): string {
  const first = (rounds: AnalyticsAtSize[]) => rounds[0]!;
  const before = mergedRounds(growth.before);
  const after = mergedRounds(growth.after);
  const small = shortCount(first(growth.before).shopCalls);
  const large = shortCount(first(growth.after).shopCalls);
  const raw = (timing: Timing | null | undefined) => (timing ? ms(timing.medianMs) : "–");
  const ratios = [...before].flatMap(([name, figure]) => {
    const grown = after.get(name);
    return grown ? [{ name, ratio: grown.rollups.p95Ms / figure.rollups.p95Ms }] : [];
  });
  const rows = [...before].map(([name, figure]) => {
    const grown = after.get(name);
    return [
      name,
      medianP95(figure.rollups.medianMs, figure.rollups.p95Ms),
      grown ? medianP95(grown.rollups.medianMs, grown.rollups.p95Ms) : "–",
      grown ? times(grown.rollups.p95Ms, figure.rollups.p95Ms, GROWTH_GOAL) : "–",
      raw(figure.raw),
      raw(grown?.raw),
    ];
  });
  const worst = ratios.reduce((a, b) => (b.ratio > a.ratio ? b : a), ratios[0] ?? { name: "–", ratio: Number.NaN });
  const met = ratios.filter((row) => row.ratio <= GROWTH_GOAL).length;
  const size = (rounds: AnalyticsAtSize[], note = "") =>
    `${thousands(first(rounds).shopCalls)} calls for the shop${note}, ${thousands(first(rounds).allCalls)} in all, ` +
    `${thousands(first(rounds).rollupRows)} daily rollup rows for the shop; calibration loop ` +
    `${rounds.map((round) => round.loopMs.toFixed(0)).join(" / ")} ms in its rounds`;
  return [
    `Growth on ${DATABASE_NAMES[growth.database]} (goal: each analytics function's p95 grows by at most ${GROWTH_GOAL}×, ` +
      `because pages read rollups): a copy of the database kept at ${small} and the database grown to ${large}, ` +
      `measured in ${growth.rounds * 2} alternating rounds of ${growth.runsPerRound} runs per function ` +
      `(${growth.rounds * growth.runsPerRound} runs at each size; raw scans in the first round only):`,
    `  before: ${size(growth.before, " (the figures' calls and the tracker benchmark's)")}`,
    `  grown through writeUsageBatch by ${thousands(growth.ingest.written)} calls at ` +
      `${thousands(growth.ingest.callsPerSecond)} calls/s (${growth.ingest.seconds.toFixed(0)} s)`,
    `  after: ${size(growth.after)}`,
    grid(
      [
        "function",
        `median / p95 at ${small}`,
        `at ${large}`,
        `p95 ${large} ÷ ${small} (goal ≤ ${GROWTH_GOAL}×)`,
        `raw scan median at ${small}`,
        `at ${large}`,
      ],
      rows,
    ),
    `  p95 grew by at most ${worst.ratio.toFixed(2)}× (${worst.name}): within ${GROWTH_GOAL}× for ${met} of ` +
      `${ratios.length} functions`,
  ].join("\n");
}

export function report(results: {
  settings: BenchSettings;
  figures: DatabaseFigures[];
  growth: GrowthFigures | null;
}): string {
  const { figures, growth, settings } = results;
  const sections: string[] = [];
  if (figures.length > 0 && settings.only === "export") {
    sections.push(seedingSection(figures), exportSection(figures), "Other figures: skipped (BENCH_ONLY=export).");
  } else if (figures.length > 0) {
    sections.push(
      seedingSection(figures),
      analyticsSection(figures),
      loaderSection(figures),
      pageSection(figures),
      exportSection(figures),
      trackerSection(figures),
    );
  }
  if (growth) sections.push(growthSection(growth));
  else if (settings.growthCalls === 0) sections.push("Growth: skipped (BENCH_GROWTH_CALLS=0).");
  return `\n${sections.join("\n\n")}`;
}
