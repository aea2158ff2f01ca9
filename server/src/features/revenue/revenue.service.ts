import {
  arpa,
  arr,
  grossMrrChurnRate,
  grossRevenueRetention,
  lifetimeValue,
  MOVEMENT_KINDS,
  netMrrChurnRate,
  netRevenueRetention,
  quickRatio,
  subscriberChurnRate,
  trailingCustomerChurnRate,
  type TRevenuePeriod,
  type TRevenueSeries,
  type TRevenueSeriesRequest,
} from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { countExcludedSubscriptions } from './revenueMix.queries.js';
import { findRevenueSettings } from './revenueRows.queries.js';
import { findPeriodSums, type PeriodSums } from './revenueSeries.queries.js';

/** Period sums → the figures and ratios finance reads, through the engine's ratio functions. */
export function toRevenuePeriod(sums: PeriodSums): TRevenuePeriod {
  const netNew = MOVEMENT_KINDS.reduce((sum, kind) => sum + sums.movements[kind], 0);
  const mrr = sums.mrrStart + netNew;
  const customers = sums.customersStart + sums.movementCounts.new + sums.movementCounts.reactivation - sums.movementCounts.churn;
  const figures = { ...sums, mrr, customers, netNew, retainedMrr: sums.mrrStart + sums.retainedDelta, retainedMrrCapped: sums.mrrStart + sums.retainedDeltaCapped };
  return {
    period: sums.label,
    startDay: sums.startDay,
    endDay: sums.endDay,
    mrr,
    mrrStart: sums.mrrStart,
    customers,
    customersStart: sums.customersStart,
    movements: sums.movements,
    movementCounts: sums.movementCounts,
    netNew,
    arr: arr(mrr),
    arpa: arpa(mrr, customers),
    subscriberChurnRate: subscriberChurnRate(figures),
    grossMrrChurnRate: grossMrrChurnRate(figures),
    netMrrChurnRate: netMrrChurnRate(figures),
    nrr: netRevenueRetention(figures),
    grr: grossRevenueRetention(figures),
    quickRatio: quickRatio(sums.movements),
  };
}

export async function findRevenueSeries(db: DbOrTrx, request: TRevenueSeriesRequest, options = { retention: true }): Promise<TRevenueSeries> {
  const [settings, sums, excluded] = await Promise.all([findRevenueSettings(db), findPeriodSums(db, request, options), countExcludedSubscriptions(db, request.filter)]);
  return { policy: request.policy, currency: settings.currency, excludedSubscriptions: excluded, periods: sums.map(toRevenuePeriod) };
}

export interface RevenueOverview extends Omit<TRevenueSeries, 'periods'> {
  current: TRevenuePeriod;
  previous: TRevenuePeriod;
  /** ARPA ÷ the customer churn rate pooled over the trailing 6 months (cents). */
  ltv: number | null;
}

/** Headline cards: the month of `to` against the month before, and LTV over the trailing six months. */
export async function findRevenueOverview(db: DbOrTrx, request: Omit<TRevenueSeriesRequest, 'interval' | 'from'>): Promise<RevenueOverview> {
  const end = new Date(`${request.to}T00:00:00Z`);
  const from = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 5, 1)).toISOString().slice(0, 10);
  const series = await findRevenueSeries(db, { ...request, from, interval: 'month' });
  const [previous, current] = series.periods.slice(-2) as [TRevenuePeriod, TRevenuePeriod];
  const ltv = lifetimeValue(current.arpa, trailingCustomerChurnRate(series.periods));
  return { policy: series.policy, currency: series.currency, excludedSubscriptions: series.excludedSubscriptions, current, previous, ltv };
}
