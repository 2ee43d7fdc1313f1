import { describe, expect, test } from "vitest";
import { isStorableText, storableText } from "./index";

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });
/** Valid UTF-8 round-trips through a fatal decoder; invalid (a lone surrogate) does not. */
const validUtf8 = (text: string) => decoder.decode(encoder.encode(text)) === text;

describe("storable text", () => {
  test("a cut never splits an emoji: the pair stays whole or goes", () => {
    const message = `${"x".repeat(1_999)}😀 and more`;
    expect(message.slice(0, 2_000).isWellFormed()).toBe(false);
    const cut = storableText(message, 2_000);
    expect(cut).toBe(`${"x".repeat(1_999)}😀`);
    expect(validUtf8(cut)).toBe(true);
  });

  test("lone surrogates become U+FFFD and NUL is removed", () => {
    const broken = `bad \ud83d half and \u0000nul`;
    expect(storableText(broken, 100)).toBe("bad \ufffd half and nul");
    expect(validUtf8(storableText(broken, 100))).toBe(true);
    expect(isStorableText(broken, 100)).toBe(false);
    expect(isStorableText("plain ✓ text 😀", 100)).toBe(true);
  });

  test("the limit counts characters, not UTF-16 units", () => {
    expect(storableText("😀😀😀", 2)).toBe("😀😀");
    expect(storableText("abc", 0)).toBe("");
  });
});
