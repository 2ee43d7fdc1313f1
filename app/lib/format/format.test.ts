import { describe, expect, test } from "vitest";
import { picosFromUsd } from "~/lib/money";
import {
  callUsd,
  changeText,
  costText,
  percent,
  staffName,
  usd,
  usdExact,
  featureName,
  resourceTypeName,
} from "./index";

const picos = (amount: string) => picosFromUsd(amount);

describe("money on the pages", () => {
  test.each([
    ["1.649633", "$1.65"],
    ["0", "$0.00"],
    ["0.01", "$0.01"],
    ["0.009999999999", "< $0.01"],
    ["0.000000000001", "< $0.01"],
    ["0.005", "< $0.01"],
    ["1234.505", "$1,234.51"],
    ["1000000", "$1,000,000.00"],
  ])("%s dollars read as %s", (amount, text) => {
    expect(usd(picos(amount))).toBe(text);
    expect(usd(picos(amount).toString())).toBe(text);
  });

  test("a negative amount has a minus sign, not a hyphen", () => {
    expect(usd(-picos("2.5"))).toBe("\u2212$2.50");
  });

  test("the exact amount keeps every digit down to the pico-dollar, and at least cents", () => {
    expect(usdExact(picos("1.649633"))).toBe("$1.649633");
    expect(usdExact(picos("0.000000000001"))).toBe("$0.000000000001");
    expect(usdExact(picos("2"))).toBe("$2.00");
    expect(usdExact(picos("1234.5"))).toBe("$1,234.50");
  });

  test("one call's cost in the explorer shows six decimals", () => {
    expect(callUsd(picos("0.0015974"))).toBe("$0.001597");
  });

  test("a cost of calls that all have no price is unknown, never $0", () => {
    expect(costText("0", 3, 3)).toBe("unknown");
    expect(costText("0", 0, 0)).toBe("$0.00");
    expect(costText(picos("0.004").toString(), 3, 1)).toBe("< $0.01");
  });
});

describe("percentages", () => {
  test("always one decimal, grouped, with a real minus sign", () => {
    expect(percent(82.48)).toBe("82.5%");
    expect(percent(82.5)).toBe("82.5%");
    expect(percent(100)).toBe("100.0%");
    expect(percent(0.01)).toBe("<0.1%");
    expect(percent(-3.14)).toBe("\u22123.1%");
    expect(percent(12345.6)).toBe("12,345.6%");
  });

  test("a change says the percentage and the amount in dollars and cents", () => {
    expect(changeText({ kind: "up", delta: picos("1.234").toString(), percent: 12.5 }, "usd")).toBe("+12.5% (+$1.23)");
    expect(changeText({ kind: "down", delta: (-picos("0.001")).toString(), percent: 3.1 }, "usd")).toBe(
      "\u22123.1% (\u2212< $0.01)",
    );
    expect(changeText({ kind: "new", delta: "4", percent: null }, "count")).toBe("new (+4)");
    expect(changeText({ kind: "same", delta: "0", percent: 0 }, "count")).toBe("no change");
  });
});

describe("names instead of ids", () => {
  test("features by what they do", () => {
    expect(featureName("fix_meta")).toBe("Meta titles and descriptions");
    expect(featureName("analyze_product")).toBe("Product SEO audits");
    expect(featureName("someone_elses_feature")).toBe("someone_elses_feature");
  });

  test("resource types, and calls about none", () => {
    expect(resourceTypeName("image")).toBe("Images");
    expect(resourceTypeName("")).toBe("No product or image");
  });

  test("staff by name where Shopify told the app, otherwise plainly", () => {
    const names = { "90001": "Ada Lovelace" };
    expect(staffName("90001", names, "90001")).toBe("You (Ada Lovelace)");
    expect(staffName("90001", names, null)).toBe("Ada Lovelace");
    expect(staffName("90002", names, null)).toBe("Staff member 90002");
    expect(staffName("90002", names, "90002")).toBe("You");
    expect(staffName("automation", names, null)).toBe("The app (no staff member)");
  });
});
