import { plainText, wordCount, type SeoProduct } from "./product";

/**
 * The rule-based SEO check: fast, free and explainable, run over the whole catalog on every page load. Claude's
 * audit (analyze_product) goes further; these rules give every product a score with reasons a merchant can act on.
 *
 * The lengths follow Google's guidance: titles are cut at about 600 px (≈ 60 characters), snippets at about 920 px
 * (≈ 155 characters). Shorter than about 30 / 70 characters wastes the space search results give a listing.
 */
export const META_TITLE_MAX = 60;
const META_TITLE_MIN = 30;
export const META_DESCRIPTION_MAX = 155;
const META_DESCRIPTION_MIN = 70;
/** Alt text longer than this is cut short by some screen readers. */
export const ALT_TEXT_MAX = 125;
/** Fewer words than this is a thin description: too little for search engines (and shoppers) to go on. */
const THIN_DESCRIPTION_WORDS = 50;
/** Shopify's own limits for what the admin accepts (a merchant's edit may go past the guidance, not past these). */
export const SHOPIFY_SEO_TITLE_LIMIT = 70;
export const SHOPIFY_SEO_DESCRIPTION_LIMIT = 320;
export const SHOPIFY_ALT_TEXT_LIMIT = 512;

export type SeoIssueCode =
  | "missing_meta_title"
  | "meta_title_too_long"
  | "meta_title_too_short"
  | "duplicate_meta_title"
  | "missing_meta_description"
  | "meta_description_too_long"
  | "meta_description_too_short"
  | "duplicate_meta_description"
  | "thin_description"
  | "missing_alt_text"
  | "no_images";

export type SeoSeverity = "high" | "medium" | "low";

export interface SeoIssue {
  code: SeoIssueCode;
  severity: SeoSeverity;
  /** One sentence the merchant reads, with the numbers that matter. */
  message: string;
  /** Points taken off the product's 100. */
  penalty: number;
}

export interface ProductSeoCheck {
  productId: string;
  /** 0–100: 100 minus the issues' penalties. */
  score: number;
  issues: SeoIssue[];
  /** What search engines show as the title and snippet, after Shopify's fallbacks. */
  effectiveTitle: string;
  effectiveDescription: string;
  imagesMissingAlt: number;
}

export function textLength(text: string): number {
  return [...text].length;
}

function normalized(text: string): string {
  return text.trim().replace(/\s+/g, " ").toLowerCase();
}

/** Products grouped by a normalized text; only texts shared by two or more products are kept. */
function duplicatesBy(products: readonly SeoProduct[], textOf: (product: SeoProduct) => string): Map<string, string[]> {
  const byText = new Map<string, string[]>();
  for (const product of products) {
    const key = normalized(textOf(product));
    if (!key) continue;
    byText.set(key, [...(byText.get(key) ?? []), product.id]);
  }
  for (const [key, ids] of byText) if (ids.length < 2) byText.delete(key);
  return byText;
}

export interface CatalogContext {
  duplicateTitles: Map<string, string[]>;
  duplicateDescriptions: Map<string, string[]>;
}

