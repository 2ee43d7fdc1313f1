/**
 * The shop: its settings row (name, time zone, currency; budget and SEO settings live beside it), kept current from
 * Shopify after authentication and by shop/update, and deleting everything on shop/redact.
 */
export {
  KEPT_AFTER_REDACTION,
  SHOP_SCOPED_MODELS,
  deleteShopData,
  deleteShopSessions,
  firstDelivery,
  forgetDelivery,
  pruneWebhookDeliveries,
  redactedAmong,
  uninstallShop,
} from "./shop-data.server";
export {
  type ShopSettings,
  type ShopUpdateOutcome,
  type ShopUpdatePayload,
  getShopSettings,
  refreshShopFromShopify,
  updateShopSettingsFromWebhook,
} from "./shop-settings.server";
export { SessionStorageReadingPlainSql } from "./session-storage.server";
export { staffNamesFrom, staffNamesOf, staffSessionsSql, type StaffSessionRow } from "./staff.server";
