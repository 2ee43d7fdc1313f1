/**
 * The monthly AI budget: settings, the hard cap checked before every Claude call (`assertWithinBudget`), where the
 * month's spend stands, and the 80/90/100 % crossings with their toasts and history.
 */
export * from "./index";
export {
  BUDGET_THRESHOLDS,
  budgetAlertsToJson,
  budgetStatusToJson,
  checkBudgetAlerts,
  listBudgetAlerts,
  thresholdsReached,
} from "./budget-alerts.server";
export {
  BudgetExceededError,
  assertWithinBudget,
  getBudgetSettings,
  monthToDateSpendPicos,
  updateBudgetSettings,
} from "./budget-settings.server";
