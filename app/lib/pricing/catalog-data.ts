/**
 * Claude API list prices, as data. Nothing here is computed: every figure is copied as Anthropic
 * lists it, in USD per million tokens, in the pricing page's column order
 *   input · 5-minute cache write · 1-hour cache write · cache read (hit) · output.
 * The ratios between columns differ between models (Fable 5.1 reads cache at 0.025x input,
 * Opus 5.5 at 0.05x, Haiku 3 writes cache at 1.2x), so no price is ever derived from another.
 *
 * Sources (all read 2026-11-27, from stored copies of Anthropic's pages; public code disagrees with
 * itself, so it was used only where noted, to fill a gap, and never against an official figure):
 *
 *  [pricing]     https://platform.claude.com/docs/en/about-claude/pricing
 *                The stored copy shows the September 2026 lineup (Fable 5.1 ... Opus 4, retired
 *                except on Google Cloud). Also quoted from it: "The Batch API allows asynchronous
 *                processing of large volumes of requests with a 50% discount on both input and
 *                output tokens"; the cache multipliers "stack with other pricing modifiers,
 *                including the Batch API discount"; web search "$10 per 1,000 searches, plus
 *                standard token costs"; Sonnet 5's $2/$10 introductory price "is now the standard
 *                price. The previously scheduled increase to $3/$15 ... on September 1, 2026 will
 *                not occur."
 *  [pricingZh]   https://platform.claude.com/docs/zh-CN/about-claude/pricing
 *                Stored copy of February 2026 (Opus 4.6 newest): the Sonnet 4.6/4.5/4/3.7,
 *                Haiku 4.5/3.5/3 and Opus 3 rows.
 *  [pricing2025] https://docs.anthropic.com/en/docs/about-claude/pricing
 *                Stored copy of August 2025 (Opus 4.1 newest): the Sonnet 3.5 row, the batch table
 *                and the long-context table (Sonnet 4 / 4.5 above 200K input tokens: input $6,
 *                output $22.50; "prompt caching multipliers apply on top of long context rates").
 *  [models]      https://platform.claude.com/docs/en/models/<model>/overview (and its zh-CN, ja,
 *                zh-TW, id copies): per-model price blocks, release dates, lifecycle status.
 *                The newest stored copy (id/models/sonnet-5/overview.md) already lists
 *                Claude Fable 5.2 at $8 / $40.
 *  [deprecations] https://platform.claude.com/docs/en/about-claude/model-deprecations
 *
 * Batch API: 50% off every token price, cache writes and reads included ([pricing]: the cache
 * multipliers stack with the batch discount), long-context prices too ([pricing2025]); the page
 * lists batch prices as exactly half of the standard ones, so they are not repeated here. Web
 * searches are a per-request fee and keep their price in a batch.
 *
 * In the catalog without a price (their calls are recorded with an unknown cost and shown as such):
 *  - Claude Mythos 5.2 (claude-mythos-5-2): named on the official Fable 5.2 / Mythos 5.2 migration
 *    guide and fast-mode page (read 2026-12-01), but no stored official copy shows its price.
 *  - Claude Mythos Preview (claude-mythos-preview): a model id the SDK (1.14) lists; no official
 *    price page lists it.
 * Not in this catalog: Claude 3 Sonnet, Claude 2.x, Claude Instant (not on the pricing page with
 * cache prices; they price as unknown, null, like any unlisted id).
 *
 * Fast mode (`speed: "fast"`, read from the response's usage.speed) — priced as UNKNOWN on every
 * model. The official fast-mode page ([fastMode], read 2026-12-01) says fast mode is "priced at a
 * multiplier on standard rates" / "at premium pricing" and lists which models offer it, but no
 * stored copy of it or of the pricing page showed the multiplier or the figures. Third parties
 * quote them (e.g. Opus 5.5 at $8 / $40, Opus 5 and 4.8 at $10 / $50, Opus 4.6 at $30 / $150);
 * none of that is used here. A fast call is recorded with its tokens and `speed`, its cost stays
 * unknown. Once an official figure is read, the catalog needs a fast-mode price per model (a
 * field `fastMode` does not have yet, and `modeOf` in cost.ts to use it); `npm run operator --
 * reprice` then prices the fast calls already recorded.
 * Each model's `fastMode` says whether the official pages offer it.
 *
 * US-only inference (`inference_geo: "us"`, read from usage.inference_geo, else the request) —
 * priced. [usOnly] (Anthropic's help centre, "Enable US-only inference for your organization",
 * read 2026-12-01): "usage is billed at 1.1x standard API rates for Claude Opus 4.6, Claude
 * Sonnet 4.6, and later models ... Requests on Claude Opus 4.5, Claude Sonnet 4.5, Claude Haiku
 * 4.5, or earlier models are billed at the standard rate." [dataResidency] (platform.claude.com
 * docs, read 2026-12-01): inference_geo "us" is supported on Opus 4.6 and later; older models
 * answer it with a 400. The 1.1x multiplies every token price (input, cache writes, cache reads,
 * output) and stacks with the Batch API discount and long-context bands; web searches keep their
 * per-search price. Each model's `usOnlyInference.multiplier` is "1.1" or "1". Any other
 * inference_geo value (none is documented) prices as unknown.
 * Known history not modelled (no official date found):
 *  - Claude Haiku 3.5 launched (2024-11-04) at $1 / $5 and was cut to $0.80 / $4 about a month
 *    later; only the $0.80 row is here, so a call from that month would be under-priced.
 *  - Opus 4.6 / Sonnet 4.6 carried a >200K long-context surcharge at launch (Feb 2026) that the
 *    page later dropped ("Claude 4.6 and later models ... include the full 1M token context window
 *    at standard pricing"); the end date was not found, so no tier is applied to them.
 */
