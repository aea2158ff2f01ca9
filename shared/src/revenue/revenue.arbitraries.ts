import fc from 'fast-check';
import type { CouponState, SubscriptionItemState, SubscriptionState } from './revenue.types.js';

/**
 * fast-check generators of subscription histories for the property tests: plan and
 * quantity changes, coupons of every duration, trials, past_due → unpaid, cancels
 * (immediate and at period end), reactivations, several subscriptions per customer,
 * and subscriptions in another currency. Times land on and between midnights, with
 * ties, so day boundaries are exercised.
 */
const HOUR = 3_600_000;
const HISTORY_START = Date.UTC(2025, 0, 1);

const item: fc.Arbitrary<SubscriptionItemState> = fc.record({
  unitAmount: fc.constantFrom(null, 0, 5, 6, 500, 2900, 4900, 9999, 120_000),
  quantity: fc.integer({ min: 1, max: 5 }),
  interval: fc.constantFrom('month', 'month', 'year', 'week', 'day'),
  intervalCount: fc.constantFrom(null, 1, 1, 3),
  usageType: fc.constantFrom('licensed', 'licensed', 'licensed', 'metered'),
});

const optionalMoment = fc.option(fc.integer({ min: 0, max: 500 * 24 }).map((h) => new Date(HISTORY_START + h * HOUR)), { nil: null });

const coupon: fc.Arbitrary<CouponState> = fc.record({
  id: fc.constantFrom('c1', 'c2', 'c3'),
  duration: fc.constantFrom('forever', 'once', 'repeating'),
  durationInMonths: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
  percentOff: fc.option(fc.constantFrom(10, 12.5, 50, 100), { nil: null }),
  amountOff: fc.option(fc.constantFrom(100, 999, 5000), { nil: null }),
  currency: fc.constantFrom('usd', 'eur', null),
  start: optionalMoment,
  end: optionalMoment,
});

const step = fc.record({
  afterHours: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 45 }).map((d) => d * 24)),
  status: fc.constantFrom('active', 'active', 'active', 'past_due', 'past_due', 'unpaid', 'canceled', 'trialing', 'incomplete', 'paused'),
  cancelAtPeriodEnd: fc.boolean(),
  periodDays: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
  items: fc.option(fc.array(item, { minLength: 1, maxLength: 2 }), { nil: null }),
  coupons: fc.option(fc.array(coupon, { maxLength: 2 }), { nil: null }),
});

function subscriptionHistory(subscriptionId: string, customerId: string): fc.Arbitrary<SubscriptionState[]> {
  return fc
    .record({
      startHours: fc.integer({ min: 0, max: 120 * 24 }),
      currency: fc.constantFrom('usd', 'usd', 'usd', 'eur'),
      items: fc.array(item, { minLength: 1, maxLength: 2 }),
      steps: fc.array(step, { minLength: 1, maxLength: 7 }),
    })
    .map(({ startHours, currency, items, steps }) => {
      let time = HISTORY_START + startHours * HOUR;
      let current = { items, coupons: [] as CouponState[] };
      return steps.map((s) => {
        time += s.afterHours * HOUR;
        current = { items: s.items ?? current.items, coupons: s.coupons ?? current.coupons };
        const effectiveAt = new Date(time);
        return {
          subscriptionId,
          customerId,
          effectiveAt,
          status: s.status,
          cancelAtPeriodEnd: s.cancelAtPeriodEnd,
          trialEnd: null,
          currentPeriodEnd: s.periodDays === null ? null : new Date(time + s.periodDays * 24 * HOUR),
          currency,
          ...current,
        };
      });
    });
}

/** Histories of 1–3 customers with 1–3 subscriptions each. */
export const companyHistory: fc.Arbitrary<SubscriptionState[]> = fc
  .array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 })
  .chain((subscriptionCounts) =>
    fc.tuple(...subscriptionCounts.flatMap((count, c) => Array.from({ length: count }, (_, s) => subscriptionHistory(`sub_${c}_${s}`, `cus_${c}`)))),
  )
  .map((histories) => histories.flat());