/** What duplicate checks need to know about the rest of the catalog. */
export function catalogContextOf(products: readonly SeoProduct[]): CatalogContext {
  return {
    duplicateTitles: duplicatesBy(products, (product) => product.seoTitle || product.title),
    duplicateDescriptions: duplicatesBy(products, (product) => product.seoDescription),
  };
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function titleIssues(product: SeoProduct, effectiveTitle: string, context: CatalogContext): SeoIssue[] {
  const issues: SeoIssue[] = [];
  const length = textLength(effectiveTitle);
  if (!product.seoTitle.trim()) {
    issues.push({
      code: "missing_meta_title",
      severity: "medium",
      message: "No meta title: search results show the product title instead.",
      penalty: 10,
    });
  }
  if (length > META_TITLE_MAX) {
    issues.push({
      code: "meta_title_too_long",
      severity: "medium",
      message: `The title search results show is ${length} characters; Google cuts titles after about ${META_TITLE_MAX}.`,
      penalty: 10,
    });
  } else if (length < META_TITLE_MIN) {
    issues.push({
      code: "meta_title_too_short",
      severity: "low",
      message: `The title search results show is only ${length} characters; ${META_TITLE_MIN}–${META_TITLE_MAX} uses the space well.`,
      penalty: 5,
    });
  }
  const sharedWith = (context.duplicateTitles.get(normalized(effectiveTitle)) ?? []).length - 1;
  if (sharedWith > 0) {
    issues.push({
      code: "duplicate_meta_title",
      severity: "high",
      message: `${plural(sharedWith, "other product")} ${sharedWith === 1 ? "has" : "have"} the same title in search results.`,
      penalty: 15,
    });
  }
  return issues;
}

function descriptionIssues(product: SeoProduct, context: CatalogContext): SeoIssue[] {
  const issues: SeoIssue[] = [];
  const meta = product.seoDescription.trim();
  const length = textLength(meta);
  if (!meta) {
    issues.push({
      code: "missing_meta_description",
      severity: "high",
      message: "No meta description: search engines make up a snippet from the page.",
      penalty: 20,
    });
  } else if (length > META_DESCRIPTION_MAX) {
    issues.push({
      code: "meta_description_too_long",
      severity: "medium",
      message: `The meta description is ${length} characters; Google shows about ${META_DESCRIPTION_MAX}.`,
      penalty: 10,
    });
  } else if (length < META_DESCRIPTION_MIN) {
    issues.push({
      code: "meta_description_too_short",
      severity: "low",
      message: `The meta description is only ${length} characters; ${META_DESCRIPTION_MIN}–${META_DESCRIPTION_MAX} gives shoppers a reason to click.`,
      penalty: 5,
    });
  }
  const sharedWith = meta ? (context.duplicateDescriptions.get(normalized(meta)) ?? []).length - 1 : 0;
  if (sharedWith > 0) {
    issues.push({
      code: "duplicate_meta_description",
      severity: "high",
      message: `${plural(sharedWith, "other product")} ${sharedWith === 1 ? "uses" : "use"} the same meta description.`,
      penalty: 15,
    });
  }
  const words = wordCount(plainText(product.descriptionHtml));
  if (words < THIN_DESCRIPTION_WORDS) {
    issues.push({
      code: "thin_description",
      severity: words === 0 ? "high" : "medium",
      message:
        words === 0
          ? "The product has no description."
          : `The description has only ${plural(words, "word")}; aim for at least ${THIN_DESCRIPTION_WORDS}.`,
      penalty: words === 0 ? 20 : 15,
    });
  }
  return issues;
}

function imageIssues(product: SeoProduct): { issues: SeoIssue[]; missing: number } {
  if (product.imageCount === 0) {
    return {
      issues: [{ code: "no_images", severity: "medium", message: "The product has no images.", penalty: 10 }],
      missing: 0,
    };
  }
  const missing = product.images.filter((image) => !image.alt.trim()).length;
  if (missing === 0) return { issues: [], missing };
  return {
    issues: [
      {
        code: "missing_alt_text",
        severity: "medium",
        message: `${plural(missing, "image")} of ${product.images.length} ${missing === 1 ? "has" : "have"} no alt text.`,
        penalty: Math.min(20, 5 * missing),
      },
    ],
    missing,
  };
}

/** Scores one product against the rules, with the rest of the catalog for the duplicate checks. */
export function checkProductSeo(product: SeoProduct, context: CatalogContext): ProductSeoCheck {
  const effectiveTitle = product.seoTitle.trim() || product.title.trim();
  const effectiveDescription = product.seoDescription.trim() || plainText(product.descriptionHtml).slice(0, 320);
  const images = imageIssues(product);
  const issues = [
    ...titleIssues(product, effectiveTitle, context),
    ...descriptionIssues(product, context),
    ...images.issues,
  ];
  const score = Math.max(0, 100 - issues.reduce((sum, issue) => sum + issue.penalty, 0));
  return {
    productId: product.id,
    score,
    issues,
    effectiveTitle,
    effectiveDescription,
    imagesMissingAlt: images.missing,
  };
}

export function checkCatalogSeo(products: readonly SeoProduct[]): ProductSeoCheck[] {
  const context = catalogContextOf(products);
  return products.map((product) => checkProductSeo(product, context));
}

export interface CatalogSeoSummary {
  products: number;
  productsWithIssues: number;
  averageScore: number;
  imagesMissingAlt: number;
  /** How many products have each issue, most common first. */
  issueCounts: Array<{ code: SeoIssueCode; products: number }>;
}

export function summarizeCatalogSeo(checks: readonly ProductSeoCheck[]): CatalogSeoSummary {
  const counts = new Map<SeoIssueCode, number>();
  for (const check of checks)
    for (const issue of check.issues) counts.set(issue.code, (counts.get(issue.code) ?? 0) + 1);
  const total = checks.reduce((sum, check) => sum + check.score, 0);
  return {
    products: checks.length,
    productsWithIssues: checks.filter((check) => check.issues.length > 0).length,
    averageScore: checks.length === 0 ? 100 : Math.round(total / checks.length),
    imagesMissingAlt: checks.reduce((sum, check) => sum + check.imagesMissingAlt, 0),
    issueCounts: [...counts].map(([code, products]) => ({ code, products })).sort((a, b) => b.products - a.products),
  };
}

/** The issues a meta-tag fix can solve, and the ones only alt text solves: which run a product needs. */
const META_ISSUES: ReadonlySet<SeoIssueCode> = new Set([
  "missing_meta_title",
  "meta_title_too_long",
  "meta_title_too_short",
  "duplicate_meta_title",
  "missing_meta_description",
  "meta_description_too_long",
  "meta_description_too_short",
  "duplicate_meta_description",
]);

export function needsMetaFix(check: ProductSeoCheck): boolean {
  return check.issues.some((issue) => META_ISSUES.has(issue.code));
}
