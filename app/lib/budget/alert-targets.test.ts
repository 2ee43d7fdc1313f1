import { describe, expect, test } from "vitest";
import { checkAlertEmails, checkWebhookUrl, isPublicAddress, MAX_WEBHOOK_URL_LENGTH } from "./alert-targets";

const production = { allowLoopback: false };
const tests = { allowLoopback: true };

describe("where budget warnings may be emailed", () => {
  test("up to five plain addresses, however they are separated, lowercased and without repeats", () => {
    expect(checkAlertEmails("Ops@Example.com, finance@example.com;ops@example.com\nowner@shop.co.uk")).toEqual({
      ok: true,
      value: ["ops@example.com", "finance@example.com", "owner@shop.co.uk"],
    });
    expect(checkAlertEmails("  ")).toEqual({ ok: true, value: [] });
  });

  test.each([
    ["not-an-address", '"not-an-address" is not an email address.'],
    ["a@b", '"a@b" is not an email address.'],
    ["<a@b.com>", '"<a@b.com>" is not an email address.'],
    ["a@b.com,b@b.com,c@b.com,d@b.com,e@b.com,f@b.com", "Enter at most 5 email addresses."],
    [`${"x".repeat(250)}@b.com`, `"${"x".repeat(60)}" is not an email address.`],
  ])("%s is refused", (input, error) => {
    expect(checkAlertEmails(input)).toEqual({ ok: false, error });
  });
});

describe("where budget warnings may be posted", () => {
  test("an https URL on the internet is kept as it is", () => {
    expect(checkWebhookUrl(" https://hooks.slack.com/services/T0/B0/xyz ", production)).toEqual({
      ok: true,
      value: "https://hooks.slack.com/services/T0/B0/xyz",
    });
  });

  test.each([
    ["http://hooks.example.com/x", "The webhook URL must start with https://."],
    ["ftp://hooks.example.com/x", "The webhook URL must start with https://."],
    ["hooks.example.com/x", "Enter the webhook's full URL, starting with https://."],
    ["https://user:secret@hooks.example.com/x", "The webhook URL can't include a user name or password."],
    ["https://localhost/hook", "The webhook URL must be an address on the internet, not an internal one."],
    ["https://127.0.0.1/hook", "The webhook URL must be an address on the internet, not an internal one."],
    ["https://10.1.2.3/hook", "The webhook URL must be an address on the internet, not an internal one."],
    [
      "https://169.254.169.254/latest/meta-data",
      "The webhook URL must be an address on the internet, not an internal one.",
    ],
    ["https://[::1]/hook", "The webhook URL must be an address on the internet, not an internal one."],
    ["https://[fd00::1]/hook", "The webhook URL must be an address on the internet, not an internal one."],
    ["https://metadata.internal/hook", "The webhook URL must be an address on the internet, not an internal one."],
    ["https://printer.local/hook", "The webhook URL must be an address on the internet, not an internal one."],
    ["https://intranet/hook", "The webhook URL must be an address on the internet, not an internal one."],
    [
      `https://hooks.example.com/${"a".repeat(MAX_WEBHOOK_URL_LENGTH)}`,
      "The webhook URL can be at most 2,048 characters.",
    ],
  ])("%s is refused in production", (input, error) => {
    expect(checkWebhookUrl(input, production)).toEqual({ ok: false, error });
  });

  test("outside production, tests may post to a receiver on the loopback interface, and to nothing else internal", () => {
    expect(checkWebhookUrl("http://127.0.0.1:4567/hook", tests)).toEqual({
      ok: true,
      value: "http://127.0.0.1:4567/hook",
    });
    expect(checkWebhookUrl("http://localhost:4567/hook", tests).ok).toBe(true);
    expect(checkWebhookUrl("http://10.0.0.5/hook", tests).ok).toBe(false);
    expect(checkWebhookUrl("https://192.168.1.1/hook", tests).ok).toBe(false);
  });

  test("public and internal addresses", () => {
    for (const address of ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111"]) expect(isPublicAddress(address)).toBe(true);
    for (const address of [
      "127.0.0.1",
      "10.0.0.1",
      "172.16.0.1",
      "192.168.0.1",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "fe80::1",
      "::ffff:10.0.0.1",
      "224.0.0.1",
    ])
      expect(isPublicAddress(address), address).toBe(false);
  });
});
