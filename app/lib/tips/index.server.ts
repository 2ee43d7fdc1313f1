/** Cost optimization tips computed from the shop's own usage, and Claude's own suggestions on request. */
export {
  TIPS_ENDPOINT,
  TIPS_MODEL,
  TIPS_PERIOD_DAYS,
  askClaudeForTips,
  describeAskFailure,
  getOptimizationTips,
} from "./optimization-tips.server";
