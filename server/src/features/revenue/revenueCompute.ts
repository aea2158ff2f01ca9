import {
  customerMovements,
  customerTimeline,
  excludedSubscriptions,
  REVENUE_POLICY_NAMES,
  type CouponState,
  type MovementKind,
  type RevenuePolicyName,
  type SubscriptionState,
} from '@opsdesk/shared';
import type { HistoryCoupon, HistoryRow } from './revenueHistory.queries.js';

/**
 * One customer's precomputed rows, from their full history, through the shared engine
 * (shared/src/revenue): nothing here re-derives MRR, it only maps rows in and out and
 * attributes each movement to the recorded state (and Stripe event) of its day.
 */
export interface RevenueSettings {
  currency: string;
  pastDueChurnDays: number;
}

export interface MrrChangeRow {
  policy: RevenuePolicyName;
  customerId: string;
  day: string;
  mrrCents: number;
  currency: string;
}

export interface MovementRow {
  policy: RevenuePolicyName;
  customerId: string;
  day: string;
  kind: MovementKind;
  amountCents: number;
  beforeCents: number;
  afterCents: number;
  cohortMonth: string;
  subscriptionId: string | null;
  sourceEventId: string | null;
}

export interface TrialRow {
  subscriptionId: string;
  customerId: string;
  startedDay: string;
  convertedDay: string | null;
}

export interface CustomerRevenueRows {
  changes: MrrChangeRow[];
  movements: MovementRow[];
  excluded: Array<{ subscriptionId: string; customerId: string; currency: string }>;
  trials: TrialRow[];
}

const toNumber = (value: string | number | null): number | null => (value === null ? null : Number(value));
const toDate = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

/** A coupon whose terms are known; one still unknown (a bare `di_` id nobody resolved) cannot count. */
function couponState(coupon: HistoryCoupon): CouponState[] {
  if (!coupon.duration || !coupon.id) return [];
  return [{
    id: coupon.id,
    duration: coupon.duration,
    durationInMonths: coupon.durationInMonths,
    percentOff: toNumber(coupon.percentOff),
    amountOff: toNumber(coupon.amountOff),
    currency: coupon.currency,
    start: toDate(coupon.start),
    end: toDate(coupon.end),
  }];
}

/**
 * A history row as the engine reads it: its own period end (ProfitWell churns there),
 * its own currency (else its items', for rows recorded before the column existed), and
 * the coupons of its discounts with their start and end (ChartMogul deducts a
 * time-limited coupon until the discount ends).
 */
export function toSubscriptionState(row: HistoryRow, reportingCurrency: string): SubscriptionState {
  return {
    subscriptionId: row.subscriptionId,
    customerId: row.customerId,
    effectiveAt: new Date(row.effectiveAt),
    status: row.status,
    cancelAtPeriodEnd: row.cancelAtPeriodEnd,
    trialEnd: toDate(row.trialEnd),
    currentPeriodEnd: toDate(row.currentPeriodEnd),
    currency: (row.currency ?? row.items[0]?.currency ?? reportingCurrency).toLowerCase(),
    items: row.items.map((item) => ({ unitAmount: toNumber(item.unitAmount), quantity: item.quantity ?? 1, interval: item.interval, intervalCount: item.intervalCount, usageType: item.usageType })),
    coupons: row.coupons.flatMap(couponState),
  };
}

/**
 * Events carry discounts as bare `di_` ids; the mirror expands them when it can. A
 * discount left bare in one state takes the terms recorded for the same discount in
 * another state of the subscription, so a state is never read without its coupon
 * merely because that one fetch failed.
 */
export function withResolvedDiscounts(rows: readonly HistoryRow[]): HistoryRow[] {
  const known = new Map<string, HistoryCoupon>();
  for (const row of rows) for (const coupon of row.coupons) if (coupon.discountId && coupon.duration) known.set(`${row.subscriptionId} ${coupon.discountId}`, coupon);
  if (known.size === 0) return [...rows];
  return rows.map((row) => {
    if (row.coupons.every((c) => c.duration || !c.discountId)) return row;
    return { ...row, coupons: row.coupons.map((c) => (c.duration || !c.discountId ? c : (known.get(`${row.subscriptionId} ${c.discountId}`) ?? c))) };
  });
}

const utcDay = (moment: Date) => moment.toISOString().slice(0, 10);

/** The last state recorded on a day explains a change that day; other days (a coupon ends, a grace period runs out) have none. */
function attributionByDay(rows: readonly HistoryRow[]): Map<string, { subscriptionId: string; sourceEventId: string | null }> {
  const byDay = new Map<string, { subscriptionId: string; sourceEventId: string | null }>();
  for (const row of rows) byDay.set(utcDay(new Date(row.effectiveAt)), { subscriptionId: row.subscriptionId, sourceEventId: row.source === 'event' ? row.sourceId : null });
  return byDay;
}

function trialsOf(rows: readonly HistoryRow[]): TrialRow[] {
  const trials = new Map<string, TrialRow>();
  for (const row of rows) {
    const trial = trials.get(row.subscriptionId);
    if (!trial && row.status === 'trialing') trials.set(row.subscriptionId, { subscriptionId: row.subscriptionId, customerId: row.customerId, startedDay: utcDay(new Date(row.effectiveAt)), convertedDay: null });
    else if (trial && !trial.convertedDay && row.status === 'active') trial.convertedDay = utcDay(new Date(row.effectiveAt));
  }
  return [...trials.values()];
}

/** Rows of one customer for the given policies; `rows` is that customer's full history in order. */
export function computeCustomerRevenue(customerId: string, rows: readonly HistoryRow[], settings: RevenueSettings, policies: readonly RevenuePolicyName[] = REVENUE_POLICY_NAMES): CustomerRevenueRows {
  const states = withResolvedDiscounts(rows).map((row) => toSubscriptionState(row, settings.currency));
  const attribution = attributionByDay(rows);
  const result: CustomerRevenueRows = { changes: [], movements: [], excluded: [], trials: trialsOf(rows) };
  for (const policy of policies) {
    const timeline = customerTimeline(states, { policy, currency: settings.currency, pastDueChurnDays: settings.pastDueChurnDays });
    for (const [day, mrrCents] of timeline) result.changes.push({ policy, customerId, day, mrrCents, currency: settings.currency });
    let cohortMonth: string | null = null;
    for (const movement of customerMovements(customerId, timeline)) {
      cohortMonth ??= `${movement.day.slice(0, 7)}-01`;
      const cause = attribution.get(movement.day);
      result.movements.push({ policy, customerId, day: movement.day, kind: movement.kind, amountCents: movement.amountCents, beforeCents: movement.mrrBefore, afterCents: movement.mrrAfter, cohortMonth, subscriptionId: cause?.subscriptionId ?? null, sourceEventId: cause?.sourceEventId ?? null });
    }
  }
  const excluded = excludedSubscriptions(states, settings.currency);
  for (const subscriptionId of excluded.subscriptionIds) {
    const currency = states.find((s) => s.subscriptionId === subscriptionId)!.currency;
    result.excluded.push({ subscriptionId, customerId, currency });
  }
  return result;
}
