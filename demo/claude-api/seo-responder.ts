import { defaultReply, forcedTool } from "./responder";
import { usageAdvice, usageFiguresIn } from "./usage-advice";
import type { MessagesRequestBody, Responder, StubReply } from "./types";
import {
  ALT_TEXT_TOOL,
  AUDIT_TOOL,
  FINDING_TEXT_MAX,
  META_TOOL,
  ALT_TEXT_MAX,
  META_DESCRIPTION_MAX,
  META_TITLE_MAX,
} from "~/lib/seo";

/**
 * The demo's stand-in for Claude on SEO work. It reads the request the way the model would (the forced tool, the
 * product JSON between <product> tags, the image between <image> tags, the automatic checks' findings) and answers
 * with plausible, product-specific text inside every length limit, so the demo's audits, meta tags and alt text
 * look like real work. Anything else gets the stub's default answer. The SEO tests answer with it too.
 */

interface ProductFacts {
  id: string;
  title: string;
  handle: string;
  productType: string;
  vendor: string;
  description: string;
  metaTitle: string;
  metaDescription: string;
  images: Array<{ position: number; alt: string }>;
}

interface ImageFacts {
  position: number;
  of: number;
}

const SINGULAR_TYPES: Record<string, string> = {
  Tents: "Tent",
  "Sleeping Bags": "Sleeping Bag",
  "Sleeping Pads": "Sleeping Pad",
  Backpacks: "Backpack",
  Jackets: "Jacket",
  "Base Layers": "Base Layer",
  Footwear: "Hiking Footwear",
  "Trekking Poles": "Trekking Poles",
  Headlamps: "Headlamp",
  "Stoves & Cookware": "Camp Cookware",
  Hydration: "Hydration Gear",
  Accessories: "Outdoor Gear",
};

const DETAILS: Record<string, string> = {
  Tents: "door and vestibule",
  "Sleeping Bags": "hood and zip",
  "Sleeping Pads": "valve and surface",
  Backpacks: "hip belt and back panel",
  Jackets: "hood and chest pocket",
  "Base Layers": "fabric and seams",
  Footwear: "outsole tread",
  "Trekking Poles": "grip and strap",
  Headlamps: "lamp and buttons",
  "Stoves & Cookware": "burner and handles",
  Hydration: "cap and opening",
  Accessories: "materials and closures",
};

const SCENES: Record<string, string> = {
  Tents: "pitched at a lakeside campsite",
  "Sleeping Bags": "laid out inside a tent",
  "Sleeping Pads": "inflated inside a tent",
  Backpacks: "worn by a hiker on a mountain trail",
  Jackets: "worn by a hiker on a windy ridge",
  "Base Layers": "worn on a cold morning hike",
  Footwear: "on a rocky mountain trail",
  "Trekking Poles": "in use on a steep descent",
  Headlamps: "lighting a trail at dusk",
  "Stoves & Cookware": "in use at a camp kitchen",
  Hydration: "beside a mountain stream",
  Accessories: "packed for a day in the hills",
};

function userText(body: MessagesRequestBody): string {
  const last = [...body.messages].reverse().find((message) => message.role === "user");
  if (!last) return "";
  if (typeof last.content === "string") return last.content;
  return last.content.map((block) => (block.type === "text" ? block.text : "")).join("\n");
}

function tagged<T>(text: string, tag: string): T | null {
  const match = new RegExp(`<${tag}>\\s*([\\s\\S]*?)\\s*</${tag}>`).exec(text);
  if (!match?.[1]) return null;
  try {
    return JSON.parse(match[1]) as T;
  } catch {
    return null;
  }
}

const length = (text: string) => [...text].length;

/** `text` cut at a word boundary to at most `max` characters, with trailing punctuation tidied. */
function clip(text: string, max: number): string {
  if (length(text) <= max) return text;
  const cut = [...text].slice(0, max + 1).join("");
  const space = cut.lastIndexOf(" ");
  return (space > max / 2 ? cut.slice(0, space) : cut.slice(0, max)).replace(/[\s,;:–-]+$/, "");
}