import type { CatalogModel, CatalogPricePeriod, SourceReference, TokenPrices } from "./types";

const READ_ON = "2026-11-27";

const pricingPage: SourceReference = {
  url: "https://platform.claude.com/docs/en/about-claude/pricing",
  readOn: READ_ON,
  copyShows: "September 2026 lineup (Fable 5.1 newest Fable, Opus 5 newest Opus)",
};
const pricingPageZh: SourceReference = {
  url: "https://platform.claude.com/docs/zh-CN/about-claude/pricing",
  readOn: READ_ON,
  copyShows: "February 2026 lineup (Opus 4.6 newest)",
};
const pricingPage2025: SourceReference = {
  url: "https://docs.anthropic.com/en/docs/about-claude/pricing",
  readOn: READ_ON,
  copyShows: "August 2025 lineup (Opus 4.1 newest)",
};
const modelPage = (slug: string, copyShows: string, note?: string): SourceReference => ({
  url: `https://platform.claude.com/docs/en/models/${slug}/overview`,
  readOn: READ_ON,
  copyShows,
  ...(note ? { note } : {}),
});

const MODES_READ_ON = "2026-12-01";
const fastModePage: SourceReference = {
  url: "https://platform.claude.com/docs/en/build-with-claude/fast-mode",
  readOn: MODES_READ_ON,
  copyShows: "Fable 5.2, Mythos 5.2 and Opus 5.5 available; research preview on Opus 5; deprecated on Opus 4.8",
  note: "The stored copies' pricing section was not readable; no official fast-mode price is in this catalog.",
};
const fastModePage2026Feb: SourceReference = {
  ...fastModePage,
  copyShows: "February 2026 copy: fast mode in research preview (Opus 4.6 era)",
};
const claudeCodeFastModePage: SourceReference = {
  url: "https://code.claude.com/docs/en/fast-mode",
  readOn: MODES_READ_ON,
  copyShows: "Opus 4.8 fast mode deprecated 2026-10-30, removed 2026-11-30; Opus 4.7's removed 2026-07-24",
};
const usOnlyBilling: SourceReference = {
  url: "https://support.claude.com/en/articles/15422948-enable-us-only-inference-for-your-organization",
  readOn: MODES_READ_ON,
  copyShows: "How billing works: 1.1x standard API rates for Opus 4.6, Sonnet 4.6 and later models",
};

const NO_FAST_MODE = { offered: false } as const;
function fastModeOffered(note: string, source: SourceReference = fastModePage) {
  return { offered: true as const, note, source };
}
const US_ONLY_1_1 = { multiplier: "1.1", source: usOnlyBilling } as const;
const US_ONLY_STANDARD = { multiplier: "1", source: usOnlyBilling } as const;

