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
  };
}
