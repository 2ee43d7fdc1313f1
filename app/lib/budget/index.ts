/** Budget, the browser-safe side: what the budget banner, card, history and toast receive. */
export type { BudgetAlertJson, BudgetStatusJson, BudgetToast } from "./budget-alerts.server";
export type { AlertDeliveryJson } from "./alert-delivery.server";
export { COST_BOUND_ALLOWANCES, callCeilingOf, callCostBoundPicos, type CallCostBoundOptions } from "./call-cost-bound";
