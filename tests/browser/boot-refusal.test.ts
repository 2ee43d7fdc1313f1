import { mkdtempSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { startAppServer } from "../support/app-server";
import { tmpDir } from "../support/paths";

/** The production server, started as `npm start` starts it, on a machine where usage could not be recorded. */
describe("the production server at boot", () => {
  test("refuses to start, saying what to fix, when the usage journal folder cannot be written", async () => {
    const file = path.join(mkdtempSync(path.join(tmpDir, "boot-refusal-")), "plain-file");
    writeFileSync(file, "");
    const started = startAppServer({
      demoMode: false,
      env: {
        SHOPIFY_API_KEY: "boot-test-key",
        SHOPIFY_API_SECRET: "boot-test-secret",
        USAGE_JOURNAL_DIR: path.join(file, "journal"),
      },
    });
    await expect(started).rejects.toThrow(/exited with code[\s\S]*USAGE_JOURNAL_DIR/);
  });
});
