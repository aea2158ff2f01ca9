import type Stripe from 'stripe';
import type { Trx } from '../../../db/database.js';
import { couponIdsOf, historyItems } from './objectRows.js';
import { fromUnix, fromUnixRequired, idOf } from './time.js';

/**
 * Records one state of a subscription at the moment it took effect. Each event
 * carries the state at its own `created`, so history is complete and correctly
 * ordered however late or out of order the events arrive; a duplicate is a no-op.
 */
export async function recordSubscriptionState(trx: Trx, subscription: Stripe.Subscription, origin: { source: 'event' | 'fetch'; sourceId: string; effectiveAt: number }): Promise<void> {
  await trx
    .insertInto('billing.subscriptionHistory')
    .values({
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
    })
    .onConflict((oc) => oc.columns(['subscriptionId', 'source', 'sourceId']).doNothing())
    .execute();
}
