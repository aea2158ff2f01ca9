import type Stripe from 'stripe';
import type { SubscriptionHistoryRow } from './mirror.queries.js';
import { couponIdsOf, historyItems } from './objectRows.js';
import { fromUnix, fromUnixRequired, idOf } from './time.js';

/**
 * One state of a subscription at the moment it took effect. Each event carries the
 * state at its own `created`, so history is complete and correctly ordered however late
 * or out of order the events arrive — also when the mirror row itself is coalesced to
 * the newest state of a batch; a duplicate is a no-op (keyed by source and id).
 */
export function subscriptionHistoryRow(subscription: Stripe.Subscription, origin: { source: 'event' | 'fetch'; sourceId: string; effectiveAt: number }): SubscriptionHistoryRow {
  return {
    subscriptionId: subscription.id,
    customerId: idOf(subscription.customer)!,
    effectiveAt: fromUnixRequired(origin.effectiveAt),
    source: origin.source,
    sourceId: origin.sourceId,
    status: subscription.status,
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    trialEnd: fromUnix(subscription.trial_end),
    items: JSON.stringify(historyItems(subscription)),
    couponIds: couponIdsOf(subscription.discounts),
    currentPeriodEnd: periodEndOf(subscription),
    currency: (subscription.currency ?? subscription.items.data[0]?.price.currency ?? null)?.toLowerCase() ?? null,
    discounts: JSON.stringify(historyDiscounts(subscription.discounts)),
  };
}

/**
 * A discount as the history keeps it: the coupon copied as it was (a coupon deleted or
 * changed later must not change past MRR) and the discount's own start and end (ISO).
 * A bare `di_` id (not expanded) keeps only its id: the reader resolves it from another
 * state of the same subscription that carried it expanded.
 */
export interface HistoryDiscount {
  discountId: string | null;
  couponId: string | null;
  duration: string | null;
  durationInMonths: number | null;
  percentOff: number | null;
  amountOff: number | null;
  currency: string | null;
  start: string | null;
  end: string | null;
}

const isoOf = (seconds: number | null | undefined) => fromUnix(seconds)?.toISOString() ?? null;

export function historyDiscounts(discounts: Array<string | Stripe.Discount> | null | undefined): HistoryDiscount[] {
  return (discounts ?? []).map((discount) => {
    if (typeof discount === 'string') return { discountId: discount, couponId: null, duration: null, durationInMonths: null, percentOff: null, amountOff: null, currency: null, start: null, end: null };
    const coupon = discount.source?.coupon;
    const expanded = coupon && typeof coupon !== 'string' ? coupon : null;
    return {
      discountId: discount.id ?? null,
      couponId: idOf(coupon),
      duration: expanded?.duration ?? null,
      durationInMonths: expanded?.duration_in_months ?? null,
      percentOff: expanded?.percent_off ?? null,
      amountOff: expanded?.amount_off ?? null,
      currency: expanded?.currency?.toLowerCase() ?? null,
      start: isoOf(discount.start),
      end: isoOf(discount.end),
    };
  });
}

/**
 * End of the period the state serves. Since API 2025-03-31 Stripe keeps it on each item
 * (all a subscription's licensed items share the cycle); older versions on the subscription.
 */
function periodEndOf(subscription: Stripe.Subscription): Date | null {
  const legacy = (subscription as { current_period_end?: number | null }).current_period_end;
  return fromUnix(subscription.items.data[0]?.current_period_end ?? legacy);
}
