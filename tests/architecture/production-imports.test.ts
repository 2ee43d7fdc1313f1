import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { projectRoot } from "../support/paths";

/**
 * Production code (everything under app/, its tests included) never imports the demo, test code, or the tools
 * only they use: a production install (`npm ci --omit=dev`) does not even have msw or jose. ESLint's
 * no-restricted-imports says the same for static imports; this also sees dynamic `import()` and `require()`.
 */
const appDir = path.join(projectRoot, "app");
const FORBIDDEN_FOLDERS = ["demo", "tests"];
const FORBIDDEN_PACKAGES = ["msw", "@mswjs", "jose"];
const SOURCE = /\.(c|m)?(t|j)sx?$/;

function sourceFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFilesUnder(full);
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

/** Every module specifier in the source: static imports and re-exports, `import()`, `require()`. */
function specifiersOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((imported) => imported.fileName);
}

/** What a specifier in `file` reaches that production code must not, or null. */
function forbiddenTarget(file: string, specifier: string): string | null {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("~/")) {
    const resolved = specifier.startsWith("~/")
      ? path.join(appDir, specifier.slice(2))
      : path.resolve(path.dirname(file), specifier);
    const top = path.relative(projectRoot, resolved).split(path.sep)[0] ?? "";
    return FORBIDDEN_FOLDERS.includes(top) ? `${top}/` : null;
  }
  const parts = specifier.split("/");
  const packageName = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
  const scope = parts[0]!;
  return FORBIDDEN_PACKAGES.includes(packageName) || FORBIDDEN_PACKAGES.includes(scope) ? packageName : null;
}

function violationsIn(file: string, source: string): string[] {
  return specifiersOf(source).flatMap((specifier) => {
    const target = forbiddenTarget(file, specifier);
    return target ? [`${path.relative(projectRoot, file)}: "${specifier}" reaches ${target}`] : [];
  });
}

describe("production code under app/", () => {
  test("imports nothing from demo/ or tests/, and neither msw nor jose", () => {
    const files = sourceFilesUnder(appDir);
    // The walk really covers the app: routes, the domain, and the unit tests beside it.
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((file) => file.endsWith(path.join("routes", "app.tsx")))).toBe(true);
    expect(files.some((file) => file.endsWith(".test.ts"))).toBe(true);

    const violations = files.flatMap((file) => violationsIn(file, readFileSync(file, "utf8")));
    expect(violations).toEqual([]);
  });

  const plantedIn = path.join(appDir, "lib", "usage", "planted.server.ts");
  test.each([
    ['import { DEMO_DEFAULTS } from "../../../demo/constants";', "demo/"],
    ['export { seedSyntheticUsage } from "~/../demo/usage";', "demo/"],
    ['import { installShop } from "../../../tests/support/shopify-auth";', "tests/"],
    ['const { setupServer } = await import("msw/node");', "msw"],
    ['import { http } from "msw";', "msw"],
    ['const interceptors = require("@mswjs/interceptors");', "@mswjs/interceptors"],
    ['import type { JWTPayload } from "jose";', "jose"],
  ])("the check catches %s", (source, target) => {
    expect(violationsIn(plantedIn, source)).toEqual([expect.stringContaining(`reaches ${target}`)]);
  });

  test("the check lets the app's own imports and its real dependencies through", () => {
    const source = [
      'import { z } from "zod";',
      'import { env } from "~/env.server";',
      'import { quantileFromHistogram } from "./latency-buckets";',
      'import { formatUsd } from "~/lib/money";',
      'import { jwtDecode } from "jose-lookalike";',
      'const { default: Database } = await import("libsql");',
    ].join("\n");
    expect(violationsIn(plantedIn, source)).toEqual([]);
  });
});
