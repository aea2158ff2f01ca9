import { TRPCError } from '@trpc/server';
import type Stripe from 'stripe';
import { callStripe } from '../../billing/stripeErrors.js';
import { idOf } from '../../billing/mirror/time.js';
import type { ActionContext, ActionTarget } from '../../actionRequests/staffAction.js';
import type { DbOrTrx } from '../../../db/database.js';
import { findMirroredCustomerEmail, findMirroredSubscriptionCustomerId, findUserForAction } from './actionTargets.queries.js';

/**
 * What the customer actions act on, and how they are audited. Account actions
 * (suspend, ban, unban) target the product user (`customer`, user id); billing actions
 * target the Stripe customer (`customer`, `cus_…`), like refunds. The timeline reads both.
 */
export async function findActionUser(db: DbOrTrx, userId: string) {
  const user = await findUserForAction(db, userId);
  if (!user) throw new TRPCError({ code: 'NOT_FOUND', message: 'No customer with that id.' });
  return user;
}

export async function userTarget(ctx: ActionContext, userId: string): Promise<ActionTarget> {
  const user = await findActionUser(ctx.db, userId);
  return { type: 'customer', id: user.id, confirmText: user.email };
}

/** The Stripe customer of a subscription: from the mirror, or from Stripe if a webhook is late. */
export async function subscriptionTarget(ctx: ActionContext, subscriptionId: string): Promise<ActionTarget> {
  const customerId = (await findMirroredSubscriptionCustomerId(ctx.db, subscriptionId)) ?? idOf((await retrieveSubscription(ctx, subscriptionId)).customer);
  const email = customerId ? await findMirroredCustomerEmail(ctx.db, customerId) : null;
  return { type: 'customer', id: customerId ?? subscriptionId, confirmText: email };
}

export function retrieveSubscription(ctx: ActionContext, subscriptionId: string): Promise<Stripe.Subscription> {
  return callStripe(() => ctx.deps.stripe.subscriptions.retrieve(subscriptionId));
}
