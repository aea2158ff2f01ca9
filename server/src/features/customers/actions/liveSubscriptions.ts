import type Stripe from 'stripe';
import { callStripe } from '../../billing/stripeErrors.js';
import type { ActionContext } from '../../actionRequests/staffAction.js';
import { ownedStripeCustomerIds } from './accountStatus.queries.js';

/** The user's subscriptions as Stripe has them now, and cancelling them: for ban and suspend. */
export interface LiveSubscription {
  id: string;
  customerId: string;
  status: string;
  cancelAtPeriodEnd: boolean;
  /** Any item with a price above zero: a paying customer (for the ban's four-eyes rule). */
  paid: boolean;
}

const LIVE_STATUSES = new Set(['active', 'past_due', 'trialing', 'unpaid', 'incomplete', 'paused']);

/** From Stripe itself, not the mirror: what a ban or suspension cancels must be current. */
export async function liveSubscriptionsOf(ctx: ActionContext, userId: string): Promise<LiveSubscription[]> {
  const customers = await ownedStripeCustomerIds(ctx.db, userId);
  const lists = await Promise.all(customers.map((customer) => callStripe(() => ctx.deps.stripe.subscriptions.list({ customer, status: 'all', limit: 100 }))));
  return lists
    .flatMap((list) => list.data)
    .filter((s) => LIVE_STATUSES.has(s.status))
    .map((s: Stripe.Subscription) => ({
      id: s.id,
      customerId: typeof s.customer === 'string' ? s.customer : s.customer.id,
      status: s.status,
      cancelAtPeriodEnd: s.cancel_at_period_end,
      paid: s.items.data.some((item) => (item.price.unit_amount ?? 0) > 0),
    }));
}

export const isPaying = (subs: LiveSubscription[]) => subs.some((s) => s.paid && ['active', 'past_due', 'trialing'].includes(s.status));

/**
 * Ban: cancel now, without proration. Suspension: cancel at period end, so it can be
 * undone if the customer comes back. Each call carries its own idempotency key, and
 * the list is re-read at execution, so a retry after a partial failure skips what is done.
 */
export async function cancelSubscriptionsAtStripe(ctx: ActionContext, userId: string, mode: 'now' | 'period_end', idempotencyKey: string): Promise<string[]> {
  const subs = (await liveSubscriptionsOf(ctx, userId)).filter((s) => mode === 'now' || !s.cancelAtPeriodEnd);
  for (const sub of subs) {
    const key = `${idempotencyKey}-${sub.id}`;
    if (mode === 'now') await callStripe(() => ctx.deps.stripe.subscriptions.cancel(sub.id, { prorate: false }, { idempotencyKey: key }));
    else await callStripe(() => ctx.deps.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true }, { idempotencyKey: key }));
  }
  return subs.map((s) => s.id);
}
