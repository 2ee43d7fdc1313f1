import { describe, expect, test } from "vitest";
import prisma from "~/db.server";
import { loadAnalyticsOverview } from "~/lib/analytics/index.server";
import { lastKnownTimeZone, rememberTimeZone, rememberedShops } from "~/lib/analytics/time-zone-hints.server";
import { getUsageRecorder, trackAPIUsage } from "~/lib/usage/index.server";
import { picosFromUsd } from "~/lib/money";
import { callParams, createShop } from "../support/usage-fixtures";

const SHOP = "moving-shop.myshopify.com";
// Nov 27 at 11:00 in UTC is already Nov 28 (01:00) on Kiritimati (UTC+14).
const NOW = new Date("2026-11-27T11:00:00Z");

describe("the AI usage page's time zone, when the shop moves while a process remembers the old one", () => {
  test("the page is read in the time zone stored now, not the one this process read last", async () => {
    await createShop(SHOP, "UTC", { monthlyBudgetPicos: picosFromUsd("100") });
    await trackAPIUsage(callParams(SHOP, { timestamp: new Date("2026-11-27T10:00:00Z") }));
    await getUsageRecorder().drain();

    const before = await loadAnalyticsOverview(SHOP, new URLSearchParams(), { now: NOW });
    expect(before.timeZone).toBe("UTC");
    expect(before.today).toBe("2026-11-27");
    expect(lastKnownTimeZone(SHOP)).toBe("UTC");

    // Another instance saves the shop's new time zone and budget: this process still remembers UTC.
    await prisma.shop.update({
      where: { shop: SHOP },
      data: { ianaTimezone: "Pacific/Kiritimati", monthlyBudgetPicos: picosFromUsd("50") },
    });
    const after = await loadAnalyticsOverview(SHOP, new URLSearchParams(), { now: NOW });
    expect(after.timeZone).toBe("Pacific/Kiritimati");
    expect(after.today).toBe("2026-11-28");
    expect(after.todayTotals.day).toBe("2026-11-28");
    expect(after.range.to).toBe("2026-11-28");
    expect(after.budget.budgetPicos).toBe(picosFromUsd("50").toString());
    expect(lastKnownTimeZone(SHOP)).toBe("Pacific/Kiritimati");
    // The call was recorded on Nov 27 (UTC, when it was made): still this month's, in either time zone.
    expect(after.totals.calls).toBe(1);
    expect(after.totals.costPicos).toBe(before.totals.costPicos);
  });

  test("remembers at most 10,000 shops, forgetting the least recently used first", () => {
    for (let n = 0; n < 10_050; n++) rememberTimeZone(`hint-${n}.myshopify.com`, "UTC");
    expect(rememberedShops()).toBe(10_000);
    expect(lastKnownTimeZone("hint-0.myshopify.com")).toBeUndefined();
    expect(lastKnownTimeZone("hint-10049.myshopify.com")).toBe("UTC");
  });
});