function sentences(text: string): string[] {
  // A full stop ends a sentence only before a space and a capital ("R-value of 4.2" stays whole).
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"“])/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** The product title without the clauses that make it long ("… with Snow Flaps and Vestibule"). */
function coreTitle(title: string): string {
  const core = title.split(/\s+(?:with|for)\s+|,\s*/i)[0] ?? title;
  return clip(core.trim(), META_TITLE_MAX);
}

export function demoMetaTitle(product: ProductFacts): string {
  const core = coreTitle(product.title);
  const type = SINGULAR_TYPES[product.productType] ?? product.productType;
  const typeWord = (type.split(" ").pop() ?? "").toLowerCase();
  const withType = typeWord && !core.toLowerCase().includes(typeWord) ? `${core} – ${type}` : core;
  const base = length(withType) <= META_TITLE_MAX ? withType : core;
  const branded = `${base} | ${product.vendor}`;
  return length(branded) <= META_TITLE_MAX ? branded : base;
}

export function demoMetaDescription(product: ProductFacts): string {
  const [first = "", second = ""] = sentences(product.description);
  let text = first ? `${product.title}: ${lowerFirst(first)}` : `${product.title} from ${product.vendor}.`;
  if (length(text) > META_DESCRIPTION_MAX) text = first;
  if (second && length(`${text} ${second}`) <= META_DESCRIPTION_MAX) text = `${text} ${second}`;
  if (length(text) < 90) {
    const type = (SINGULAR_TYPES[product.productType] ?? product.productType).toLowerCase();
    const extra = `Shop ${product.vendor}'s ${type}, built for days outdoors.`;
    if (length(`${text} ${extra}`) <= META_DESCRIPTION_MAX) text = `${text} ${extra}`;
  }
  if (length(text) > META_DESCRIPTION_MAX) text = `${clip(text, META_DESCRIPTION_MAX - 1)}.`;
  return text;
}

export function demoAltText(product: ProductFacts, image: ImageFacts): string {
  const name = coreTitle(product.title);
  const type = product.productType;
  const text =
    image.position === 1
      ? `${name} on a plain background, front view`
      : image.position === 2
        ? `Close-up of the ${DETAILS[type] ?? "details"} on the ${name}`
        : image.position === 3
          ? `${name} ${SCENES[type] ?? "in use outdoors"}`
          : `${name}, alternate view ${image.position} of ${image.of}`;
  return clip(text, ALT_TEXT_MAX);
}

type Area = "meta_title" | "meta_description" | "description" | "images" | "url_handle" | "structure";
interface Finding {
  area: Area;
  severity: "high" | "medium" | "low";
  problem: string;
  recommendation: string;
}

function checksFound(text: string): string[] {
  const section = text.split(/automatic checks found:/i)[1] ?? "";
  return section
    .split("\n")
    .map((line) => line.replace(/^\s*-\s*/, "").trim())
    .filter((line) => line && line !== "none");
}

function findingFor(check: string, product: ProductFacts): Finding {
  const fit = (text: string) => clip(text, FINDING_TEXT_MAX);
  const lower = check.toLowerCase();
  if (lower.includes("alt text")) {
    const example = demoAltText(product, { position: 1, of: product.images.length });
    return {
      area: "images",
      severity: "medium",
      problem: fit(check),
      recommendation: fit(
        `Describe each image in plain words, starting with the product: for the first image, "${example}".`,
      ),
    };
  }
  if (lower.includes("no images")) {
    return {
      area: "images",
      severity: "medium",
      problem: fit(check),
      recommendation:
        "Add at least three images: the product on a plain background, a detail close-up and the product in use.",
    };
  }
  if (lower.includes("meta description") || lower.includes("snippet")) {
    const severity =
      lower.includes("no meta description") || lower.includes("same meta description") ? "high" : "medium";
    return {
      area: "meta_description",
      severity,
      problem: fit(check),
      recommendation: fit(`Use a unique meta description such as "${demoMetaDescription(product)}"`),
    };
  }
  if (lower.includes("title")) {
    const severity = lower.includes("same title") ? "high" : "medium";
    const title = demoMetaTitle(product);
    return {
      area: "meta_title",
      severity,
      problem: fit(check),
      recommendation: fit(`Change the meta title to "${title}" (${length(title)} characters).`),
    };
  }
  if (lower.includes("description")) {
    return {
      area: "description",
      severity: lower.includes("no description") ? "high" : "medium",
      problem: fit(check),
      recommendation: fit(
        `Expand the description to at least 50 words: say who the ${product.title} is for, what it is made of, its weight and size, and how to care for it. A short spec list helps shoppers scan.`,
      ),
    };
  }
  return {
    area: "structure",
    severity: "low",
    problem: fit(check),
    recommendation: "Fix this in the product's Search engine listing section in Shopify admin.",
  };
}

export function demoAudit(product: ProductFacts, checks: readonly string[]) {
  const findings = checks.slice(0, 7).map((check) => findingFor(check, product));
  if (product.handle.length > 60) {
    findings.push({
      area: "url_handle",
      severity: "low",
      problem: `The URL handle is ${product.handle.length} characters long.`,
      recommendation: clip(
        `Shorten the handle to "${coreTitle(product.title)
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")}" and add a redirect from the old URL.`,
        FINDING_TEXT_MAX,
      ),
    });
  }
  if (findings.length === 0) {
    findings.push({
      area: "description",
      severity: "low",
      problem: "The listing covers the basics well; buyers' remaining questions are about fit and what is included.",
      recommendation: `Add a short "What's included" line and a care note to the ${product.title} description.`,
    });
  }
  const score = Math.max(15, 96 - checks.length * 14);
  const top = findings[0]!;
  const summary = clip(
    checks.length === 0
      ? `${product.title} is in good shape for search; only small refinements remain.`
      : `${product.title} has ${checks.length} SEO ${checks.length === 1 ? "gap" : "gaps"}. The most valuable fix is the ${top.area.replace("_", " ")}: ${lowerFirst(top.recommendation)}`,
    400,
  );
  return { score, summary, findings };
}

/** The demo's Claude: SEO answers for the SEO tools, advice on the shop's usage figures, the stub's default for the rest. */
export const seoDemoResponder: Responder = (body): StubReply => {
  const tool = forcedTool(body);
  const text = userText(body);
  const figures = tool ? null : usageFiguresIn(text);
  if (figures) return { content: [{ type: "text", text: usageAdvice(figures) }] };
  const product = tagged<ProductFacts>(text, "product");
  if (!tool || !product) return defaultReply(body);
  switch (tool.name) {
    case META_TOOL: {
      const metaTitle = demoMetaTitle(product);
      const core = coreTitle(product.title);
      const type = SINGULAR_TYPES[product.productType] ?? "";
      const keyword = core.toLowerCase().includes((type.split(" ").pop() ?? "").toLowerCase())
        ? core
        : `${core} ${type}`;
      const focusKeyword = clip(keyword.trim().toLowerCase(), 60);
      return {
        content: [
          {
            type: "tool_use",
            name: META_TOOL,
            input: { metaTitle, metaDescription: demoMetaDescription(product), focusKeyword },
          },
        ],
      };
    }
    case ALT_TEXT_TOOL: {
      const image = tagged<ImageFacts>(text, "image") ?? { position: 1, of: product.images.length };
      return { content: [{ type: "tool_use", name: ALT_TEXT_TOOL, input: { altText: demoAltText(product, image) } }] };
    }
    case AUDIT_TOOL:
      return { content: [{ type: "tool_use", name: AUDIT_TOOL, input: demoAudit(product, checksFound(text)) }] };
    default:
      return defaultReply(body);
  }
};
