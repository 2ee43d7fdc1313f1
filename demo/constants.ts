/**
 * Public, well-known values for the local demo. They sign nothing real: a production deployment has its own API
 * secret from the Partner Dashboard, and no production build knows these values (only the demo server, which
 * hands them to the app as SHOPIFY_API_KEY / SHOPIFY_API_SECRET, and tests).
 */
export const DEMO_DEFAULTS = {
  apiKey: "demo-api-key",
  apiSecret: "demo-api-secret-do-not-use-in-production",
  shop: "demo-shop.myshopify.com",
  shopName: "Demo Outdoor Supply",
  timeZone: "America/New_York",
  staffUserId: "90001",
  /** The scopes the demo shop grants (as shopify.app.toml asks for them). */
  scopes: "read_products,write_products,write_files",
  /** What the demo server gives the app as ANTHROPIC_API_KEY for its local Claude-compatible endpoint. */
  claudeApiKey: "sk-ant-demo-local-key",
  /** The Admin API key the local Claude server takes for its usage and cost reports (`operator reconcile`). */
  claudeAdminKey: "sk-ant-admin01-demo-local-key",
} as const;
