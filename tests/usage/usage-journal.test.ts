import { describe, expect, test } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync } from "node:fs";
import path from "node:path";
import { pendingCallFrom } from "~/lib/usage/index.server";
import { UsageJournal } from "~/lib/usage/usage-journal.server";
import { tmpDir } from "../support/paths";
import { callParams } from "../support/usage-fixtures";

const SHOP = "journal-shop.myshopify.com";
const call = (n: number) => pendingCallFrom(callParams(SHOP, { latencyMs: n }));
const idsIn = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { id: string }).id);
/** How many of this process's open descriptors point at `file` (other descriptors may come and go meanwhile). */
const descriptorsOn = (file: string) =>
  readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false; // closed while listed
    }
  }).length;

function newJournal(): UsageJournal {
  const journal = new UsageJournal(mkdtempSync(path.join(tmpDir, "journal-")));
  journal.assertWritable();
  return journal;
}

describe("the usage journal", () => {
  test("every call is a line on disk when append returns; a clear empties the file and the next calls go to it again", () => {
    const journal = newJournal();
    const first = [call(1), call(2), call(3)];
    for (const pending of first) journal.append(pending);
    expect(idsIn(journal.file)).toEqual(first.map((pending) => pending.id));
    journal.clear();
    expect(readFileSync(journal.file, "utf8")).toBe("");
    const second = [call(4), call(5)];
    for (const pending of second) journal.append(pending);
    expect(idsIn(journal.file)).toEqual(second.map((pending) => pending.id));
    journal.close();
  });

  test("holds one file open between clears, and none after a clear or close, however many calls and batches", () => {
    const journal = newJournal();
    expect(descriptorsOn(journal.file)).toBe(0);
    for (let batch = 0; batch < 50; batch++) {
      for (let n = 0; n < 20; n++) journal.append(call(n));
      expect(descriptorsOn(journal.file)).toBe(1);
      journal.clear();
      expect(descriptorsOn(journal.file)).toBe(0);
    }
    journal.append(call(1));
    expect(descriptorsOn(journal.file)).toBe(1);
    journal.close();
    expect(descriptorsOn(journal.file)).toBe(0);
    expect(idsIn(journal.file)).toHaveLength(1);
  });

  test("a journal renamed away by another process keeps what was appended, and calls after the next clear are journaled under its own name", () => {
    const journal = newJournal();
    const early = call(1);
    journal.append(early);
    const claimed = `${journal.file}.claimed-1-abcdef12`;
    renameSync(journal.file, claimed);
    const meanwhile = call(2);
    journal.append(meanwhile);
    expect(idsIn(claimed)).toEqual([early.id, meanwhile.id]);
    journal.clear();
    const later = call(3);
    journal.append(later);
    expect(idsIn(journal.file)).toEqual([later.id]);
    journal.close();
  });
});
