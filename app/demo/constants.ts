/**
 * Public, well-known values for the local demo. They sign nothing real: a production deployment
 * has its own API secret from the Partner Dashboard, and demo routes answer 404 unless DEMO_MODE=1.
 */
export const DEMO_DEFAULTS = {
  apiKey: "demo-api-key",
  apiSecret: "demo-api-secret-do-not-use-in-production",
  appUrl: "http://localhost:3000",
  shop: "demo-shop.myshopify.com",
  shopName: "Demo Outdoor Supply",
  staffUserId: "90001",
  offlineAccessToken: "shpat_demo_offline_token",
} as const;
