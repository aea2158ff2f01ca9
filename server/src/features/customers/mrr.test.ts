import { describe, expect, it } from 'vitest';
import { mrrTotals, subscriptionMrr, type MrrItem } from './mrr.js';

const item = (unitAmount: number, interval: string, intervalCount = 1, extra: Partial<MrrItem> = {}): MrrItem => ({ unitAmount, quantity: 1, interval, intervalCount, usageType: 'licensed', ...extra });

describe('MRR contribution (Stripe definition)', () => {
  it('normalises annual, quarterly and weekly prices to a month', () => {
    expect(subscriptionMrr('active', [item(24_000, 'year')], [])).toBe(2000);
    expect(subscriptionMrr('active', [item(9000, 'month', 3)], [])).toBe(3000);
    expect(subscriptionMrr('past_due', [item(1000, 'week')], [])).toBe(4333);
    expect(subscriptionMrr('active', [item(2000, 'month', 1, { quantity: 3 })], [])).toBe(6000);
  });

  it('excludes trials, ended subscriptions, free and metered prices', () => {
    expect(subscriptionMrr('trialing', [item(2000, 'month')], [])).toBe(0);
    expect(subscriptionMrr('canceled', [item(2000, 'month')], [])).toBe(0);
    expect(subscriptionMrr('active', [item(0, 'month'), item(500, 'month', 1, { usageType: 'metered' })], [])).toBe(0);
  });

  it('deducts only forever coupons', () => {
    expect(subscriptionMrr('active', [item(2000, 'month')], [{ duration: 'forever', percentOff: 25, amountOff: null }])).toBe(1500);
    expect(subscriptionMrr('active', [item(24_000, 'year')], [{ duration: 'forever', percentOff: null, amountOff: 1200 }])).toBe(1900);
    expect(subscriptionMrr('active', [item(2000, 'month')], [{ duration: 'repeating', percentOff: 50, amountOff: null }, { duration: 'once', percentOff: null, amountOff: 500 }])).toBe(2000);
  });

  it("sums a customer's MRR per currency, never adding euros to dollars", () => {
    const totals = mrrTotals([{ mrr: 2000, currency: 'usd' }, { mrr: 0, currency: 'gbp' }, { mrr: 4500, currency: 'eur' }, { mrr: 1000, currency: 'usd' }], 'usd');
    expect(totals).toEqual({ mrr: 3000, currency: 'usd', mrrInOtherCurrencies: [{ currency: 'eur', mrr: 4500 }] });
    expect(mrrTotals([{ mrr: 0, currency: 'gbp' }], 'eur')).toEqual({ mrr: 0, currency: 'eur', mrrInOtherCurrencies: [] });
  });
});