/** Columns in the pricing page's order: input, 5m cache write, 1h cache write, cache read, output. */
function row(
  input: string,
  cacheWrite5m: string,
  cacheWrite1h: string,
  cacheRead: string,
  output: string,
): TokenPrices {
  return { input, cacheWrite5m, cacheWrite1h, cacheRead, output };
}

function period(effectiveFrom: string, prices: TokenPrices, source: SourceReference): CatalogPricePeriod {
  return { effectiveFrom, prices, source };
}

/** $10 per 1,000 web searches ([pricing]); the Batch API discount is for tokens, not searches. */
export const WEB_SEARCH_USD_PER_1000_SEARCHES = "10";

const OPUS_4_5_ROW = row("5", "6.25", "10", "0.50", "25");
const OPUS_4_1_ROW = row("15", "18.75", "30", "1.50", "75");
const SONNET_4_ROW = row("3", "3.75", "6", "0.30", "15");
/**
 * Sonnet 4 and 4.5 above 200K prompt tokens. The page lists input $6 and output $22.50 and says
 * the caching multipliers (5m 1.25x, 1h 2x, read 0.1x) apply on top; the three cache figures are
 * those stated multipliers written out, so that the catalog stays a table of plain figures.
 */
const SONNET_4_LONG_CONTEXT = {
  aboveInputTokens: 200_000,
  prices: row("6", "7.50", "12", "0.60", "22.50"),
};

