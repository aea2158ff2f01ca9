import type Stripe from 'stripe';
import { mrrAt, type CouponState, type SubscriptionState } from '@opsdesk/shared';
import { idOf } from '../../billing/mirror/time.js';

/**
 * Stripe's side of a reconciliation: one subscription as the Stripe API lists it now,
 * valued on a day under the Stripe policy by the shared engine (`mrrAt`), so the
 * formula is the one every dashboard uses. Stripe lists a subscription only as it is
 * now; for a past day its dates decide whether it existed, was trialing or had ended
 * by then, and its current items, quantities and discounts are taken as its terms.
 */
export interface LiveSubscriptionValue {
  subscriptionId: string;
  customerId: string;
  currency: string;
  /** Monthly value on the day in the subscription's own currency (0 when it did not count that day). */
  mrrCents: number;
  /** Whether the subscription existed on the day at all. */
  existed: boolean;
  summary: MrrSummary;
}

const DAY_MS = 86_400_000;
const toDate = (seconds: number | null | undefined) => (seconds === null || seconds === undefined ? null : new Date(seconds * 1000));

/** Its status at the end of `day` as far as its dates tell; `null` when it did not exist yet. */
export function statusOnDay(subscription: Stripe.Subscription, day: string): string | null {
  const endOfDay = Date.parse(`${day}T00:00:00Z`) + DAY_MS;
  const startedAt = (subscription.start_date ?? subscription.created) * 1000;
  if (startedAt >= endOfDay) return null;
  if (subscription.ended_at && subscription.ended_at * 1000 < endOfDay) return subscription.status === 'incomplete_expired' ? 'incomplete_expired' : 'canceled';
  const trialEnd = subscription.trial_end ? subscription.trial_end * 1000 : null;
  if (trialEnd && trialEnd >= endOfDay) return 'trialing';
  // Ended or trialing only later than the day: it was paying on the day.
  if (subscription.status === 'canceled' || subscription.status === 'trialing') return 'active';
  return subscription.status;
}

function couponOf(discount: string | Stripe.Discount): CouponState[] {
  if (typeof discount === 'string') return [];
  const coupon = discount.source?.coupon;
  if (!coupon || typeof coupon === 'string') return [];
  return [{
    id: coupon.id,
    duration: coupon.duration as CouponState['duration'],
    durationInMonths: coupon.duration_in_months ?? null,
    percentOff: coupon.percent_off ?? null,
    amountOff: coupon.amount_off ?? null,
    currency: coupon.currency ?? null,
    start: toDate(discount.start),
    end: toDate(discount.end),
  }];
}

export function subscriptionCurrency(subscription: Stripe.Subscription): string {
  return (subscription.currency ?? subscription.items.data[0]?.price.currency ?? '').toLowerCase();
}

/** The subscription as one engine state effective from the start of the day. */
export function liveState(subscription: Stripe.Subscription, day: string, status: string): SubscriptionState {
  return {
    subscriptionId: subscription.id,
    customerId: idOf(subscription.customer)!,
    effectiveAt: new Date(`${day}T00:00:00Z`),
    status,
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    trialEnd: toDate(subscription.trial_end),
    currentPeriodEnd: toDate(subscription.items.data[0]?.current_period_end),
    currency: subscriptionCurrency(subscription),
    items: subscription.items.data.map((item) => ({
      unitAmount: item.price.unit_amount,
      quantity: item.quantity ?? 1,
      interval: item.price.recurring?.interval ?? null,
      intervalCount: item.price.recurring?.interval_count ?? null,
      usageType: item.price.recurring?.usage_type ?? null,
    })),
    coupons: (subscription.discounts ?? []).flatMap(couponOf),
  };
}

export function liveSubscriptionValue(subscription: Stripe.Subscription, day: string): LiveSubscriptionValue {
  const status = statusOnDay(subscription, day);
  const currency = subscriptionCurrency(subscription);
  const base = { subscriptionId: subscription.id, customerId: idOf(subscription.customer)!, currency, summary: mrrSummary(subscription) };
  if (status === null) return { ...base, mrrCents: 0, existed: false };
  // Valued in its own currency, so an excluded subscription's amount can be shown beside the totals it is not in.
  const mrrCents = mrrAt([liveState(subscription, day, status)], day, { policy: 'stripe', currency });
  return { ...base, mrrCents, existed: true };
}

/**
 * What of a subscription decides its MRR, kept small (a run holds one per subscription
 * of the account): two snapshots with the same summary are worth the same. Compares
 * Stripe's live object with the mirror's copy (discounts by id: events carry them
 * unexpanded).
 */
export interface MrrSummary {
  status: string;
  items: string;
  discounts: string;
  endedAt: number | null;
  trialEnd: number | null;
}

export function mrrSummary(subscription: Stripe.Subscription): MrrSummary {
  return {
    status: subscription.status,
    items: subscription.items.data.map((item) => `${item.price.id} × ${item.quantity ?? 1}`).sort().join(', '),
    discounts: (subscription.discounts ?? []).map((d) => (typeof d === 'string' ? d : d.id)).sort().join(', '),
    endedAt: subscription.ended_at ?? null,
    trialEnd: subscription.trial_end ?? null,
  };
}

export const sameMrrTerms = (a: MrrSummary, b: MrrSummary) => a.status === b.status && a.items === b.items && a.discounts === b.discounts && a.endedAt === b.endedAt && a.trialEnd === b.trialEnd;

/** "status active → past_due; items price_1 × 1 → price_1 × 3": what changed between the mirror's copy and Stripe's. */
export function describeChange(mirror: MrrSummary, live: MrrSummary): string {
  const changes: string[] = [];
  if (mirror.status !== live.status) changes.push(`status ${mirror.status} → ${live.status}`);
  if (mirror.items !== live.items) changes.push(`items ${mirror.items || 'none'} → ${live.items || 'none'}`);
  if (mirror.discounts !== live.discounts) changes.push(`discounts ${mirror.discounts || 'none'} → ${live.discounts || 'none'}`);
  if (mirror.endedAt !== live.endedAt || mirror.trialEnd !== live.trialEnd) changes.push('dates changed');
  return changes.join('; ');
}
