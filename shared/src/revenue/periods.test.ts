import { describe, expect, it } from 'vitest';
import { aggregatePeriods, periodsBetween } from './periods.js';
import { arpa, arr, grossMrrChurnRate, grossRevenueRetention, lifetimeValue, netMrrChurnRate, netRevenueRetention, quickRatio, subscriberChurnRate, trailingCustomerChurnRate } from './ratios.js';
import { monthly, subscription } from './revenue.testing.js';
import { buildTimelines } from './timeline.js';

describe('period buckets (UTC)', () => {
  it('covers the range with whole months, ISO weeks from Monday, or days', () => {
    expect(periodsBetween('2025-01-15', '2025-03-01', 'month')).toEqual([
      { label: '2025-01', startDay: '2025-01-01', endDay: '2025-01-31' },
      { label: '2025-02', startDay: '2025-02-01', endDay: '2025-02-28' },
      { label: '2025-03', startDay: '2025-03-01', endDay: '2025-03-31' },
    ]);
    // 2025-01-01 is a Wednesday: its week starts on Monday 2024-12-30.
    expect(periodsBetween('2025-01-01', '2025-01-06', 'week')).toEqual([
      { label: '2024-12-30', startDay: '2024-12-30', endDay: '2025-01-05' },
      { label: '2025-01-06', startDay: '2025-01-06', endDay: '2025-01-12' },
    ]);
    expect(periodsBetween('2024-02-28', '2024-03-01', 'day').map((p) => p.label)).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
  });

  it('rejects a day that does not exist', () => {
    expect(() => periodsBetween('2025-02-30', '2025-03-01', 'day')).toThrow(RangeError);
  });
});

describe('a small company over January and February 2025 (stripe policy), figures by hand', () => {
  // a: 100.00 from Jan 1, upgraded to 150.00 on Feb 10. b: 50.00 from Jan 15, cancelled Feb 20.
  // c: 30.00 from Feb 5. d: 40.00 from Jan 1, downgraded to 20.00 on Feb 25.
  const history = [
    ...subscription('sub_a', 'cus_a', { at: '2025-01-01', items: [monthly(10_000)] }, { at: '2025-02-10', items: [monthly(15_000)] }),
    ...subscription('sub_b', 'cus_b', { at: '2025-01-15', items: [monthly(5000)] }, { at: '2025-02-20', status: 'canceled' }),
    ...subscription('sub_c', 'cus_c', { at: '2025-02-05', items: [monthly(3000)] }),
    ...subscription('sub_d', 'cus_d', { at: '2025-01-01', items: [monthly(4000)] }, { at: '2025-02-25', items: [monthly(2000)] }),
  ];
  const { timelines } = buildTimelines(history, { policy: 'stripe', currency: 'usd' });
  const [january, february] = aggregatePeriods(timelines, periodsBetween('2025-01-01', '2025-02-28', 'month'));

  it('January: three new customers', () => {
    expect(january).toMatchObject({ mrrStart: 0, mrr: 19_000, customersStart: 0, customers: 3, netNew: 19_000 });
    expect(january!.movements).toEqual({ new: 19_000, expansion: 0, contraction: 0, churn: 0, reactivation: 0 });
    expect(grossMrrChurnRate(january!)).toBeNull();
    expect(quickRatio(january!.movements)).toBeNull();
  });

  it('February: every movement kind but reactivation, and what the start customers kept', () => {
    expect(february).toMatchObject({ mrrStart: 19_000, mrr: 20_000, customersStart: 3, customers: 3, netNew: 1000, retainedMrr: 17_000, retainedMrrCapped: 12_000 });
    expect(february!.movements).toEqual({ new: 3000, expansion: 5000, contraction: -2000, churn: -5000, reactivation: 0 });
    expect(february!.movementCounts).toEqual({ new: 1, expansion: 1, contraction: 1, churn: 1, reactivation: 0 });
  });

  it('February ratios', () => {
    const f = february!;
    expect(subscriberChurnRate(f)).toBe(1 / 4); // 1 churned ÷ (3 at start + 1 new)
    expect(grossMrrChurnRate(f)).toBe(7000 / 19_000); // (5000 churn + 2000 contraction) ÷ 19000
    expect(netMrrChurnRate(f)).toBe(2000 / 19_000); // (5000 + 2000 − 5000 expansion) ÷ 19000
    expect(netRevenueRetention(f)).toBe(17_000 / 19_000); // a 15000 + b 0 + d 2000
    expect(grossRevenueRetention(f)).toBe(12_000 / 19_000); // a capped at 10000 + d 2000
    expect(quickRatio(f.movements)).toBe(8000 / 7000); // (3000 new + 5000 expansion) ÷ 7000 lost
    expect(arpa(f.mrr, f.customers)).toBe(6667); // 20000 ÷ 3 = 6666.67, half up
    expect(arr(f.mrr)).toBe(240_000);
    const churn = trailingCustomerChurnRate([january!, february!]); // 1 ÷ ((0 + 3) + (3 + 1))
    expect(churn).toBe(1 / 7);
    expect(lifetimeValue(arpa(f.mrr, f.customers), churn)).toBe(46_669); // 6667 × 7
    expect(lifetimeValue(6667, 0)).toBeNull();
  });
});
