import type { MovementTotals, PeriodFigures } from './periods.js';

/**
 * Ratios over aggregated figures (docs/metrics.md). Every ratio is a plain fraction
 * (0.05 = 5 %) or null when its denominator is zero: "no customers" is not "0 % churn".
 * Money results are integer cents, rounded half up once.
 */

const ratio = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);
const centsHalfUp = (value: number): number => Math.floor(value + 0.5);

/** ARR = MRR × 12 (cents). */
export const arr = (mrrCents: number): number => mrrCents * 12;

/** ARPA (average revenue per account) = MRR ÷ paying customers, in cents. */
export function arpa(mrrCents: number, payingCustomers: number): number | null {
  return payingCustomers === 0 ? null : centsHalfUp(mrrCents / payingCustomers);
}

/**
 * Subscriber churn rate, Stripe's formula: customers churned in the period ÷
 * (paying customers at its start + new customers in it). Over 30 days this is
 * Stripe's "churned in the last 30 days ÷ (active 30 days ago + new in those 30 days)".
 */
export function subscriberChurnRate(f: Pick<PeriodFigures, 'customersStart' | 'movementCounts'>): number | null {
  return ratio(f.movementCounts.churn, f.customersStart + f.movementCounts.new);
}

/** Gross MRR churn = (churn + contraction) ÷ MRR at the period's start, as a positive fraction. */
export function grossMrrChurnRate(f: { mrrStart: number; movements: MovementTotals }): number | null {
  return ratio(-(f.movements.churn + f.movements.contraction), f.mrrStart);
}

/**
 * Net MRR churn = (churn + contraction − expansion − reactivation) ÷ MRR at start,
 * churn and contraction as positive amounts; negative when expansion outweighs losses.
 */
export function netMrrChurnRate(f: { mrrStart: number; movements: MovementTotals }): number | null {
  const { churn, contraction, expansion, reactivation } = f.movements;
  return ratio(-(churn + contraction) - expansion - reactivation, f.mrrStart);
}

/**
 * NRR (net revenue retention) = MRR at the period's end of the customers who were
 * paying at its start ÷ their MRR at the start. New customers are not in it;
 * expansion, contraction and churn of the starting customers are.
 */
export function netRevenueRetention(f: Pick<PeriodFigures, 'mrrStart' | 'retainedMrr'>): number | null {
  return ratio(f.retainedMrr, f.mrrStart);
}

/** GRR (gross revenue retention) = like NRR, each customer capped at their start MRR; at most 1. */
export function grossRevenueRetention(f: Pick<PeriodFigures, 'mrrStart' | 'retainedMrrCapped'>): number | null {
  return ratio(f.retainedMrrCapped, f.mrrStart);
}

/** Quick ratio = (new + expansion + reactivation) ÷ (churn + contraction), losses as positive amounts. */
export function quickRatio(movements: MovementTotals): number | null {
  return ratio(movements.new + movements.expansion + movements.reactivation, -(movements.churn + movements.contraction));
}

/**
 * Customer churn rate over several periods (LTV uses the trailing 6 months): all
 * customers churned ÷ all (customers at each period's start + new in it), i.e. the
 * pooled per-period rate.
 */
export function trailingCustomerChurnRate(periods: ReadonlyArray<Pick<PeriodFigures, 'customersStart' | 'movementCounts'>>): number | null {
  const churned = periods.reduce((sum, p) => sum + p.movementCounts.churn, 0);
  const exposed = periods.reduce((sum, p) => sum + p.customersStart + p.movementCounts.new, 0);
  return ratio(churned, exposed);
}

/** LTV = ARPA ÷ monthly customer churn rate (cents); null when nobody churned or nobody pays. */
export function lifetimeValue(arpaCents: number | null, monthlyCustomerChurnRate: number | null): number | null {
  if (arpaCents === null || !monthlyCustomerChurnRate) return null;
  return centsHalfUp(arpaCents / monthlyCustomerChurnRate);
}
