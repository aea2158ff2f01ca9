import { TRPCError } from '@trpc/server';
import { ZCancelSubscriptionRequestSchema, ZSubscriptionRefSchema } from '@opsdesk/shared';
import type Stripe from 'stripe';
import { callStripe } from '../../billing/stripeErrors.js';
import { defineStaffAction, type ActionContext } from '../../actionRequests/staffAction.js';
import { retrieveSubscription, subscriptionTarget } from './actionTargets.js';
import { undoneTimes } from './actionTargets.queries.js';

const ENDED = new Set(['canceled', 'incomplete_expired']);

/** The unused share of the current period, credited when cancelling now with `prorate`. */
function unusedCredit(sub: Stripe.Subscription, now: number): number {
  if (sub.status === 'trialing') return 0;
  return sub.items.data.reduce((sum, item) => {
    const span = item.current_period_end - item.current_period_start;
    const share = span > 0 ? Math.max(0, item.current_period_end - now) / span : 0;
    return sum + Math.round((item.price.unit_amount ?? 0) * (item.quantity ?? 1) * share);
  }, 0);
}

async function cancellationState(ctx: ActionContext, subscriptionId: string) {
  const sub = await retrieveSubscription(ctx, subscriptionId);
  const item = sub.items.data[0];
  return {
    sub,
    summary: {
      subscriptionId: sub.id,
      status: sub.status,
      cancelAtPeriodEnd: sub.cancel_at_period_end,
      currentPeriodEnd: item ? new Date(item.current_period_end * 1000).toISOString() : null,
      currency: sub.currency,
    },
  };
}

/**
 * Cancel a subscription at period end (undoable) or now, optionally crediting the
 * unused time to the customer's balance (`prorate`: Stripe invoices the credit at
 * once). Medium risk: the customer loses service. The key counts earlier undos, so
 * cancel → undo → cancel is a new request while a double click is not.
 */
export const cancelAction = defineStaffAction({
  name: 'customers.cancel',
  permission: 'customers.cancel',
  audit: 'customer.subscription_canceled',
  risk: 'medium',
  input: ZCancelSubscriptionRequestSchema,
  target: (ctx, input) => subscriptionTarget(ctx, input.subscriptionId),
  async preview(ctx, input, target) {
    const { sub, summary } = await cancellationState(ctx, input.subscriptionId);
    const prorate = input.when === 'now' && input.prorate;
    return {
      ...summary,
      when: input.when,
      prorate,
      estimatedCredit: prorate ? unusedCredit(sub, Math.floor(Date.now() / 1000)) : 0,
      alreadyEnded: ENDED.has(sub.status),
      undoneBefore: await undoneTimes(ctx.db, target, ['customers.undoCancel'], input.subscriptionId),
    };
  },
  // Cancelling now with proration promises the unused time back as a credit.
  money: (preview) => (preview.estimatedCredit > 0 ? { amount: preview.estimatedCredit, currency: preview.currency, label: 'Cancellations crediting' } : null),
  idempotencyParts: (input, preview) => [input.subscriptionId, input.when, preview.prorate, preview.undoneBefore],
  async execute(ctx, input, { idempotencyKey, preview }) {
    // Re-read: a retry after a cancellation that reached Stripe must not fail or repeat it.
    const { sub } = await cancellationState(ctx, input.subscriptionId);
    if (ENDED.has(sub.status)) return { subscriptionId: sub.id, status: sub.status, cancelAtPeriodEnd: false };
    const updated = await callStripe(() =>
      input.when === 'now'
        ? ctx.deps.stripe.subscriptions.cancel(sub.id, { prorate: preview.prorate, invoice_now: preview.prorate }, { idempotencyKey })
        : ctx.deps.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true }, { idempotencyKey }),
    );
    return { subscriptionId: updated.id, status: updated.status, cancelAtPeriodEnd: updated.cancel_at_period_end };
  },
});

/** Undo a scheduled (period-end) cancellation. Low risk: it only keeps the customer subscribed. */
export const undoCancelAction = defineStaffAction({
  name: 'customers.undoCancel',
  permission: 'customers.cancel',
  audit: 'customer.cancellation_undone',
  risk: 'low',
  input: ZSubscriptionRefSchema,
  target: (ctx, input) => subscriptionTarget(ctx, input.subscriptionId),
  async preview(ctx, input, target) {
    const { sub, summary } = await cancellationState(ctx, input.subscriptionId);
    if (ENDED.has(sub.status)) throw new TRPCError({ code: 'BAD_REQUEST', message: 'This subscription has already ended; only a scheduled cancellation can be undone.' });
    return { ...summary, scheduled: sub.cancel_at_period_end || sub.cancel_at !== null, canceledBefore: await undoneTimes(ctx.db, target, ['customers.cancel'], input.subscriptionId) };
  },
  idempotencyParts: (input, preview) => [input.subscriptionId, preview.canceledBefore],
  async execute(ctx, input, { idempotencyKey }) {
    const updated = await callStripe(() => ctx.deps.stripe.subscriptions.update(input.subscriptionId, { cancel_at_period_end: false }, { idempotencyKey }));
    return { subscriptionId: updated.id, status: updated.status, cancelAtPeriodEnd: updated.cancel_at_period_end };
  },
});
