import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { action as budgetAction, loader as budgetLoader } from "~/routes/app.budget";
import { loader as analyticsLoader } from "~/routes/app.analytics";
import { action as claimAction } from "~/routes/app.budget_.alerts";
import { getBudgetSettings, monthToDateSpendPicos, updateBudgetSettings } from "~/lib/budget/index.server";
import { adminRequest, installShop, responseOf } from "../support/shopify-auth";
import { createAdminApiMock } from "../support/shopify-admin-api";
import { seedShopUsage } from "../support/analytics-seed";

const SHOP = "alpine-gear.myshopify.com";
const OTHER = "bombay-threads.myshopify.com";
const adminApi = createAdminApiMock({});
const args = (request: Request) => ({ request, params: {}, context: {} });

async function submitBudget(shop: string, fields: Record<string, string>) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  const response = await responseOf(async () =>
    budgetAction(args(await adminRequest(shop, "/app/budget", { method: "POST", body }))),
  );
  return {
    status: response.status,
    body: (await response.json()) as { ok: boolean; errors: Record<string, string>; message: string | null },
  };
}

async function loadBudgetPage(shop: string) {
  const response = await responseOf(async () => budgetLoader(args(await adminRequest(shop, "/app/budget"))));
  expect(response.status).toBe(200);
  return (await response.json()) as {
    budget: { budgetPicos: string | null; reachedThreshold: number | null; spentPicos: string; hardCap: boolean };
    toast: { threshold: number; message: string; alertIds: number[] } | null;
    history: Array<{ threshold: number; monthKey: string; notifiedAt: string | null }>;
  };
}

async function storedBudget(shop: string) {
  return prisma.shop.findUniqueOrThrow({ where: { shop }, select: { monthlyBudgetPicos: true, budgetHardCap: true } });
}

let spent: bigint;

beforeAll(async () => {
  adminApi.server.listen({ onUnhandledRequest: "error" });
  await installShop(SHOP);
  await installShop(OTHER);
  await seedShopUsage(prisma, {
    shop: SHOP,
    name: "Alpine Gear",
    ianaTimezone: "America/New_York",
    staff: ["1001"],
    calls: 600,
    days: 40,
    seed: 3,
  });
  await prisma.shop.create({ data: { shop: OTHER, name: "Bombay Threads", ianaTimezone: "Asia/Kolkata" } });
  spent = await monthToDateSpendPicos(SHOP, "America/New_York");
});

afterAll(() => adminApi.server.close());

beforeEach(async () => {
  await updateBudgetSettings(SHOP, { monthlyBudgetPicos: 25_000_000_000_000n, hardCap: false });
  await prisma.budgetAlert.deleteMany();
});

