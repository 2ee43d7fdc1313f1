import { afterAll, beforeAll, describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { getUsageRecorder } from "~/lib/usage/index.server";
import { forgetCatalog } from "~/lib/seo/index.server";
import { updateBudgetSettings, monthToDateSpendPicos } from "~/lib/budget/index.server";
import { action as seoAction } from "~/routes/app.seo._index";
import { adminRequest, installShop, responseOf } from "../support/shopify-auth";
import { createSeoShopifyMock, fixtureCatalog } from "../support/shopify-fixtures/seo-store";
import { seedShopUsage } from "../support/analytics-seed";
import { DemoStore } from "../../demo/shopify/demo-store";
import { appTables, refuseWrites } from "../support/database-faults";

/**
 * Every loader of every route, run through the real `authenticate.admin` against a database that refuses every write
 * except to Shopify's own session storage: GET requests only read. The routes are found by globbing app/routes, so a
 * new page is checked without anyone adding it here.
 */
const SHOP = "read-only-gear.myshopify.com";
const WRITE_REFUSED = "write refused: a GET must only read";
const shopify = createSeoShopifyMock();
const catalog = fixtureCatalog(6);

type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
const routeModules = import.meta.glob<{ loader?: Loader }>("/app/routes/**/*.tsx");

/** The URL path and params that reach a route file (flat routes: dots are slashes, `$name` a param, `_` no segment). */
function pathOf(file: string, values: Record<string, string>): { path: string; params: Record<string, string> } {
  const name = file
    .replace(/^\/app\/routes\//, "")
    .replace(/\/route\.tsx$/, "")
    .replace(/\.tsx$/, "");
  const params: Record<string, string> = {};
  const segments = name
    .split(".")
    .filter((segment) => segment !== "_index")
    .map((segment) => segment.replace(/_$/, "").replace(/^\[(.*)\]$/, "$1"))
    .map((segment) => {
      if (!segment.startsWith("$")) return segment;
      const param = segment.slice(1) || "*";
      params[param] = values[param] ?? "";
      return params[param];
    })
    .filter((segment) => segment !== "" && segment !== "_index");
  return { path: `/${segments.join("/")}`, params };
}

let jobId = "";

async function refuseWritesOutsideSessions(): Promise<void> {
  const tables = (await appTables()).filter((name) => name !== "Session");
  expect(tables).toContain("BudgetAlert");
  for (const name of tables) {
    for (const event of ["INSERT", "UPDATE", "DELETE"] as const) {
      await refuseWrites({ name: `refuse_${event.toLowerCase()}_${name}`, table: name, event, message: WRITE_REFUSED });
    }
  }
}

beforeAll(async () => {
  shopify.server.listen({ onUnhandledRequest: "error" });
  shopify.serve(new DemoStore(catalog));
  await installShop(SHOP);
  await seedShopUsage(prisma, {
    shop: SHOP,
    name: "Read Only Gear",
    ianaTimezone: "Asia/Kolkata",
    staff: ["501"],
    calls: 300,
    days: 45,
    seed: 17,
  });
  // A budget the month is already over: crossings wait to be shown, which a page must not claim by itself.
  const spent = await monthToDateSpendPicos(SHOP, "Asia/Kolkata");
  await updateBudgetSettings(SHOP, { monthlyBudgetPicos: spent / 2n, hardCap: true });
  expect(await prisma.budgetAlert.count({ where: { shop: SHOP, notifiedAt: null } })).toBe(3);
  // A prepared SEO run, for the run page.
  const body = new FormData();
  for (const [key, value] of Object.entries({ intent: "prepare", kind: "meta", scope: "all" })) body.set(key, value);
  const prepared = await responseOf(async () =>
    seoAction({
      request: await adminRequest(SHOP, "/app/seo?index", { method: "POST", body }),
      params: {},
      context: {},
    }),
  );
  jobId = prepared.headers.get("Location")!.split("/").pop()!;
  forgetCatalog(SHOP);
  await getUsageRecorder().drain();
  await refuseWritesOutsideSessions();
});

afterAll(() => shopify.server.close());

/** The loader's value, with deferred data awaited, so work a page streams in later is checked too. */
async function settle(result: unknown): Promise<void> {
  const deferred = (result as { data?: Record<string, unknown> } | null)?.data;
  if (result && typeof result === "object" && "deferredKeys" in result && deferred) {
    await Promise.all(Object.values(deferred).map((value) => Promise.resolve(value)));
  }
}

describe("no loader writes outside Shopify's session storage", () => {
  test("the database really refuses other writes, and still takes sessions", async () => {
    // The driver reports the trigger's refusal as a constraint violation; any write fails.
    await expect(prisma.shop.update({ where: { shop: SHOP }, data: { name: "Changed" } })).rejects.toThrow();
    await expect(prisma.budgetAlert.deleteMany({ where: { shop: SHOP } })).rejects.toThrow();
    await expect(prisma.session.updateMany({ where: { shop: SHOP }, data: { locale: "en" } })).resolves.toBeTruthy();
  });

  const values = { jobId: "", productId: String(Number(catalog[0]!.id.split("/").pop())) };
  const files = Object.keys(routeModules).sort();

  test("the routes are found", () => {
    expect(files).toContain("/app/routes/app.analytics.tsx");
    expect(files.length).toBeGreaterThan(10);
  });

  test.each(files)("%s", async (file) => {
    const module = await routeModules[file]!();
    if (!module.loader) return;
    const { path, params } = pathOf(file, { ...values, jobId });
    const request = await adminRequest(SHOP, path);
    let result: unknown;
    try {
      result = await module.loader({ request, params, context: {} });
      await settle(result);
    } catch (thrown) {
      if (thrown instanceof Response) result = thrown;
      else throw thrown;
    }
    if (result instanceof Response) expect(result.status, `${file} (${path})`).toBeLessThan(500);
    expect(await prisma.budgetAlert.count({ where: { shop: SHOP, notifiedAt: null } })).toBe(3);
  });
});
