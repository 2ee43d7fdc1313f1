import { beforeAll, describe, expect, test } from "vitest";
import prisma from "~/db.server";
import type { CallsExplorerData } from "~/lib/calls/index.server";
import { writeUsageBatch, getUsageRecorder, trackAPIUsage } from "~/lib/usage/index.server";
import { generateSyntheticUsage } from "../../demo/usage";
import { lastDays } from "~/lib/calls";
import { getLatencyAndErrorsByEndpoint, todayOf } from "~/lib/analytics/index.server";
import { loader } from "~/routes/app.calls";
import { adminRequest, installShop, responseOf } from "../support/shopify-auth";
import { callParams, createShop } from "../support/usage-fixtures";

const SHOP = "calls-alpha.myshopify.com";
const OTHER = "calls-beta.myshopify.com";
const EMPTY = "calls-empty.myshopify.com";
const RANGE = "from=2026-11-01&to=2026-11-30";
const SAME_INSTANT = new Date("2026-11-12T09:30:00.000Z");

beforeAll(async () => {
  for (const [shop, seed] of [
    [SHOP, 31],
    [OTHER, 32],
  ] as const) {
    await installShop(shop);
    await createShop(shop, "Europe/Berlin");
    const calls = [
      ...generateSyntheticUsage({
        shop,
        from: new Date("2026-11-01T00:00:00Z"),
        to: new Date("2026-11-29T00:00:00Z"),
        calls: 260,
        seed,
        idPrefix: shop.split(".")[0],
      }),
    ];
    await writeUsageBatch(prisma, calls);
  }
  // Eleven calls in the same millisecond straddle page boundaries: keyset order must split them by id.
  const burst = [
    ...generateSyntheticUsage({
      shop: SHOP,
      from: SAME_INSTANT,
      to: SAME_INSTANT,
      calls: 11,
      seed: 33,
      idPrefix: "burst",
    }),
  ];
  await writeUsageBatch(
    prisma,
    burst.map((call) => ({ ...call, timestamp: SAME_INSTANT.toISOString() })),
  );
  await installShop(EMPTY);
  await createShop(EMPTY, "UTC");
});

async function load(shop: string, query: string): Promise<CallsExplorerData> {
  const response = await responseOf(async () =>
    loader({ request: await adminRequest(shop, `/app/calls?${query}`), params: {}, context: {} }),
  );
  const data = (await response.json()) as CallsExplorerData;
  // Filters the page cannot use are a 400 that still carries the page (the default view, and why).
  expect(response.status).toBe(data.filterError ? 400 : 200);
  return data;
}

/** Follows the "older" cursor from the first page to the last and returns the ids page by page. */
async function walkOlder(shop: string, query: string): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const data = await load(shop, cursor ? `${query}&after=${cursor}` : query);
    pages.push(data.page.rows.map((row) => row.id));
    cursor = data.page.olderCursor;
  } while (cursor && pages.length < 100);
  return pages;
}

