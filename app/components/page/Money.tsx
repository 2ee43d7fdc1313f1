import { costText, usdExact } from "~/lib/format";

interface MoneyProps {
  /** Exact pico-dollars (a decimal string from the loader, or a bigint). */
  picos: string | bigint;
  /** With `calls` and `unpricedCalls`: "unknown" when every call had no price, as `costText` says. */
  calls?: number;
  unpricedCalls?: number;
}

/**
 * An amount in dollars and cents, with the exact amount on hover (and for assistive technology): the way every page
 * shows money.
 */
export function Money({ picos, calls = 0, unpricedCalls = 0 }: MoneyProps) {
  const text = costText(picos, calls, unpricedCalls);
  if (text === "unknown") return <span>unknown</span>;
  const exact = usdExact(picos);
  return exact === text ? <span>{text}</span> : <span title={`Exactly ${exact}`}>{text}</span>;
}
