import type { Tool, ToolUnion } from "@anthropic-ai/sdk/resources/messages";
import { newServerToolUseId, newThinkingSignature } from "./ids";
import { sampleFromJsonSchema } from "./json-schema-sample";
import type { MessagesRequestBody, Responder, StubContentBlock, StubReply } from "./types";
import { hashString, isRecord } from "./values";

/**
 * The default responder, a stand-in for the model:
 *  - `tool_choice: {type:"tool", name}` (or `{type:"any"}` with custom tools) → one `tool_use` block whose input is
 *    synthesized from the tool's `input_schema`;
 *  - `output_config.format` (structured outputs) → a text block holding JSON that fits the schema;
 *  - otherwise a short SEO-flavoured text answer, preceded by a web search (`server_tool_use` +
 *    `web_search_tool_result`) when a web_search tool is offered, and by a thinking block when thinking is enabled.
 * `stop_reason` and `max_tokens` truncation are left to the message builder.
 */

const SUBJECTS = [
  "Organic Cotton Tee",
  "Handcrafted Leather Wallet",
  "Ceramic Pour-Over Set",
  "Merino Wool Beanie",
  "Bamboo Cutting Board",
  "Linen Throw Pillow",
];

export const defaultResponder: Responder = (body) => defaultReply(body);

export function defaultReply(body: MessagesRequestBody): StubReply {
  const subject = subjectFor(body);
  const forced = forcedTool(body);
  if (forced) {
    return {
      content: [{ type: "tool_use", name: forced.name, input: sampleFromJsonSchema(forced.input_schema, { subject }) }],
    };
  }

  const content: StubContentBlock[] = [];
  const thinking = body.thinking?.type;
  if (thinking === "enabled" || thinking === "adaptive") {
    const omitted = isRecord(body.thinking) && body.thinking.display === "omitted";
    content.push({
      type: "thinking",
      thinking: omitted
        ? ""
        : `The merchant wants better search visibility for the ${subject.toLowerCase()}. The primary keyword should lead the title, the meta description should state the main benefit within 160 characters, and image alt text should describe the product plainly.`,
      signature: newThinkingSignature(),
    });
  }

  if (body.tool_choice?.type !== "none" && (body.tools ?? []).some(isWebSearchTool)) {
    const id = newServerToolUseId();
    const query = `${subject.toLowerCase()} best sellers`;
    content.push({ type: "server_tool_use", id, name: "web_search", input: { query } });
    content.push({
      type: "web_search_tool_result",
      tool_use_id: id,
      content: [
        {
          type: "web_search_result",
          title: `Best ${subject} of 2025 – Buyer's Guide`,
          url: `https://reviews.example.com/best-${subject.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`,
          page_age: "2 weeks ago",
          encrypted_content: `Eu${hashString(query)}${hashString(subject)}`,
        },
      ],
    });
  }

  const format = body.output_config?.format;
  if (format?.type === "json_schema") {
    content.push({ type: "text", text: JSON.stringify(sampleFromJsonSchema(format.schema, { subject })) });
  } else {
    content.push({ type: "text", text: seoAnswer(subject) });
  }
  return { content };
}

/** The custom tool the request forces, if any (`tool_choice` `tool`, or `any` → the first custom tool). */
export function forcedTool(body: Pick<MessagesRequestBody, "tools" | "tool_choice">): Tool | undefined {
  const custom = (body.tools ?? []).filter(isCustomTool);
  const choice = body.tool_choice;
  if (choice?.type === "tool") return custom.find((tool) => tool.name === choice.name);
  if (choice?.type === "any") return custom[0];
  return undefined;
}

export function isCustomTool(tool: ToolUnion): tool is Tool {
  return "input_schema" in tool && (tool.type === undefined || tool.type === null || tool.type === "custom");
}

export function isWebSearchTool(tool: ToolUnion): boolean {
  return typeof tool.type === "string" && tool.type.startsWith("web_search_");
}

function subjectFor(body: MessagesRequestBody): string {
  const last = [...body.messages].reverse().find((message) => message.role === "user");
  const text =
    typeof last?.content === "string"
      ? last.content
      : (last?.content ?? []).map((block) => (block.type === "text" ? block.text : "")).join(" ");
  const digest = hashString(text);
  return SUBJECTS[parseInt(digest.slice(-6), 16) % SUBJECTS.length] as string;
}

function seoAnswer(subject: string): string {
  return (
    `Here is an SEO recommendation for the ${subject.toLowerCase()}. ` +
    `Title: "${subject} | Soft, Breathable Everyday Essential" (under 60 characters, primary keyword first). ` +
    `Meta description: "Shop the ${subject.toLowerCase()}: made to last, with free shipping over $50 and easy 30-day returns." ` +
    `Add descriptive alt text to each product image and link the product from its main collection page.`
  );
}