async function expectedIds(where: Record<string, unknown>): Promise<string[]> {
  const rows = await prisma.aPIUsageLog.findMany({
    where: { shop: SHOP, localDay: { gte: "2026-11-01", lte: "2026-11-30" }, ...where },
    orderBy: [{ timestamp: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

describe("the calls explorer's pages", () => {
  test("following 'older' from the newest call visits every call of the range once, newest first, 25 at a time", async () => {
    const pages = await walkOlder(SHOP, RANGE);
    const expected = await expectedIds({});
    expect(expected.length).toBe(271);
    expect(pages.flat()).toEqual(expected);
    expect(pages.slice(0, -1).every((page) => page.length === 25)).toBe(true);
    expect(pages).toHaveLength(Math.ceil(271 / 25));
  });

  test("going back with 'newer' from the last page shows the same pages in reverse", async () => {
    const forward = await walkOlder(SHOP, RANGE);
    let data = await load(SHOP, RANGE);
    while (data.page.olderCursor) data = await load(SHOP, `${RANGE}&after=${data.page.olderCursor}`);
    const backward: string[][] = [data.page.rows.map((row) => row.id)];
    while (data.page.newerCursor) {
      data = await load(SHOP, `${RANGE}&before=${data.page.newerCursor}`);
      backward.push(data.page.rows.map((row) => row.id));
    }
    expect(backward.reverse()).toEqual(forward);
  });

  test("filters hold across pages: every successful alt_text call of the range, and nothing else", async () => {
    const pages = await walkOlder(SHOP, `${RANGE}&status=success&endpoint=alt_text`);
    const expected = await expectedIds({ status: "success", endpoint: "alt_text" });
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flat()).toEqual(expected);
    const failed = await walkOlder(SHOP, `${RANGE}&status=error`);
    expect(failed.flat()).toEqual(await expectedIds({ status: "error" }));
    expect(failed.flat().length).toBeGreaterThan(0);
    const model = await walkOlder(SHOP, `${RANGE}&model=claude-sonnet-4-5-20250929&resourceType=none`);
    expect(model.flat()).toEqual(await expectedIds({ model: "claude-sonnet-4-5-20250929", resourceType: null }));
    expect(model.flat().length).toBeGreaterThan(0);
  });

  test("calls recorded between two page loads do not shift the next page (no duplicate, no gap)", async () => {
    const first = await load(SHOP, RANGE);
    await trackAPIUsage(callParams(SHOP, { id: "late-arrival", timestamp: new Date("2026-11-28T22:00:00Z") }));
    await getUsageRecorder().drain();
    const second = await load(SHOP, `${RANGE}&after=${first.page.olderCursor}`);
    const expected = await expectedIds({});
    const firstIds = first.page.rows.map((row) => row.id);
    expect(expected.indexOf(second.page.rows[0]!.id)).toBe(expected.indexOf(firstIds.at(-1)!) + 1);
    expect(second.page.rows.some((row) => firstIds.includes(row.id))).toBe(false);
    await prisma.aPIUsageLog.delete({ where: { id: "late-arrival" } });
  });

  test("rows carry the shop's local time, tokens, exact cost and the error of failed calls", async () => {
    const data = await load(SHOP, `${RANGE}&status=error`);
    expect(data.timeZone).toBe("Europe/Berlin");
    const row = data.page.rows[0]!;
    const stored = await prisma.aPIUsageLog.findUniqueOrThrow({ where: { id: row.id } });
    expect(row).toMatchObject({
      timeUtc: stored.timestamp.toISOString(),
      status: "error",
      errorType: stored.errorType,
      errorMessage: stored.errorMessage,
      costPicos: stored.totalCostPicos === null ? null : stored.totalCostPicos.toString(),
    });
    // Berlin is UTC+1 in November.
    const local = new Date(stored.timestamp.getTime() + 3_600_000).toISOString();
    expect(row.localTime).toBe(`${local.slice(0, 10)} ${local.slice(11, 19)}`);
  });

  test("latency and errors by endpoint are the library's figures for the same days", async () => {
    const data = await load(SHOP, RANGE);
    const expected = await getLatencyAndErrorsByEndpoint({ shop: SHOP }, { from: "2026-11-01", to: "2026-11-30" });
    expect(data.health).toEqual(JSON.parse(JSON.stringify(expected)));
  });
});

describe("the calls explorer's scope and input", () => {
  test("another shop's session sees none of this shop's calls, even with this shop's cursor", async () => {
    const ours = await load(SHOP, RANGE);
    const theirs = await walkOlder(OTHER, RANGE);
    const ourIds = new Set((await expectedIds({})).concat("late-arrival"));
    expect(theirs.flat().length).toBe(260);
    expect(theirs.flat().some((id) => ourIds.has(id))).toBe(false);

    const withOurCursor = await load(OTHER, `${RANGE}&after=${ours.page.olderCursor}`);
    expect(withOurCursor.page.rows.length).toBeGreaterThan(0);
    expect(withOurCursor.page.rows.every((row) => row.id.startsWith("calls-beta-"))).toBe(true);
  });

  test("a shop that never made a call gets the empty state", async () => {
    const data = await load(EMPTY, "");
    expect(data.hasAnyCalls).toBe(false);
    expect(data.page.rows).toEqual([]);
  });

  test.each([
    ["a reversed range", "from=2026-11-30&to=2026-11-01", "The start date is after the end date."],
    ["an unknown status", `${RANGE}&status=maybe`, "Status must be success or error."],
    ["an unknown model", `${RANGE}&model=gpt-5`, 'Unknown model "gpt-5": this store has no calls with it.'],
  ])("%s in the URL shows a message and the default view instead of failing", async (_name, query, message) => {
    const data = await load(SHOP, query);
    expect(data.filterError).toBe(message);
    const defaults = lastDays(await todayOf({ shop: SHOP }), 30);
    expect(data.filters).toEqual({ ...defaults, model: "", endpoint: "", status: "", resourceType: "", userId: "" });
  });

  test.each([
    ["not one the app made", "not-a-cursor"],
    ["far in the past", Buffer.from("0001-01-01T00:00:00.000Z|x").toString("base64url")],
    ["far in the future", Buffer.from("+275760-09-13T00:00:00.000Z|x").toString("base64url")],
    ["absurdly long", "A".repeat(5_000)],
  ])("a page link whose cursor is %s is a 400 that shows the newest calls and says why", async (_name, cursor) => {
    const data = await load(SHOP, `${RANGE}&after=${cursor}`);
    expect(data.filterError).toBe("That page of calls can no longer be found.");
    expect(data.shownInstead).toBe("newest-page");
    expect(data.page.rows.map((row) => row.id)).toEqual((await expectedIds({})).slice(0, 25));
  });
});
