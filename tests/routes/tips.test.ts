import { afterAll, beforeAll, describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { TIPS_ENDPOINT, TIPS_MODEL } from "~/lib/tips/index.server";
import { formatUsd, picosFromUsd } from "~/lib/money";
import { addDays, localDayOf } from "~/lib/time";
import { getUsageRecorder, trackAPIUsage, type TrackUsageParams } from "~/lib/usage/index.server";
import { updateBudgetSettings } from "~/lib/budget/index.server";
import { action, loader } from "~/routes/app.tips";
import { startClaudeTestServer, type ClaudeTestServer } from "../support/claude-test-server";
import { adminRequest, installShop, responseOf } from "../support/shopify-auth";
import { createShop } from "../support/usage-fixtures";
import { getSeoSettings, updateSeoSettings } from "~/lib/seo/index.server";
import { seoDemoResponder } from "../../demo/claude-api";

const SHOP = "tips-alpha.myshopify.com";
const NEW_SHOP = "tips-new.myshopify.com";
const QUIET_SHOP = "tips-quiet.myshopify.com";
const CAPPED_SHOP = "tips-capped.myshopify.com";
const SONNET = "claude-sonnet-4-5-20250929"; // $3 input, $15 output, $3.75 5-minute cache write, $0.30 cache read per MTok
const HAIKU_4_5 = "claude-haiku-4-5-20251001"; // $1 input, $5 output per MTok
// Data no request to Claude may carry: a product id, a customer's e-mail in an error message, a staff id.
const PRODUCT_ID = "gid://shopify/Product/8675309";
const CUSTOMER_EMAIL = "jane.doe@example.com";
const STAFF_ID = "staff-9137";

const today = localDayOf(new Date(), "UTC");
/** Noon UTC on the day `daysAgo` before today (the shops here keep UTC days). */
const daysAgo = (days: number) => new Date(`${addDays(today, -days)}T12:00:00.000Z`);

async function record(shop: string, count: number, params: Partial<TrackUsageParams>, spreadOverDays = 30) {
  for (let i = 0; i < count; i++) {
    await trackAPIUsage({
      shop,
      userId: STAFF_ID,
      model: SONNET,
      endpoint: "fix_meta",
      inputTokens: 1_000,
      outputTokens: 100,
      latencyMs: 900,
      resourceType: "product",
      resourceId: PRODUCT_ID,
      // Calls spread over the period, the first on its first day (so the shop has 30 days of history).
      timestamp: daysAgo(spreadOverDays - (i % spreadOverDays)),
      ...params,
    });
  }
}

let claude: ClaudeTestServer;

beforeAll(async () => {
  for (const shop of [SHOP, NEW_SHOP, QUIET_SHOP, CAPPED_SHOP]) {
    await installShop(shop);
    await createShop(shop, "UTC");
  }
  // fix_meta on Sonnet 4.5, short answers: 40 calls × (1,000 in, 100 out).
  await record(SHOP, 40, {});
  // analyze_product on Sonnet 4.5, long prompts never cached: 30 calls × (5,000 in, 800 out).
  await record(SHOP, 30, { endpoint: "analyze_product", inputTokens: 5_000, outputTokens: 800 });
  // Background automation on Haiku 4.5 sent one by one: 25 calls × (2,000 in, 200 out).
  await record(SHOP, 25, {
    endpoint: "automation",
    userId: "automation",
    model: HAIKU_4_5,
    inputTokens: 2_000,
    outputTokens: 200,
    resourceType: "collection",
  });
  // chat on Sonnet 4.5: 15 long answers and 5 streams that failed after 1,000 in / 50 out tokens were billed.
  await record(SHOP, 15, {
    endpoint: "chat",
    inputTokens: 1_500,
    outputTokens: 1_000,
    resourceType: null,
    resourceId: null,
  });
  await record(SHOP, 5, {
    endpoint: "chat",
    inputTokens: 1_000,
    outputTokens: 50,
    status: "error",
    errorType: "overloaded_error",
    errorMessage: `stream ended early for ${CUSTOMER_EMAIL}`,
    resourceType: null,
    resourceId: null,
  });

  // A shop with 10 days of history: 60 background calls × (2,000 in, 200 out) on Haiku 4.5.
  await record(
    NEW_SHOP,
    60,
    { endpoint: "automation", userId: "automation", model: HAIKU_4_5, inputTokens: 2_000, outputTokens: 200 },
    10,
  );
  // A shop with 12 calls.
  await record(QUIET_SHOP, 12, {});
  // A shop over its hard cap this month: a call today, and a budget of one pico-dollar.
  await trackAPIUsage({
    shop: CAPPED_SHOP,
    userId: STAFF_ID,
    model: SONNET,
    endpoint: "fix_meta",
    inputTokens: 10,
    outputTokens: 10,
    timestamp: new Date(),
  });
  await updateBudgetSettings(CAPPED_SHOP, { monthlyBudgetPicos: 1n, hardCap: true });
  await getUsageRecorder().drain();

  // The demo's Claude, which reads the usage figures it is sent as the model would.
  claude = await startClaudeTestServer({ apiKeys: ["tips-test-key"], responder: seoDemoResponder });
  process.env.ANTHROPIC_API_KEY = "tips-test-key";
  process.env.ANTHROPIC_BASE_URL = claude.baseURL;
});

afterAll(async () => {
  delete process.env.ANTHROPIC_API_KEY;
  delete process.env.ANTHROPIC_BASE_URL;
  await claude?.close();
});

const args = (request: Request) => ({ request, params: {}, context: {} });

interface TipsData {
  period: { from: string; to: string };
  observedDays: number;
  calls: number;
  tooLittleData: string | null;
  tips: Array<{
    kind: string;
    endpoint: string;
    periodSavingPicos: string;
    monthlySavingPicos: string;
    why: string;
    action: { kind: string; setting?: string; model?: string; done?: boolean; url?: string } | null;
  }>;
}

async function loadTips(shop: string): Promise<TipsData> {
  const response = await responseOf(async () => loader(args(await adminRequest(shop, "/app/tips"))));
  expect(response.status).toBe(200);
  return (await response.json()) as TipsData;
}

async function askClaude(shop: string, staffUserId = "staff-asker"): Promise<Response> {
  const body = new FormData();
  body.set("intent", "ask_claude");
  return responseOf(async () =>
    action(args(await adminRequest(shop, "/app/tips", { method: "POST", body, staffUserId }))),
  );
}

const usd = (picos: string) => formatUsd(BigInt(picos));

describe("cost optimization tips from the shop's own last 30 days", () => {
  test("each tip's saving is the pricing catalog's arithmetic on the shop's tokens, ranked by saving", async () => {
    const data = await loadTips(SHOP);
    expect(data.period).toEqual({ from: addDays(today, -30), to: addDays(today, -1) });
    expect(data.calls).toBe(115);
    expect(data.observedDays).toBe(30);
    expect(data.tooLittleData).toBeNull();

    expect(
      data.tips.map((tip) => [tip.kind, tip.endpoint, usd(tip.periodSavingPicos), usd(tip.monthlySavingPicos)]),
    ).toEqual([
      // Prompt caching, analyze_product: every call sent 5,000 uncached tokens. Cached once per 10 calls:
      // 27 reads × 5,000 × ($3 − $0.30)/MTok = $0.3645, less 3 writes × 5,000 × ($3.75 − $3)/MTok = $0.01125.
      ["prompt_caching", "analyze_product", "$0.353250", "$0.353250"],
      // Cheaper model, fix_meta (100 output tokens on average): 40 × (1,000 × $3 + 100 × $15)/MTok = $0.18 on
      // Sonnet 4.5, against 40 × (1,000 × $0.10 + 100 × $0.50)/MTok = $0.006 on Haiku 5.5.
      ["cheaper_model", "fix_meta", "$0.174000", "$0.174000"],
      // Batch API, automation: 25 × (2,000 × $1 + 200 × $5)/MTok = $0.075 of tokens, half of it.
      ["batch_api", "automation", "$0.037500", "$0.037500"],
      // Failing calls, chat: 5 × (1,000 × $3 + 50 × $15)/MTok = $0.01875 billed for nothing.
      ["failing_calls", "chat", "$0.018750", "$0.018750"],
    ]);
    // Exact to the pico, not just to 6 decimals.
    expect(BigInt(data.tips[0]!.periodSavingPicos)).toBe(picosFromUsd("0.35325"));
    expect(data.tips.find((tip) => tip.kind === "failing_calls")?.why).toContain(
      "5 of 20 “chat” calls failed (25.0%), most often with Claude overloaded (overloaded_error): ",
    );
  });

  test("a tip leads to its action: switch the SEO setting to the cheaper model (then it reads done), or see the calls", async () => {
    const before = await loadTips(SHOP);
    const cheaper = before.tips.find((tip) => tip.kind === "cheaper_model")!;
    expect(cheaper.action).toEqual({
      kind: "switch_model",
      setting: "fixModel",
      settingLabel: "Meta tags and alt text",
      model: "claude-haiku-5-5",
      modelName: "Claude Haiku 5.5",
      // The shop's setting is the default, already Haiku 5.5: its new runs are cheaper already.
      done: true,
    });
    await updateSeoSettings(SHOP, { auditModel: "claude-sonnet-5-5", fixModel: SONNET });
    expect((await loadTips(SHOP)).tips.find((tip) => tip.kind === "cheaper_model")!.action).toMatchObject({
      done: false,
    });
    const body = new FormData();
    for (const [name, value] of Object.entries({
      intent: "switch_model",
      setting: "fixModel",
      model: "claude-haiku-5-5",
    }))
      body.set(name, value);
    const switched = await responseOf(async () =>
      action(args(await adminRequest(SHOP, "/app/tips", { method: "POST", body }))),
    );
    expect(await switched.json()).toEqual({ ok: true, message: "Meta tags and alt text now run on Claude Haiku 5.5" });
    expect(await getSeoSettings(SHOP)).toEqual({ auditModel: "claude-sonnet-5-5", fixModel: "claude-haiku-5-5" });
    expect((await loadTips(SHOP)).tips.find((tip) => tip.kind === "cheaper_model")!.action).toMatchObject({
      done: true,
    });

    const failing = before.tips.find((tip) => tip.kind === "failing_calls")!;
    expect(failing.action).toEqual({
      kind: "calls",
      url: `/app/calls?from=${before.period.from}&to=${before.period.to}&endpoint=chat&status=error`,
      label: "See the failed calls",
    });
  });

  test("a shop with 10 days of history gets the period's saving projected to 30 days", async () => {
    const data = await loadTips(NEW_SHOP);
    expect(data.observedDays).toBe(10);
    // 60 × (2,000 × $1 + 200 × $5)/MTok = $0.18 of tokens; half is $0.09 in 10 days, $0.27 per 30 days.
    expect(data.tips.map((tip) => [tip.kind, usd(tip.periodSavingPicos), usd(tip.monthlySavingPicos)])).toEqual([
      ["batch_api", "$0.090000", "$0.270000"],
    ]);
  });

  test("too little data is said so, with no tips", async () => {
    const data = await loadTips(QUIET_SHOP);
    expect(data.tips).toEqual([]);
    expect(data.tooLittleData).toBe(
      "Only 12 Claude calls in the last 30 days: tips need at least 50 to say anything reliable.",
    );
  });
});

describe("asking Claude for suggestions", () => {
  test("records exactly one optimization_tips call for the shop and the staff member, and sends no product or customer data", async () => {
    const before = claude.state.requests.length;
    const response = await askClaude(SHOP, "staff-asker");
    expect(response.status).toBe(200);
    const { answer } = (await response.json()) as { answer: string };
    // An answer about this shop's usage, in the merchant's words (not product copy).
    expect(answer).toMatch(/^- “(Product SEO audits|Meta titles and descriptions)” on Claude Sonnet 4\.5 is \d/);
    expect(answer).not.toMatch(/fix_meta|analyze_product/);

    await getUsageRecorder().drain();
    const recorded = await prisma.aPIUsageLog.findMany({ where: { endpoint: TIPS_ENDPOINT } });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ shop: SHOP, userId: "staff-asker", status: "success", model: TIPS_MODEL });

    const sent = claude.state.requests.slice(before);
    expect(sent).toHaveLength(1);
    const body = sent[0]!.rawBody;
    expect(body).toContain("analyze_product");
    expect(body).toContain("overloaded_error");
    for (const secret of [PRODUCT_ID, "8675309", CUSTOMER_EMAIL, "jane", STAFF_ID, "staff-asker", "gid://"])
      expect(body).not.toContain(secret);
  });

  test("a shop over its hard cap is told so in a message, and nothing is sent to Claude", async () => {
    const before = claude.state.requests.length;
    const response = await askClaude(CAPPED_SHOP);
    expect(response.status).toBe(403);
    const { error } = (await response.json()) as { error: string };
    expect(error).toMatch(/^This month's AI budget of < \$0\.01 is used up/);
    expect(claude.state.requests.length).toBe(before);
  });

  test("an API error comes back as a message (and is recorded as a failed call), not a 500", async () => {
    claude.state.enqueueFault({ kind: "http_error", status: 400, errorType: "invalid_request_error" });
    const response = await askClaude(SHOP, "staff-asker-2");
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({
      error: "Claude could not answer (HTTP 400, invalid_request_error). Try again in a minute.",
    });
    await getUsageRecorder().drain();
    const failed = await prisma.aPIUsageLog.findMany({ where: { endpoint: TIPS_ENDPOINT, userId: "staff-asker-2" } });
    expect(failed.map((row) => [row.status, row.errorType])).toEqual([["error", "invalid_request_error"]]);
  });
});
