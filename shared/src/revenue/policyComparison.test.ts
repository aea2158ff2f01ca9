import { describe, expect, it } from 'vitest';
import { comparePoliciesAt } from './policyComparison.js';
import { coupon, monthly, subscription } from './revenue.testing.js';

describe('two policies side by side', () => {
  const history = [
    // Same under every policy.
    ...subscription('sub_plain', 'cus_plain', { at: '2025-01-01', items: [monthly(2900)] }),
    // 50 % off for 3 months: only policies deducting every coupon see 24.50.
    ...subscription('sub_coupon', 'cus_coupon', { at: '2025-01-15', items: [monthly(4900)], coupons: [coupon('three', { duration: 'repeating', durationInMonths: 3, percentOff: 50 })] }),
    // past_due since 1 Jan: on 15 Feb Baremetrics has churned it, Stripe still counts it.
    ...subscription('sub_late', 'cus_late', { at: '2024-12-01', items: [monthly(5000)] }, { at: '2025-01-01', status: 'past_due' }),
  ];
  const stripe = { policy: 'stripe', currency: 'usd' } as const;

  it('names the customers that differ, their two figures and the rule behind each', () => {
    expect(comparePoliciesAt(history, '2025-02-15', stripe, { policy: 'baremetrics', currency: 'usd' })).toEqual([
      { customerId: 'cus_coupon', mrrA: 4900, mrrB: 2450, reasons: ['coupons'] },
      { customerId: 'cus_late', mrrA: 5000, mrrB: 0, reasons: ['pastDueChurnDays'] },
    ]);
  });

  it('finds nothing between a policy and itself', () => {
    expect(comparePoliciesAt(history, '2025-02-15', stripe, stripe)).toEqual([]);
  });

  it('refuses to compare across currencies', () => {
    expect(() => comparePoliciesAt(history, '2025-02-15', stripe, { policy: 'chartmogul', currency: 'eur' })).toThrow(RangeError);
  });
});
