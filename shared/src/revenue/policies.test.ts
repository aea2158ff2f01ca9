import { describe, expect, it } from 'vitest';
import { customerMovements } from './movements.js';
import { coupon, monthly, subscription } from './revenue.testing.js';
import type { RevenueOptions, RevenuePolicyName, SubscriptionState } from './revenue.types.js';
import { customerTimeline, excludedSubscriptions, mrrAt } from './timeline.js';

/** Hand-computed examples, one scenario per `describe`, checked under each policy. */
const options = (policy: RevenuePolicyName, extra: Partial<RevenueOptions> = {}): RevenueOptions => ({ policy, currency: 'usd', ...extra });
const ALL: RevenuePolicyName[] = ['stripe', 'chartmogul', 'profitwell', 'baremetrics'];
const moves = (history: SubscriptionState[], policy: RevenuePolicyName, extra: Partial<RevenueOptions> = {}) =>
  customerMovements('cus_1', customerTimeline(history, options(policy, extra))).map((m) => [m.day, m.kind, m.amountCents]);

describe('a monthly plan and an annual plan', () => {
  const history = [
    ...subscription('sub_m', 'cus_1', { at: '2025-01-10T09:00:00Z', items: [monthly(2900)], currentPeriodEnd: '2025-02-10T09:00:00Z' }),
    ...subscription('sub_y', 'cus_1', { at: '2025-03-01', items: [monthly(120_000, { interval: 'year' })], currentPeriodEnd: '2026-03-01' }),
  ];
  it.each(ALL)('%s: 29.00 from Jan 10, plus 1,200.00 a year (100.00 a month) from Mar 1', (policy) => {
    expect(mrrAt(history, '2025-01-09', options(policy))).toBe(0);
    expect(mrrAt(history, '2025-01-10', options(policy))).toBe(2900);
    expect(mrrAt(history, '2025-03-01', options(policy))).toBe(12_900);
    expect(customerTimeline(history, options(policy))).toEqual([['2025-01-10', 2900], ['2025-03-01', 12_900]]);
    expect(moves(history, policy)).toEqual([['2025-01-10', 'new', 2900], ['2025-03-01', 'expansion', 10_000]]);
  });
});

describe('coupons', () => {
  const forever = subscription('sub_1', 'cus_1', { at: '2025-01-01', items: [monthly(4900)], coupons: [coupon('half', { percentOff: 50 })] });
  it.each(ALL)('%s: a forever 50 %% coupon halves MRR', (policy) => {
    expect(customerTimeline(forever, options(policy))).toEqual([['2025-01-01', 2450]]);
  });

  // 50 % off for 3 months from Jan 15: Stripe and ProfitWell ignore it; ChartMogul and
  // Baremetrics deduct it until Apr 15, when MRR expands back to the full price.
  const repeating = subscription('sub_1', 'cus_1', { at: '2025-01-15', items: [monthly(4900)], coupons: [coupon('three', { duration: 'repeating', durationInMonths: 3, percentOff: 50 })] });
  it.each(['stripe', 'profitwell'] as const)('%s: a time-limited coupon does not count', (policy) => {
    expect(moves(repeating, policy)).toEqual([['2025-01-15', 'new', 4900]]);
  });
  it.each(['chartmogul', 'baremetrics'] as const)('%s: a time-limited coupon counts until it ends', (policy) => {
    expect(moves(repeating, policy)).toEqual([['2025-01-15', 'new', 2450], ['2025-04-15', 'expansion', 2450]]);
  });

  it('chartmogul: a recorded discount end wins; a once coupon lasts one billing interval', () => {
    const recordedEnd = subscription('sub_1', 'cus_1', { at: '2025-01-15', items: [monthly(4900)], coupons: [coupon('c', { duration: 'repeating', durationInMonths: 3, percentOff: 50, start: new Date('2025-01-15'), end: new Date('2025-02-20') })] });
    expect(customerTimeline(recordedEnd, options('chartmogul'))).toEqual([['2025-01-15', 2450], ['2025-02-20', 4900]]);
    const once = subscription('sub_1', 'cus_1', { at: '2025-01-31', items: [monthly(120_000, { interval: 'year' })], coupons: [coupon('o', { duration: 'once', amountOff: 6000, currency: 'usd' })] });
    // (120000 − 6000) / 12 = 9500 for the first year.
    expect(customerTimeline(once, options('chartmogul'))).toEqual([['2025-01-31', 9500], ['2026-01-31', 10_000]]);
  });
});

describe('a trial that converts', () => {
  const history = subscription('sub_1', 'cus_1', { at: '2025-01-01', status: 'trialing', trialEnd: new Date('2025-01-15'), items: [monthly(2900)] }, { at: '2025-01-15', status: 'active' });
  it.each(ALL)('%s: nothing during the trial, new when it converts', (policy) => {
    expect(mrrAt(history, '2025-01-14', options(policy))).toBe(0);
    expect(moves(history, policy)).toEqual([['2025-01-15', 'new', 2900]]);
  });
});

