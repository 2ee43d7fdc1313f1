import { parse } from "csv-parse/sync";
import { describe, expect, test } from "vitest";
import { CSV_BOM, csvCell, csvRecord, csvStream, csvText } from "./csv-writer";

/** Parses CSV with csv-parse, as a strict RFC 4180 reader (CRLF records, quotes doubled). */
function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, record_delimiter: "\r\n", relax_quotes: false }) as string[][];
}

/** The stream's text with its BOM kept (Response.text() would drop it). */
async function streamText(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

async function* chunksOf(...chunks: string[]) {
  yield* chunks;
}

describe("the CSV writer", () => {
  test("text holding a comma, quote, CR or LF is quoted with its quotes doubled; plain text is not", () => {
    expect(csvText("plain")).toBe("plain");
    expect(csvText('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvText("line one\nline two")).toBe('"line one\nline two"');
    expect(csvText("a\r\nb")).toBe('"a\r\nb"');
    expect(csvText(null)).toBe("");
    expect(csvText("")).toBe("");
  });

  test.each([
    ['=HYPERLINK("http://evil.example","Click")'],
    ["+1"],
    ["-2"],
    ["@SUM(A1:A2)"],
    ["\tcmd"],
    ["\rcmd"],
    ["\uFF1D1+1"],
  ])(
    "a text cell starting like a formula (%j) is neutralised with a leading quote and round-trips as that text",
    (value) => {
      const record = csvRecord(["id-1", value, "end"]);
      expect(record.endsWith("\r\n")).toBe(true);
      expect(parseCsv(record)).toEqual([["id-1", `'${value}`, "end"]]);
    },
  );

  test("numbers, booleans and empty cells are written as they are and never neutralised", () => {
    expect(csvRecord([0, 12, 12n, true, false, null, undefined, "x"])).toBe("0,12,12,true,false,,,x\r\n");
    expect(csvCell(1.5)).toBe("1.5");
  });

  test("a stream starts with the BOM and the header, ends each record in CRLF and parses back cell for cell", async () => {
    const awkward = ['He said "no", twice', "two\nlines", "=1+2", "café ✓"];
    const text = await streamText(
      csvStream(["a", "b", "c", "d"], chunksOf(csvRecord(awkward), csvRecord(["1", "2", "3", "4"]))),
    );
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text.slice(1, text.indexOf("\r\n"))).toBe("a,b,c,d");
    expect(parseCsv(text)).toEqual([
      ["a", "b", "c", "d"],
      ['He said "no", twice', "two\nlines", "'=1+2", "café ✓"],
      ["1", "2", "3", "4"],
    ]);
  });

  test("cancelling the stream stops the producer and runs its cleanup", async () => {
    let produced = 0;
    let cleanedUp = false;
    async function* endless() {
      try {
        for (;;) {
          produced++;
          yield csvRecord([produced]);
        }
      } finally {
        cleanedUp = true;
      }
    }
    const reader = csvStream(["n"], endless()).getReader();
    await reader.read(); // header
    await reader.read(); // first record
    await reader.cancel();
    expect(cleanedUp).toBe(true);
    expect(produced).toBeLessThan(5);
  });
});