export const CATALOG_MODELS: readonly CatalogModel[] = [
  // ─── Fable and Mythos (Mythos-class; Mythos is the same model for verified organisations) ───
  {
    id: "claude-fable-5-2",
    aliases: [],
    displayName: "Claude Fable 5.2",
    family: "fable",
    status: "current",
    fastMode: fastModeOffered("Available."),
    usOnlyInference: US_ONLY_1_1,
    pricePeriods: [
      period(
        "2026-11-09",
        row("8", "10", "16", "0.20", "40"),
        modelPage(
          "fable-5-2",
          "November 2026 lineup",
          [
            "Input $8 / output $40 are on the official lineup table",
            "(platform.claude.com/docs/id/models/sonnet-5/overview.md). No stored official copy showed",
            "Fable 5.2's cache prices; $10 / $16 / $0.20 are the pricing-page row as read by",
            "archid21/rightsize v0.10.2 and docs.laozhang.ai (2026-11-10), consistent with each other.",
            "Release date 2026-11-09 from the same secondary sources and vercel/ai's release.",
          ].join(" "),
        ),
      ),
    ],
  },
  {
    id: "claude-mythos-5-2",
    aliases: [],
    displayName: "Claude Mythos 5.2",
    family: "mythos",
    status: "current",
    lifecycleNote: "Limited availability: organisations verified through Anthropic's programs only.",
    fastMode: fastModeOffered("Available."),
    usOnlyInference: US_ONLY_1_1,
    pricePeriods: [],
    unpricedNote:
      "Named on platform.claude.com/docs/en/models/fable-5-2/migration-guide and the fast-mode page " +
      "(read 2026-12-01); no stored official copy shows its price, so its calls cost unknown.",
  },
  {
    id: "claude-mythos-preview",
    aliases: [],
    displayName: "Claude Mythos Preview",
    family: "mythos",
    status: "current",
    lifecycleNote: "Research preview by invitation; listed among the SDK's model ids (1.14).",
    fastMode: NO_FAST_MODE,
    usOnlyInference: US_ONLY_1_1,
    pricePeriods: [],
    unpricedNote: "No official Anthropic pricing page lists it (searched 2026-12-01); its calls cost unknown.",
  },
  {
    id: "claude-fable-5-1",
    aliases: [],
    displayName: "Claude Fable 5.1",
    family: "fable",
    status: "legacy",
    lifecycleNote: "Succeeded by Claude Fable 5.2 on 2026-11-09.",
    fastMode: NO_FAST_MODE,
    usOnlyInference: US_ONLY_1_1,
    pricePeriods: [period("2026-09-01", row("10", "12.50", "20", "0.25", "50"), pricingPage)],
  },
  {
    id: "claude-mythos-5-1",
    aliases: [],
    displayName: "Claude Mythos 5.1",
    family: "mythos",
    status: "current",
    lifecycleNote: "Limited availability: organisations verified through Anthropic's programs only.",
    fastMode: NO_FAST_MODE,
    usOnlyInference: US_ONLY_1_1,
    pricePeriods: [period("2026-09-01", row("10", "12.50", "20", "0.25", "50"), pricingPage)],
  },
  {
    id: "claude-fable-5",
    aliases: [],
    displayName: "Claude Fable 5",
    family: "fable",
    status: "legacy",
    fastMode: NO_FAST_MODE,
    usOnlyInference: US_ONLY_1_1,
    pricePeriods: [period("2026-06-09", row("10", "12.50", "20", "1", "50"), pricingPage)],
  },
  {
    id: "claude-mythos-5",
    aliases: [],
    displayName: "Claude Mythos 5",
    family: "mythos",
    status: "legacy",
    lifecycleNote: "Limited availability (Project Glasswing).",
    fastMode: NO_FAST_MODE,
    usOnlyInference: US_ONLY_1_1,
    pricePeriods: [period("2026-06-09", row("10", "12.50", "20", "1", "50"), pricingPage)],
  },

  // ─── Opus ───
  {
    id: "claude-opus-5-5",
    aliases: [],
    displayName: "Claude Opus 5.5",
    family: "opus",
    status: "current",
    fastMode: fastModeOffered("Available."),
    usOnlyInference: US_ONLY_1_1,
    pricePeriods: [
      period("2026-09-22", row("4", "5", "8", "0.20", "20"), modelPage("opus-5-5", "October 2026 (zh-CN copy)")),
    ],
  },
  {
    id: "claude-opus-5",
    aliases: [],
    displayName: "Claude Opus 5",
    family: "opus",
    status: "legacy",
    fastMode: fastModeOffered("Research preview."),
    usOnlyInference: US_ONLY_1_1,
    pricePeriods: [period("2026-07-24", OPUS_4_5_ROW, pricingPage)],
  },
  {
    id: "claude-opus-4-8",
    aliases: [],
    displayName: "Claude Opus 4.8",
    family: "opus",
    status: "legacy",
    fastMode: fastModeOffered("Deprecated 2026-10-30; removed 2026-11-30.", claudeCodeFastModePage),
    usOnlyInference: US_ONLY_1_1,
    pricePeriods: [period("2026-05-28", OPUS_4_5_ROW, pricingPage)],
  },
  {
    id: "claude-opus-4-7",
    aliases: [],
    displayName: "Claude Opus 4.7",
    family: "opus",
    status: "legacy",
    fastMode: fastModeOffered("Removed 2026-07-24 (deprecated 2026-06-25).", claudeCodeFastModePage),
    usOnlyInference: US_ONLY_1_1,
    pricePeriods: [period("2026-04-16", OPUS_4_5_ROW, pricingPage)],
  },
  {
    id: "claude-opus-4-6",
    aliases: [],
    displayName: "Claude Opus 4.6",
    family: "opus",
    status: "legacy",
    fastMode: fastModeOffered("Offered in research preview from February 2026; no longer listed.", fastModePage2026Feb),
    usOnlyInference: US_ONLY_1_1,
    pricePeriods: [period("2026-02-05", OPUS_4_5_ROW, pricingPage)],
  },
  {
    id: "claude-opus-4-5-20251101",
    aliases: ["claude-opus-4-5"],
    displayName: "Claude Opus 4.5",
    family: "opus",
    status: "legacy",
    fastMode: NO_FAST_MODE,
    usOnlyInference: US_ONLY_STANDARD,
    pricePeriods: [period("2025-11-24", OPUS_4_5_ROW, pricingPage)],
  },
  {
    id: "claude-opus-4-1-20250805",
    aliases: ["claude-opus-4-1"],
    displayName: "Claude Opus 4.1",
    family: "opus",
    status: "retired",
    lifecycleNote: "Retired on the Claude API; still served on Amazon Bedrock and Google Cloud.",
    fastMode: NO_FAST_MODE,
    usOnlyInference: US_ONLY_STANDARD,
    pricePeriods: [period("2025-08-05", OPUS_4_1_ROW, pricingPage)],
  },
  {
    id: "claude-opus-4-20250514",
    aliases: ["claude-opus-4-0"],
    displayName: "Claude Opus 4",
    family: "opus",
    status: "retired",
    lifecycleNote: "Retired on the Claude API on 2026-06-15; still served on Google Cloud.",
    fastMode: NO_FAST_MODE,
    usOnlyInference: US_ONLY_STANDARD,
    pricePeriods: [period("2025-05-22", OPUS_4_1_ROW, pricingPage)],
  },

  // ─── Sonnet ───
  {
    id: "claude-sonnet-5-5",
    aliases: [],
    displayName: "Claude Sonnet 5.5",
    family: "sonnet",
    status: "current",
    fastMode: NO_FAST_MODE,
    usOnlyInference: US_ONLY_1_1,
    pricePeriods: [
      period("2026-09-28", row("2", "2.50", "4", "0.20", "10"), modelPage("sonnet-5-5", "September 2026 (zh-CN copy)")),
      // Anthropic cut Sonnet 5.5 cache reads from 0.1x to 0.05x of input on 2026-10-07.
      period("2026-10-07", row("2", "2.50", "4", "0.10", "10"), {
        ...pricingPage,
        copyShows: "not in any stored official copy (all predate the change)",
        note: [
          "The $0.10 cache read and its 2026-10-07 date are from readings of the live pricing page",
          "that agree with each other: kurofune/claudit v1.9.2 (page read 2026-10-24),",
          "TheKrush/PromptFuel v1.0.23, mahype/token-stats v0.3.2 (2026-10-09), and the synaps",
          "crate's pricing docs quoting the page's 0.05x multiplier for Sonnet 5.5.",
        ].join(" "),
      }),
    ],
  },
  {
    id: "claude-sonnet-5",
    aliases: [],
    displayName: "Claude Sonnet 5",
    family: "sonnet",
    status: "legacy",
    lifecycleNote:
      "Launched at an introductory $2 / $10 announced to end 2026-08-31; Anthropic made it the " +
      "standard price and cancelled the increase to $3 / $15, so one period covers every date.",
    fastMode: NO_FAST_MODE,
    usOnlyInference: US_ONLY_1_1,
    pricePeriods: [period("2026-06-30", row("2", "2.50", "4", "0.20", "10"), pricingPage)],
  },
  {
    id: "claude-sonnet-4-6",
    aliases: [],
    displayName: "Claude Sonnet 4.6",
    family: "sonnet",
    status: "legacy",
    fastMode: NO_FAST_MODE,
    usOnlyInference: US_ONLY_1_1,
    pricePeriods: [period("2026-02-17", SONNET_4_ROW, pricingPageZh)],
  },
  {
    id: "claude-sonnet-4-5-20250929",
    aliases: ["claude-sonnet-4-5"],
    displayName: "Claude Sonnet 4.5",
    family: "sonnet",
    status: "legacy",
    lifecycleNote: "Deprecated; retires on the Claude API on 2026-11-30.",
    fastMode: NO_FAST_MODE,
    usOnlyInference: US_ONLY_STANDARD,
    pricePeriods: [{ ...period("2025-09-29", SONNET_4_ROW, pricingPageZh), longContext: SONNET_4_LONG_CONTEXT }],
  },
  {
    id: "claude-sonnet-4-20250514",
    aliases: ["claude-sonnet-4-0"],
    displayName: "Claude Sonnet 4",
    family: "sonnet",
    status: "retired",
    lifecycleNote: "Retired on the Claude API on 2026-06-15.",
    fastMode: NO_FAST_MODE,
    usOnlyInference: US_ONLY_STANDARD,
    pricePeriods: [{ ...period("2025-05-22", SONNET_4_ROW, pricingPage2025), longContext: SONNET_4_LONG_CONTEXT }],
  },
  {
    id: "claude-3-7-sonnet-20250219",
    aliases: ["claude-3-7-sonnet-latest"],
    displayName: "Claude Sonnet 3.7",
    family: "sonnet",
    status: "retired",
    lifecycleNote: "Retired on 2026-02-19.",
    fastMode: NO_FAST_MODE,
    usOnlyInference: US_ONLY_STANDARD,
    pricePeriods: [period("2025-02-24", SONNET_4_ROW, pricingPageZh)],
  },
  {
    id: "claude-3-5-sonnet-20241022",
    aliases: ["claude-3-5-sonnet-latest"],
    displayName: "Claude Sonnet 3.5",
    family: "sonnet",
    status: "retired",
    lifecycleNote: "Retired on 2025-10-28.",
    fastMode: NO_FAST_MODE,
    usOnlyInference: US_ONLY_STANDARD,
    pricePeriods: [period("2024-10-22", SONNET_4_ROW, pricingPage2025)],
  },
  {
    id: "claude-3-5-sonnet-20240620",
    aliases: [],
    displayName: "Claude Sonnet 3.5 (June 2024)",
    family: "sonnet",
    status: "retired",
    lifecycleNote: "Retired on 2025-10-28.",
    fastMode: NO_FAST_MODE,
    usOnlyInference: US_ONLY_STANDARD,
    pricePeriods: [period("2024-06-20", SONNET_4_ROW, pricingPage2025)],
  },

  // ─── Haiku ───
  {
    id: "claude-haiku-5-5",
    aliases: [],
    displayName: "Claude Haiku 5.5",
    family: "haiku",
    status: "current",
    fastMode: NO_FAST_MODE,
    usOnlyInference: US_ONLY_1_1,
    pricePeriods: [
      {
        ...period(
          "2026-10-07",
          row("0.10", "0.125", "0.20", "0.01", "0.50"),
          modelPage(
            "haiku-5-5",
            "October 2026 (ja, zh-TW copies)",
            [
              "Input, output, 5m and 1h write prices for both bands are on the stored official page;",
              "its excerpt cut off before the cache-read figures, so $0.01 / $0.05 are the pricing-page",
              "rows as quoted verbatim by several public test fixtures and by Surething-io/cockpit",
              "v1.0.282 and kurofune/claudit v1.9.2.",
            ].join(" "),
          ),
        ),
        // "for prompts over 100,000 tokens": input + cache writes + cache reads, every token repriced.
        longContext: { aboveInputTokens: 100_000, prices: row("0.50", "0.625", "1", "0.05", "2.50") },
      },
    ],
  },
  {
    id: "claude-haiku-4-5-20251001",
    aliases: ["claude-haiku-4-5"],
    displayName: "Claude Haiku 4.5",
    family: "haiku",
    status: "legacy",
    fastMode: NO_FAST_MODE,
    usOnlyInference: US_ONLY_STANDARD,
    pricePeriods: [period("2025-10-15", row("1", "1.25", "2", "0.10", "5"), pricingPageZh)],
  },
  {
    id: "claude-3-5-haiku-20241022",
    aliases: ["claude-3-5-haiku-latest"],
    displayName: "Claude Haiku 3.5",
    family: "haiku",
    status: "retired",
    lifecycleNote: "Retired on the Claude API; still served on Google Cloud.",
    fastMode: NO_FAST_MODE,
    usOnlyInference: US_ONLY_STANDARD,
    pricePeriods: [period("2024-11-04", row("0.80", "1", "1.6", "0.08", "4"), pricingPageZh)],
  },
  {
    id: "claude-3-opus-20240229",
    aliases: ["claude-3-opus-latest"],
    displayName: "Claude Opus 3",
    family: "opus",
    status: "retired",
    fastMode: NO_FAST_MODE,
    usOnlyInference: US_ONLY_STANDARD,
    pricePeriods: [period("2024-03-04", OPUS_4_1_ROW, pricingPageZh)],
  },
  {
    id: "claude-3-haiku-20240307",
    aliases: [],
    displayName: "Claude Haiku 3",
    family: "haiku",
    status: "legacy",
    lifecycleNote: "Lifecycle status after February 2026 not confirmed on an official page.",
    fastMode: NO_FAST_MODE,
    usOnlyInference: US_ONLY_STANDARD,
    pricePeriods: [period("2024-03-13", row("0.25", "0.30", "0.50", "0.03", "1.25"), pricingPageZh)],
  },
];