describe('past_due that goes unpaid', () => {
  const history = subscription('sub_1', 'cus_1', { at: '2025-01-01', items: [monthly(5000)], currentPeriodEnd: '2025-02-01' }, { at: '2025-02-01T02:00:00Z', status: 'past_due', currentPeriodEnd: '2025-03-01' }, { at: '2025-03-15', status: 'unpaid' });
  it.each(['stripe', 'chartmogul', 'profitwell'] as const)('%s: past_due still counts; churn when it becomes unpaid', (policy) => {
    expect(moves(history, policy)).toEqual([['2025-01-01', 'new', 5000], ['2025-03-15', 'churn', -5000]]);
  });
  it('baremetrics: churn 30 days after it became past_due (Feb 1 + 30 = Mar 3), or N days', () => {
    expect(moves(history, 'baremetrics')).toEqual([['2025-01-01', 'new', 5000], ['2025-03-03', 'churn', -5000]]);
    expect(moves(history, 'baremetrics', { pastDueChurnDays: 10 })).toEqual([['2025-01-01', 'new', 5000], ['2025-02-11', 'churn', -5000]]);
  });
  it('baremetrics: paying again after the auto-churn is a reactivation', () => {
    const recovered = [...history.slice(0, 2), ...subscription('sub_1', 'cus_1', { at: '2025-03-10', items: [monthly(5000)] })];
    expect(moves(recovered, 'baremetrics')).toEqual([['2025-01-01', 'new', 5000], ['2025-03-03', 'churn', -5000], ['2025-03-10', 'reactivation', 5000]]);
    expect(moves(recovered, 'stripe')).toEqual([['2025-01-01', 'new', 5000]]);
  });
  it('rejects a past-due allowance that is not a whole number of days', () => {
    expect(() => mrrAt(history, '2025-03-01', options('baremetrics', { pastDueChurnDays: 0 }))).toThrow(RangeError);
  });
});

describe('upgrade and downgrade mid-period', () => {
  const history = subscription('sub_1', 'cus_1', { at: '2025-01-01', items: [monthly(2900)] }, { at: '2025-02-15T13:00:00Z', items: [monthly(9900)] }, { at: '2025-03-20', items: [monthly(4900, { quantity: 1 })] });
  it.each(ALL)('%s: expansion then contraction, by the difference', (policy) => {
    expect(moves(history, policy)).toEqual([['2025-01-01', 'new', 2900], ['2025-02-15', 'expansion', 7000], ['2025-03-20', 'contraction', -5000]]);
  });
});

describe('reactivation two months after churn', () => {
  const history = [
    ...subscription('sub_1', 'cus_1', { at: '2025-01-01', items: [monthly(2900)], currentPeriodEnd: '2025-03-01' }, { at: '2025-03-01', status: 'canceled' }),
    ...subscription('sub_2', 'cus_1', { at: '2025-05-01', items: [monthly(3900)] }),
  ];
  it.each(ALL)('%s: new, churn, then reactivation (not new)', (policy) => {
    expect(moves(history, policy)).toEqual([['2025-01-01', 'new', 2900], ['2025-03-01', 'churn', -2900], ['2025-05-01', 'reactivation', 3900]]);
  });
});

describe('sign-up and cancel in the same month', () => {
  const immediate = subscription('sub_1', 'cus_1', { at: '2025-01-05', items: [monthly(2900)], currentPeriodEnd: '2025-02-05' }, { at: '2025-01-20', status: 'canceled' });
  const atPeriodEnd = subscription('sub_1', 'cus_1', { at: '2025-01-05', items: [monthly(2900)], currentPeriodEnd: '2025-02-05' }, { at: '2025-01-20', cancelAtPeriodEnd: true }, { at: '2025-02-05', status: 'canceled' });
  it('stripe: new then churn', () => {
    expect(moves(immediate, 'stripe')).toEqual([['2025-01-05', 'new', 2900], ['2025-01-20', 'churn', -2900]]);
    expect(moves(atPeriodEnd, 'stripe')).toEqual([['2025-01-05', 'new', 2900], ['2025-02-05', 'churn', -2900]]);
  });
  it('profitwell: no movement at all', () => {
    expect(customerTimeline(immediate, options('profitwell'))).toEqual([]);
    expect(customerTimeline(atPeriodEnd, options('profitwell'))).toEqual([]);
  });
  it('profitwell: a cancel after the first month churns at the end of the paid period', () => {
    const later = subscription('sub_1', 'cus_1', { at: '2025-01-05', items: [monthly(2900)], currentPeriodEnd: '2025-02-05' }, { at: '2025-02-05', currentPeriodEnd: '2025-03-05' }, { at: '2025-02-20', status: 'canceled' });
    expect(moves(later, 'profitwell')).toEqual([['2025-01-05', 'new', 2900], ['2025-03-05', 'churn', -2900]]);
    expect(moves(later, 'stripe')).toEqual([['2025-01-05', 'new', 2900], ['2025-02-20', 'churn', -2900]]);
  });
});

describe('two subscriptions, one cancelled', () => {
  const history = [
    ...subscription('sub_a', 'cus_1', { at: '2025-01-01', items: [monthly(2900)] }),
    ...subscription('sub_b', 'cus_1', { at: '2025-01-01', items: [monthly(4900)], currentPeriodEnd: '2025-03-01' }, { at: '2025-03-01', status: 'canceled' }),
  ];
  it.each(ALL)('%s: contraction, not churn', (policy) => {
    expect(moves(history, policy)).toEqual([['2025-01-01', 'new', 7800], ['2025-03-01', 'contraction', -4900]]);
  });
});

describe('another currency', () => {
  const history = [
    ...subscription('sub_usd', 'cus_1', { at: '2025-01-01', items: [monthly(2900)] }),
    ...subscription('sub_eur', 'cus_1', { at: '2025-01-01', currency: 'eur', items: [monthly(9900, { interval: 'month' })] }),
  ];
  it.each(ALL)('%s: never added, and reported', (policy) => {
    expect(mrrAt(history, '2025-02-01', options(policy))).toBe(2900);
    expect(excludedSubscriptions(history, 'usd')).toEqual({ count: 1, currencies: ['eur'], subscriptionIds: ['sub_eur'] });
  });
});
