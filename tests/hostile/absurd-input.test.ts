import { beforeAll, describe, expect, test } from "vitest";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { loader as analyticsLoader } from "~/routes/app.analytics";
import { loader as callsLoader } from "~/routes/app.calls";
import { action as exportAction } from "~/routes/app.export";
import { action as budgetAction } from "~/routes/app.budget";
import { action as jobAction, loader as jobLoader } from "~/routes/app.seo.jobs.$jobId";
import { action as productAction, loader as productLoader } from "~/routes/app.seo.products.$productId";
import { adminRequest, installShop, responseOf } from "../support/shopify-auth";
import { createShop } from "../support/usage-fixtures";

/** Input no merchant would send on purpose: each is a 4xx with a message, never a 500, a hang or a crash. */
const SHOP = "absurd-input.myshopify.com";

function form(fields: Record<string, string>): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return body;
}

type Handler = (args: LoaderFunctionArgs) => Promise<unknown>;

async function get(loader: Handler, path: string, params: Record<string, string> = {}) {
  return responseOf(async () => loader({ request: await adminRequest(SHOP, path), params, context: {} }));
}

async function post(action: Handler, path: string, fields: Record<string, string>, params = {}) {
  return responseOf(async () =>
    action({ request: await adminRequest(SHOP, path, { method: "POST", body: form(fields) }), params, context: {} }),
  );
}

beforeAll(async () => {
  await installShop(SHOP);
  await createShop(SHOP, "Pacific/Kiritimati");
});

describe("absurd input gets a 4xx with a clear message", () => {
  test.each([
    ["a custom range in year 0000", "/app/analytics?range=custom&from=0000-01-01&to=0000-01-05"],
    ["a custom range in year 9999", "/app/analytics?range=custom&from=9999-12-30&to=9999-12-31"],
    ["a range of forty thousand years", "/app/analytics?range=custom&from=0001-01-01&to=40000-01-01"],
  ])("the AI usage page: %s", async (_name, path) => {
    const response = await get(analyticsLoader, path);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { rangeError: string }).rangeError).toMatch(/\w/);
  });

  test.each([
    ["a start date in year 0000", "/app/calls?from=0000-01-01&to=0000-01-05"],
    ["an end date far in the future", "/app/calls?from=2026-11-01&to=9999-12-31"],
    ["a cursor in year 1", `/app/calls?after=${Buffer.from("0001-01-01T00:00:00Z|x").toString("base64url")}`],
  ])("the calls page: %s", async (_name, path) => {
    const response = await get(callsLoader, path);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { filterError: string }).filterError).toMatch(/\w/);
  });

  test.each([
    ["a far-future day", { kind: "daily", from: "9999-12-30", to: "9999-12-31" }],
    ["a far-future day (calls)", { kind: "calls", from: "9999-12-30", to: "9999-12-31" }],
    ["a day before 2000", { kind: "calls", from: "1999-12-30", to: "1999-12-31" }],
    ["no dates", { kind: "daily" }],
  ])("the export: %s", async (_name, fields) => {
    const response = await post(exportAction, "/app/export", fields);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/\w/);
  });

  test("an empty budget form", async () => {
    const response = await post(budgetAction, "/app/budget", {});
    expect(response.status).toBe(400);
  });

  test("an item id of 1e20, and one that is not a number", async () => {
    for (const itemId of ["1e20", "99999999999999999999", "-1", "abc"]) {
      const response = await post(jobAction, "/app/seo/jobs/some-job", { intent: "applyItem", itemId }, { jobId: "x" });
      expect(response.status).toBe(400);
      const onProduct = await post(
        productAction,
        "/app/seo/products/1",
        { intent: "applyItem", itemId },
        {
          productId: "1",
        },
      );
      expect(onProduct.status).toBe(400);
    }
  });

  test("a run or a product that does not exist, or an absurd id for one, is a 404", async () => {
    for (const jobId of ["does-not-exist", "x".repeat(5_000), "%00"]) {
      expect((await get(jobLoader, `/app/seo/jobs/${jobId}`, { jobId })).status).toBe(404);
    }
    // Ids no Shopify product can have are refused before Shopify is asked.
    for (const productId of ["99999999999999999999999", "abc", "-1", "1e20"]) {
      expect((await get(productLoader, `/app/seo/products/${productId}`, { productId })).status).toBe(404);
    }
  });
});
