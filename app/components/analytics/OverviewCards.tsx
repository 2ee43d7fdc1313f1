import { InlineGrid, ProgressBar } from "@shopify/polaris";
import { FigureCard, FigureDetail as Detail } from "./FigureCard";
import type { AnalyticsOverview, Change } from "~/lib/analytics";
import type { JsonOf } from "~/components/page/json";
import { changeText, count, percent, unknownPriceNote, usd } from "~/lib/format";
import { Money } from "~/components/page/Money";

type Overview = JsonOf<AnalyticsOverview>;

function ChangeLine({ change, unit, previousLabel }: { change: Change; unit: "usd" | "count"; previousLabel: string }) {
  return (
    <Detail>
      {changeText(change, unit)} vs {previousLabel}
    </Detail>
  );
}

interface OverviewCardsProps {
  overview: Pick<
    Overview,
    | "totals"
    | "previousTotals"
    | "changes"
    | "cache"
    | "forecast"
    | "todayTotals"
    | "budget"
    | "comparison"
    | "refreshedAt"
    | "timeZone"
  >;
  rangeName: string;
}

/** The headline figures of the chosen range, each against the previous period, plus today and the month end. */
export function OverviewCards({ overview, rangeName }: OverviewCardsProps) {
  const { totals, changes, cache, forecast, todayTotals, budget, comparison } = overview;
  const previousLabel = comparison.label;
  const unknown = unknownPriceNote(totals.unpricedCalls);

  return (
    <InlineGrid columns={{ xs: 1, sm: 2, lg: 3 }} gap="400">
      <FigureCard
        title={`Cost, ${rangeName}`}
        value={<Money picos={totals.costPicos} calls={totals.calls} unpricedCalls={totals.unpricedCalls} />}
        testId="cost-total"
      >
        {unknown && <Detail>{unknown}</Detail>}
        <ChangeLine change={changes.cost} unit="usd" previousLabel={previousLabel} />
      </FigureCard>

      <FigureCard title={`Requests, ${rangeName}`} value={count(totals.calls)} testId="calls-total">
        <Detail>
          {count(totals.errorCalls)} failed · {count(totals.cachedCalls)} answered from the app&apos;s cache
        </Detail>
        <ChangeLine change={changes.calls} unit="count" previousLabel={previousLabel} />
      </FigureCard>

      <FigureCard title={`Tokens, ${rangeName}`} value={count(totals.totalTokens)} testId="tokens-total">
        <Detail>
          {count(totals.inputTokens)} input · {count(totals.outputTokens)} output · {count(totals.cacheReadTokens)}{" "}
          cache read
        </Detail>
        <ChangeLine change={changes.tokens} unit="count" previousLabel={previousLabel} />
      </FigureCard>

      <FigureCard
        title="Projected month-end cost"
        value={<Money picos={forecast.projectedMonthEndPicos} />}
        testId="projected-total"
      >
        {budget.budgetPicos !== null && forecast.projectedPercentOfBudget !== null ? (
          <>
            <Detail>
              {percent(forecast.projectedPercentOfBudget)} of your {usd(budget.budgetPicos)} monthly budget
            </Detail>
            <ProgressBar
              progress={Math.min(100, forecast.projectedPercentOfBudget)}
              tone={forecast.projectedPercentOfBudget >= 100 ? "critical" : "highlight"}
              size="small"
              ariaLabelledBy="projected-budget-label"
              animated={false}
            />
            <span id="projected-budget-label" hidden>
              Projected month-end cost as a share of the monthly budget
            </span>
          </>
        ) : (
          <Detail>No monthly budget set</Detail>
        )}
        <Detail>
          {usd(forecast.monthToDatePicos)} so far this month · about {usd(forecast.dailyRatePicos)} a day (
          {forecast.confidence} confidence, {forecast.basisDays} {forecast.basisDays === 1 ? "day" : "days"} of history)
        </Detail>
      </FigureCard>

      <FigureCard
        title="Today so far (live)"
        value={
          <Money picos={todayTotals.costPicos} calls={todayTotals.calls} unpricedCalls={todayTotals.unpricedCalls} />
        }
        testId="today-total"
      >
        <Detail>
          {count(todayTotals.calls)} {todayTotals.calls === 1 ? "call" : "calls"} today · updated {overview.refreshedAt}{" "}
          ({overview.timeZone}), every 10 seconds
        </Detail>
      </FigureCard>

      <FigureCard
        title="Prompt caching"
        value={`${percent(cache.current.cacheReadSharePercent)} of input from cache`}
        testId="cache-share"
      >
        <Detail>Saved {usd(cache.current.savingsPicos)} against uncached input prices</Detail>
        <ChangeLine change={changes.cacheSavings} unit="usd" previousLabel={previousLabel} />
      </FigureCard>
    </InlineGrid>
  );
}