describe("the budget form", () => {
  test.each([
    ["", "Enter a monthly budget in US dollars, for example 50 or 49.99."],
    ["   ", "Enter a monthly budget in US dollars, for example 50 or 49.99."],
    ["fifty", "Enter a number of US dollars, for example 50 or 49.99."],
    ["1e3", "Enter a number of US dollars, for example 50 or 49.99."],
    ["12.5.1", "Enter a number of US dollars, for example 50 or 49.99."],
    ["0", "The budget must be more than $0."],
    ["0.000000", "The budget must be more than $0."],
    ["-5", "The budget must be more than $0."],
    ["10.1234567", "Use at most 6 decimals (a millionth of a dollar)."],
    ["1000000.01", "The budget can be at most $1,000,000."],
  ])("the amount %j is refused with a field error and nothing changes", async (amount, message) => {
    const before = await storedBudget(SHOP);
    const { status, body } = await submitBudget(SHOP, { intent: "save", amount, hardCap: "on" });
    expect(status).toBe(400);
    expect(body.ok).toBe(false);
    expect(body.errors.amount).toBe(message);
    expect(await storedBudget(SHOP)).toEqual(before);
  });

  test("a form without an amount, or with an unknown intent, is refused with a message and nothing changes", async () => {
    const before = await storedBudget(SHOP);
    expect(await submitBudget(SHOP, { intent: "save" })).toMatchObject({
      status: 400,
      body: { ok: false, errors: { amount: "Enter a monthly budget in US dollars, for example 50 or 49.99." } },
    });
    expect(await submitBudget(SHOP, { intent: "raise", amount: "50" })).toMatchObject({
      status: 400,
      body: { ok: false, errors: { form: "Invalid discriminator value. Expected 'save' | 'remove' | 'alerts'" } },
    });
    expect(await storedBudget(SHOP)).toEqual(before);
  });

  test("a good amount is saved exactly, with the hard cap", async () => {
    const { status, body } = await submitBudget(SHOP, { intent: "save", amount: "49.99", hardCap: "on" });
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, message: "Budget saved" });
    expect(await storedBudget(SHOP)).toEqual({ monthlyBudgetPicos: 49_990_000_000_000n, budgetHardCap: true });
    expect(await getBudgetSettings(SHOP)).toMatchObject({ monthlyBudgetPicos: 49_990_000_000_000n, hardCap: true });
  });

  test("a dollar sign, thousands commas and six decimals are accepted; no hard cap when unticked", async () => {
    await submitBudget(SHOP, { intent: "save", amount: " $1,250.123456 " });
    expect(await storedBudget(SHOP)).toEqual({ monthlyBudgetPicos: 1_250_123_456_000_000n, budgetHardCap: false });
  });

  test("the budget can be removed", async () => {
    const { body } = await submitBudget(SHOP, { intent: "remove" });
    expect(body.message).toBe("Budget removed");
    expect(await storedBudget(SHOP)).toEqual({ monthlyBudgetPicos: null, budgetHardCap: false });
  });

  test("where warnings go: addresses and a webhook URL are checked and saved, and the page shows them", async () => {
    const refused = await submitBudget(SHOP, { intent: "alerts", emails: "owner@example.com, nope", webhookUrl: "" });
    expect(refused).toEqual({
      status: 400,
      body: { ok: false, errors: { emails: '"nope" is not an email address.' }, message: null },
    });
    const internal = await submitBudget(SHOP, {
      intent: "alerts",
      emails: "",
      webhookUrl: "https://169.254.169.254/latest/meta-data",
    });
    expect(internal.body.errors).toEqual({
      webhookUrl: "The webhook URL must be an address on the internet, not an internal one.",
    });
    const huge = await submitBudget(SHOP, { intent: "alerts", emails: "a".repeat(5_000), webhookUrl: "" });
    expect(huge.status).toBe(400);

    const saved = await submitBudget(SHOP, {
      intent: "alerts",
      emails: "Owner@Example.com,finance@example.com",
      webhookUrl: "https://hooks.slack.com/services/T000/B000/XXXX",
    });
    expect(saved.body).toEqual({ ok: true, errors: {}, message: "Warning recipients saved" });
    const page = (await loadBudgetPage(SHOP)) as unknown as {
      channels: { emails: string; webhookUrl: string };
      emailReady: boolean;
      deliveries: unknown[];
    };
    expect(page.channels).toEqual({
      emails: "owner@example.com, finance@example.com",
      webhookUrl: "https://hooks.slack.com/services/T000/B000/XXXX",
    });
    // The tests set no SMTP_URL: the page says email is not set up.
    expect(page.emailReady).toBe(false);
    expect(page.deliveries).toEqual([]);
    // Another shop's page knows nothing of them.
    expect(((await loadBudgetPage(OTHER)) as unknown as { channels: unknown }).channels).toEqual({
      emails: "",
      webhookUrl: "",
    });
  });

  test("a shop's token changes only that shop's budget", async () => {
    await submitBudget(OTHER, { intent: "save", amount: "5" });
    expect(await storedBudget(OTHER)).toEqual({ monthlyBudgetPicos: 5_000_000_000_000n, budgetHardCap: false });
    expect(await storedBudget(SHOP)).toEqual({ monthlyBudgetPicos: 25_000_000_000_000n, budgetHardCap: false });
  });
});

async function claimAlerts(shop: string, alertIds: number[]) {
  const body = new FormData();
  body.set("alertIds", alertIds.join(","));
  const response = await responseOf(async () =>
    claimAction(args(await adminRequest(shop, "/app/budget/alerts", { method: "POST", body }))),
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { toast: { threshold: number; alertIds: number[] } | null }).toast;
}

async function loadOverview(shop: string) {
  const response = await responseOf(async () => analyticsLoader(args(await adminRequest(shop, "/app/analytics"))));
  return (await response.json()) as {
    budget: { reachedThreshold: number };
    budgetToast: { threshold: number; alertIds: number[] } | null;
  };
}

