import { describe, expect, test } from "vitest";
import type { SeoProduct } from "./product";
import { checkCatalogSeo, checkProductSeo, catalogContextOf, summarizeCatalogSeo } from "./seo-rules";

const WORDS_60 = Array.from({ length: 60 }, (_, index) => `word${index}`).join(" ");

function product(overrides: Partial<SeoProduct> = {}): SeoProduct {
  return {
    id: "gid://shopify/Product/1",
    title: "Ridgeline 2 Tent",
    handle: "ridgeline-2-tent",
    descriptionHtml: `<p>${WORDS_60}</p>`,
    productType: "Tents",
    vendor: "Alpine Supply",
    seoTitle: "Ridgeline 2 – Lightweight 2-Person Backpacking Tent", // 51 characters
    seoDescription:
      "A freestanding 3-season tent for two at 1.6 kg, with two doors, two vestibules and aluminium poles. Pitch fast.",
    images: [{ id: "gid://shopify/MediaImage/1", url: null, alt: "Ridgeline 2 Tent pitched, side view" }],
    imageCount: 1,
    ...overrides,
  };
}

const alone = (item: SeoProduct) => checkProductSeo(item, catalogContextOf([item]));
const codes = (item: SeoProduct) => alone(item).issues.map((issue) => issue.code);

describe("the rule-based SEO check", () => {
  test("a complete listing scores 100 with no issues", () => {
    expect(alone(product())).toMatchObject({ score: 100, issues: [], imagesMissingAlt: 0 });
  });

  test("missing meta tags are reported, and the title search engines show falls back to the product title", () => {
    const check = alone(product({ seoTitle: "", seoDescription: "" }));
    expect(check.issues.map((issue) => issue.code)).toEqual([
      "missing_meta_title",
      "meta_title_too_short",
      "missing_meta_description",
    ]);
    expect(check.effectiveTitle).toBe("Ridgeline 2 Tent");
    expect(check.effectiveDescription.startsWith("word0 word1")).toBe(true);
    expect(check.score).toBe(100 - 10 - 5 - 20);
  });

  test("a meta title over 60 characters is too long and one of exactly 60 is not", () => {
    expect(codes(product({ seoTitle: "x".repeat(60) }))).toEqual([]);
    const long = alone(product({ seoTitle: "x".repeat(61) }));
    expect(long.issues.map((issue) => issue.code)).toEqual(["meta_title_too_long"]);
    expect(long.issues[0]!.message).toBe(
      "The title search results show is 61 characters; Google cuts titles after about 60.",
    );
  });

  test("meta descriptions over 155 or under 70 characters are flagged with their length", () => {
    expect(codes(product({ seoDescription: "y".repeat(155) }))).toEqual([]);
    expect(alone(product({ seoDescription: "y".repeat(156) })).issues[0]!.message).toBe(
      "The meta description is 156 characters; Google shows about 155.",
    );
    expect(codes(product({ seoDescription: "Too short." }))).toEqual(["meta_description_too_short"]);
  });

  test("characters are counted as people see them, not as UTF-16 units", () => {
    expect(codes(product({ seoTitle: "🏕".repeat(60) }))).toEqual([]);
  });

  test("two products with the same title in search results (ignoring case and spaces) are both flagged", () => {
    const described = (id: number, seoTitle?: string) =>
      product({
        id: `gid://shopify/Product/${id}`,
        seoDescription: `Listing ${id}: a freestanding 3-season tent for two at 1.6 kg with two doors.`,
        ...(seoTitle ? { seoTitle } : {}),
      });
    const first = described(1, "Trail Tent | Alpine Supply Lightweight Tents");
    const second = described(2, "trail tent |  alpine supply lightweight tents ");
    const third = described(3);
    const [a, b, c] = checkCatalogSeo([first, second, third]);
    expect(a!.issues.map((issue) => issue.code)).toEqual(["duplicate_meta_title"]);
    expect(a!.issues[0]!.message).toBe("1 other product has the same title in search results.");
    expect(b!.issues.map((issue) => issue.code)).toEqual(["duplicate_meta_title"]);
    expect(c!.issues).toEqual([]);
  });

  test("a shared meta description is flagged, but two empty ones are only missing", () => {
    const shared = "The same description on every product, which search engines treat as duplicate content.";
    const checks = checkCatalogSeo([
      product({
        id: "gid://shopify/Product/1",
        seoDescription: shared,
        seoTitle: "Alpha Tent – Lightweight Backpacking Tent",
      }),
      product({
        id: "gid://shopify/Product/2",
        seoDescription: shared,
        seoTitle: "Beta Tent – Lightweight Backpacking Tent",
      }),
      product({
        id: "gid://shopify/Product/3",
        seoDescription: "",
        seoTitle: "Gamma Tent – Lightweight Backpacking Tent",
      }),
      product({
        id: "gid://shopify/Product/4",
        seoDescription: "",
        seoTitle: "Delta Tent – Lightweight Backpacking Tent",
      }),
    ]);
    expect(checks.map((check) => check.issues.map((issue) => issue.code))).toEqual([
      ["duplicate_meta_description"],
      ["duplicate_meta_description"],
      ["missing_meta_description"],
      ["missing_meta_description"],
    ]);
  });

  test("a description under 50 words is thin, counted from its text and not its HTML", () => {
    const thin = alone(
      product({ descriptionHtml: "<p><strong>Light</strong> &amp; strong.</p><ul><li>1.6 kg</li></ul>" }),
    );
    expect(thin.issues).toEqual([
      {
        code: "thin_description",
        severity: "medium",
        message: "The description has only 5 words; aim for at least 50.",
        penalty: 15,
      },
    ]);
    expect(codes(product({ descriptionHtml: "" }))).toEqual(["thin_description"]);
    expect(alone(product({ descriptionHtml: "" })).issues[0]!.severity).toBe("high");
  });

  test("images without alt text cost 5 points each, at most 20, and a product without images is flagged", () => {
    const images = Array.from({ length: 6 }, (_, index) => ({
      id: `gid://shopify/MediaImage/${index}`,
      url: null,
      alt: index === 0 ? "Front view" : " ",
    }));
    const check = alone(product({ images, imageCount: 6 }));
    expect(check.imagesMissingAlt).toBe(5);
    expect(check.issues).toEqual([
      { code: "missing_alt_text", severity: "medium", message: "5 images of 6 have no alt text.", penalty: 20 },
    ]);
    expect(codes(product({ images: [], imageCount: 0 }))).toEqual(["no_images"]);
  });

  test("the catalog summary counts products per issue, most common first", () => {
    const checks = checkCatalogSeo([
      product({ id: "gid://shopify/Product/1", seoDescription: "" }),
      product({
        id: "gid://shopify/Product/2",
        seoDescription: "",
        seoTitle: "Other Tent – Lightweight Backpacking Tent",
        images: [{ id: "m", url: null, alt: "" }],
      }),
      product({ id: "gid://shopify/Product/3", seoTitle: "Third Tent – Lightweight Backpacking Tent" }),
    ]);
    expect(summarizeCatalogSeo(checks)).toEqual({
      products: 3,
      productsWithIssues: 2,
      averageScore: Math.round((80 + 75 + 100) / 3),
      imagesMissingAlt: 1,
      issueCounts: [
        { code: "missing_meta_description", products: 2 },
        { code: "missing_alt_text", products: 1 },
      ],
    });
  });
});
