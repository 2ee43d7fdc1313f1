import type { Message } from "@anthropic-ai/sdk/resources/messages";
import { describe, expect, test } from "vitest";
import { auditAnswerSchema, altTextAnswerSchema, metaAnswerSchema, parseToolAnswer, SeoAnswerError } from "./answers";
import { SEO_TOOLS } from "./tools";

function message(content: unknown[], stop_reason: Message["stop_reason"] = "tool_use"): Message {
  return {
    id: "msg_01",
    type: "message",
    role: "assistant",
    model: "claude-haiku-5-5",
    content,
    stop_reason,
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 10 },
  } as unknown as Message;
}

const toolUse = (name: string, input: unknown) => ({ type: "tool_use", id: "toolu_01", name, input });
const meta = {
  metaTitle: "Ridgeline 2 – Lightweight 2-Person Backpacking Tent",
  metaDescription: "A freestanding tent for two at 1.6 kg.",
  focusKeyword: "backpacking tent",
};

describe("parsing Claude's SEO answers", () => {
  test("a forced tool's valid input is returned, tidied (spaces collapsed, wrapping quotes removed)", () => {
    const answer = parseToolAnswer(
      message([toolUse("write_meta_tags", { ...meta, metaTitle: ` "Ridgeline 2 –\n Lightweight Tent" ` })]),
      "write_meta_tags",
      metaAnswerSchema,
    );
    expect(answer).toEqual({ ...meta, metaTitle: "Ridgeline 2 – Lightweight Tent" });
  });

  const malformed: Array<[string, Message, string]> = [
    [
      "no tool_use block",
      message([{ type: "text", text: "Here are some ideas…" }], "end_turn"),
      "Claude did not answer with the write_meta_tags tool.",
    ],
    [
      "another tool",
      message([toolUse("write_alt_text", { altText: "x" })]),
      "Claude did not answer with the write_meta_tags tool.",
    ],
    [
      "input that is not valid JSON",
      message([toolUse("write_meta_tags", "{metaTitle: oops")]),
      "Claude's write_meta_tags answer was not valid JSON.",
    ],
    [
      "a missing field",
      message([toolUse("write_meta_tags", { metaTitle: "Only a title here" })]),
      "Claude's write_meta_tags answer was not usable: metaDescription Required.",
    ],
    [
      "a meta title over 60 characters",
      message([toolUse("write_meta_tags", { ...meta, metaTitle: "x".repeat(61) })]),
      "Claude's write_meta_tags answer was not usable: metaTitle is longer than 60 characters.",
    ],
    [
      "an empty meta description",
      message([toolUse("write_meta_tags", { ...meta, metaDescription: "   " })]),
      "Claude's write_meta_tags answer was not usable: metaDescription is empty.",
    ],
    [
      "an answer cut off at max_tokens",
      message([toolUse("write_meta_tags", meta)], "max_tokens"),
      "Claude's answer was cut off at the token limit before it was complete.",
    ],
  ];

  test.each(malformed)("%s is a SeoAnswerError with a reason the merchant can read", (_name, answer, reason) => {
    expect(() => parseToolAnswer(answer, "write_meta_tags", metaAnswerSchema)).toThrow(new SeoAnswerError(reason));
  });

  test("alt text over 125 characters and audits with unknown areas are refused", () => {
    expect(() =>
      parseToolAnswer(
        message([toolUse("write_alt_text", { altText: "a".repeat(126) })]),
        "write_alt_text",
        altTextAnswerSchema,
      ),
    ).toThrow("altText is longer than 125 characters");
    const audit = {
      score: 40,
      summary: "Thin listing.",
      findings: [{ area: "pricing", severity: "high", problem: "x", recommendation: "y" }],
    };
    expect(() =>
      parseToolAnswer(message([toolUse("record_product_audit", audit)]), "record_product_audit", auditAnswerSchema),
    ).toThrow(
      new SeoAnswerError(
        "Claude's record_product_audit answer was not usable: findings.0.area Invalid enum value. Expected 'meta_title' | 'meta_description' | 'description' | 'images' | 'url_handle' | 'structure', received 'pricing'.",
      ),
    );
  });

  test("an audit of the wrong shape names its first three problems in the words the merchant has always seen", () => {
    const audit = { score: 40.5, summary: " ", findings: [] };
    expect(() =>
      parseToolAnswer(message([toolUse("record_product_audit", audit)]), "record_product_audit", auditAnswerSchema),
    ).toThrow(
      new SeoAnswerError(
        "Claude's record_product_audit answer was not usable: score Expected integer, received float; summary is empty; findings Array must contain at least 1 element(s).",
      ),
    );
  });

  test("the tools' JSON schemas ask for the limits the validation enforces", () => {
    const metaTool = SEO_TOOLS.find((tool) => tool.name === "write_meta_tags")!;
    const properties = metaTool.input_schema.properties as Record<string, { maxLength?: number }>;
    expect(properties.metaTitle?.maxLength).toBe(60);
    expect(properties.metaDescription?.maxLength).toBe(155);
    const altTool = SEO_TOOLS.find((tool) => tool.name === "write_alt_text")!;
    expect((altTool.input_schema.properties as Record<string, { maxLength?: number }>).altText?.maxLength).toBe(125);
  });
});
