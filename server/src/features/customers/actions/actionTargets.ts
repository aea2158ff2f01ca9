import { TRPCError } from '@trpc/server';
import type Stripe from 'stripe';
import { sql } from 'kysely';
import type { DbOrTrx } from '../../../db/database.js';
import { callStripe } from '../../billing/stripeErrors.js';
import { idOf } from '../../billing/mirror/time.js';
import type { ActionContext, ActionTarget } from '../../../trpc/staffAction.js';

/**
 * What the customer actions act on, and how they are audited. Account actions
 * (suspend, ban, unban) target the product user (`customer`, user id); billing actions
 * target the Stripe customer (`customer`, `cus_…`), like refunds. The timeline reads both.
 */
export async function findActionUser(db: DbOrTrx, userId: string) {
  const user = await db.selectFrom('app.users').select(['id', 'email', 'name', 'status', 'suspendedUntil']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw new TRPCError({ code: 'NOT_FOUND', message: 'No customer with that id.' });
  return user;
}

export async function userTarget(ctx: ActionContext, userId: string): Promise<ActionTarget> {
  const user = await findActionUser(ctx.db, userId);
  return { type: 'customer', id: user.id, confirmText: user.email };
}

/** The Stripe customer of a subscription: from the mirror, or from Stripe if a webhook is late. */
export async function subscriptionTarget(ctx: ActionContext, subscriptionId: string): Promise<ActionTarget> {
  const mirrored = await ctx.db.selectFrom('billing.subscriptions').select('customerId').where('id', '=', subscriptionId).executeTakeFirst();
  const customerId = mirrored?.customerId ?? idOf((await callStripe(() => ctx.deps.stripe.subscriptions.retrieve(subscriptionId))).customer);
  const email = customerId ? (await ctx.db.selectFrom('billing.customers').select('email').where('id', '=', customerId).executeTakeFirst())?.email : null;
  return { type: 'customer', id: customerId ?? subscriptionId, confirmText: email ?? null };
}

export function retrieveSubscription(ctx: ActionContext, subscriptionId: string): Promise<Stripe.Subscription> {
  return callStripe(() => ctx.deps.stripe.subscriptions.retrieve(subscriptionId));
}

/**
 * Which "round" of an action this is, from the actions that undo it: cancel → undo →
 * cancel again must be a new request, while a double click (or a twin in a second tab)
 * must not. Counting the *undoing* actions works because a concurrent twin of the same
 * action never changes that count (unlike live Stripe state, which it does change).
 */
export async function undoneTimes(db: DbOrTrx, target: { type: string; id: string }, undoingActions: string[], subscriptionId: string): Promise<number> {
  const row = await db
    .selectFrom('ops.actionRequests')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('targetType', '=', target.type)
    .where('targetId', '=', target.id)
    .where('action', 'in', undoingActions)
    .where('status', '=', 'succeeded')
    .where(sql<string>`input->>'subscriptionId'`, '=', subscriptionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Same idea for account actions, whose undoing includes the suspension-lifting job: the audit log has both. */
export async function lastUndoneAt(db: DbOrTrx, userId: string, undoingAuditActions: string[]): Promise<string> {
  const row = await db
    .selectFrom('ops.auditLog')
    .select((eb) => eb.fn.max<string | null>('id').as('lastId'))
    .where('targetType', '=', 'customer')
    .where('targetId', '=', userId)
    .where('action', 'in', undoingAuditActions)
    .where('result', '=', 'success')
    .executeTakeFirstOrThrow();
  return row.lastId ?? '0';
}

