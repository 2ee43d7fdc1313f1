import { describe, expect, test } from "vitest";
import { bounceLocation, launchPath } from "../../demo/sign-in/launch";

/** The demo opens any /app page the way Shopify admin would: bookmarks and reloads land where they were. */
describe("where the demo sends a page it must sign in again", () => {
  const appOrigin = "http://localhost:3000";
  const bounce = (reload: string) =>
    bounceLocation(
      new URL(
        `http://demo.invalid/auth/session-token?shop=demo-shop.myshopify.com&shopify-reload=${encodeURIComponent(reload)}`,
      ),
      appOrigin,
    );

  test("a page reloaded after its session token expired is launched again, with its own query", () => {
    expect(bounce("http://localhost:3000/app/budget?embedded=1&shop=demo-shop.myshopify.com&host=abc&range=x")).toBe(
      `/demo/launch?return=${encodeURIComponent("/app/budget?range=x")}`,
    );
  });

  test("a reload URL on another origin opens Home instead", () => {
    expect(bounce("https://evil.example/app/budget")).toBe(`/demo/launch?return=${encodeURIComponent("/app")}`);
  });

  test("a bookmarked page keeps its filters and drops stale admin parameters", () => {
    expect(launchPath("/app/calls?status=error&id_token=old&hmac=x")).toBe(
      `/demo/launch?return=${encodeURIComponent("/app/calls?status=error")}`,
    );
  });
});
