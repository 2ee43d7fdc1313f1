/** Reconciliation, the browser-safe side: comparing the app's records with Anthropic's report, and the causes. */
export { CAUSE_TEXT, FIGURE_NAMES, compareUsage, emptyFigures } from "./compare";
export type {
  Comparison,
  DayModelComparison,
  DayModelFigures,
  DifferenceCause,
  FigureName,
  UsageFigures,
} from "./compare";
