/**
 * The shop: its settings row (name, time zone, currency; budget and SEO settings live beside it), kept current from
 * Shopify after authentication and by shop/update, verified webhooks, and deleting everything on shop/redact.
 */
export { SHOP_SCOPED_MODELS, deleteShopData, deleteShopSessions } from "./shop-data.server";
export { type ShopUpdatePayload, getOrCreateShopSettings, updateShopSettingsFromWebhook } from "./shop-settings.server";
export { authenticateWebhook } from "./webhook-auth.server";