describe("budget warnings on the pages", () => {
  test("a budget saved below the month's spend records the crossings; pages offer one toast until a page claims it", async () => {
    expect(spent).toBeGreaterThan(0n);
    // Half the month's spend: 80, 90 and 100 % are all crossed at once.
    const budget = spent / 2n;
    const saved = await submitBudget(SHOP, {
      intent: "save",
      amount: (Number(budget / 1_000_000n) / 1_000_000).toFixed(6),
    });
    expect(saved.status).toBe(200);

    const first = await loadBudgetPage(SHOP);
    expect(first.budget.reachedThreshold).toBe(100);
    expect(first.toast).toMatchObject({ threshold: 100 });
    expect(first.history.map((alert) => alert.threshold)).toEqual([100, 90, 80]);
    expect(first.history.every((alert) => alert.notifiedAt === null)).toBe(true);

    // Loading again changes nothing: the same toast is still on offer.
    expect((await loadBudgetPage(SHOP)).toast).toEqual(first.toast);

    const toast = await claimAlerts(SHOP, first.toast!.alertIds);
    expect(toast).toMatchObject({ threshold: 100 });
    expect(await claimAlerts(SHOP, toast!.alertIds)).toBeNull();

    const reload = await loadBudgetPage(SHOP);
    expect(reload.toast).toBeNull();
    expect(reload.budget.reachedThreshold).toBe(100);
    expect(reload.history.every((alert) => alert.notifiedAt !== null)).toBe(true);

    // The other pages show the banner's data too, and offer no toast again.
    const overview = await loadOverview(SHOP);
    expect(overview.budget.reachedThreshold).toBe(100);
    expect(overview.budgetToast).toBeNull();
    expect(await prisma.budgetAlert.count({ where: { shop: SHOP } })).toBe(3);
  });

  test("crossing only 80 % is offered by whichever page loads, and claimed once", async () => {
    await updateBudgetSettings(SHOP, { monthlyBudgetPicos: (spent * 100n) / 85n, hardCap: false });
    const overview = await loadOverview(SHOP);
    expect(overview.budget.reachedThreshold).toBe(80);
    expect(overview.budgetToast?.threshold).toBe(80);
    // The overview reads the month's spend with its other figures: the same status as the budget page's own read.
    const budgetPage = await loadBudgetPage(SHOP);
    expect(overview.budget).toEqual(budgetPage.budget);
    expect(overview.budgetToast).toEqual(budgetPage.toast);
    // Another shop's overview offers none of these crossings.
    expect((await loadOverview(OTHER)).budgetToast).toBeNull();
    expect(await claimAlerts(SHOP, overview.budgetToast!.alertIds)).toMatchObject({ threshold: 80 });
    expect((await loadBudgetPage(SHOP)).toast).toBeNull();
  });

  test("a claim with malformed ids is refused and claims nothing", async () => {
    await updateBudgetSettings(SHOP, { monthlyBudgetPicos: (spent * 100n) / 85n, hardCap: false });
    for (const alertIds of ["", "1;DROP", "x", `${"1,".repeat(60)}1`]) {
      const body = new FormData();
      body.set("alertIds", alertIds);
      const response = await responseOf(async () =>
        claimAction(args(await adminRequest(SHOP, "/app/budget/alerts", { method: "POST", body }))),
      );
      expect(response.status).toBe(400);
    }
    expect(await prisma.budgetAlert.count({ where: { shop: SHOP, notifiedAt: null } })).toBe(1);
  });

  test("another shop sees none of this shop's budget or warnings, and cannot claim them", async () => {
    await updateBudgetSettings(SHOP, { monthlyBudgetPicos: spent / 2n, hardCap: true });
    const own = await loadBudgetPage(SHOP);
    const other = await loadBudgetPage(OTHER);
    expect(other.history).toEqual([]);
    expect(other.toast).toBeNull();
    expect(other.budget.spentPicos).toBe("0");
    const ids = own.toast!.alertIds;
    expect(await claimAlerts(OTHER, ids)).toBeNull();
    expect(await prisma.budgetAlert.count({ where: { shop: SHOP, notifiedAt: null } })).toBe(3);
  });
});
