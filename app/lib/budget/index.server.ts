/**
 * The monthly AI budget: settings, the hard cap (a reservation before every Claude call, `reserveBudget` and
 * `settleReservation`, or a check, `assertWithinBudget`), where the month's spend stands, and the 80/90/100 % crossings
 * (recorded where spend is written) with their toasts and history.
 */
export * from "./index";
export {
  MAX_CLAIMED_ALERTS,
  budgetAlertsOf,
  budgetHistoryOf,
  budgetMonthKey,
  claimBudgetAlerts,
  listBudgetAlerts,
  readBudgetAlerts,
  recordBudgetCrossings,
  updateBudgetSettings,
  thresholdsReached,
  unshownBudgetAlertsSql,
  type SpendWritten,
  type UnshownBudgetAlertRow,
} from "./budget-alerts.server";
export {
  ALERT_CHANNELS,
  type AlertChannel,
  type AlertChannels,
  type AlertSenders,
  InvalidAlertChannelsError,
  NotConfiguredError,
  createAlertSenders,
  alertMessage,
  deliverDueAlerts,
  emailIsSetUp,
  getAlertChannels,
  listAlertDeliveries,
  saveAlertChannels,
  slackPayload,
  startBudgetAlertDelivery,
} from "./alert-delivery.server";
export { MAX_ALERT_EMAILS, checkAlertEmails, checkWebhookUrl } from "./alert-targets";
export {
  BudgetExceededError,
  assertWithinBudget,
  committedSpendPicos,
  countUnwrittenSpend,
  getBudgetSettings,
  monthToDateSpendPicos,
  budgetSettingsOf,
  budgetSettingsSql,
  readBudgetSettings,
} from "./budget-settings.server";
export {
  BATCH_RESERVATION_TTL_MS,
  RESERVATION_TTL_MS,
  UnpricedCallRefusedError,
  pruneExpiredReservations,
  releaseReservation,
  reserveBudget,
  settleReservation,
  type BudgetReservation,
  type ReservationRequest,
} from "./budget-reservations.server";
