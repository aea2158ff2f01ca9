import { TRPCError } from '@trpc/server';
import { ZExtendTrialRequestSchema } from '@opsdesk/shared';
import { callStripe } from '../../billing/stripeErrors.js';
import { defineStaffAction } from '../../actionRequests/staffAction.js';
import { retrieveSubscription, subscriptionTarget } from './actionTargets.js';

const DAY = 86_400;

/**
 * Move a trial's end N days later. Low risk: the customer only gains free time. The
 * new end is computed from the trial end read now, but the key is the request itself
 * (subscription, days, note), never the live trial end: a twin arriving after the first
 * extension reached Stripe would otherwise see a new trial end and extend again.
 */
export const extendTrialAction = defineStaffAction({
  name: 'customers.extendTrial',
  permission: 'customers.extendTrial',
  audit: 'customer.trial_extended',
  risk: 'low',
  input: ZExtendTrialRequestSchema,
  target: (ctx, input) => subscriptionTarget(ctx, input.subscriptionId),
  async preview(ctx, input) {
    const sub = await retrieveSubscription(ctx, input.subscriptionId);
    if (sub.status !== 'trialing' || !sub.trial_end) throw new TRPCError({ code: 'BAD_REQUEST', message: `This subscription is ${sub.status}, not on a trial.` });
    const trialEnd = sub.trial_end + input.days * DAY;
    return { subscriptionId: sub.id, days: input.days, currentTrialEnd: new Date(sub.trial_end * 1000).toISOString(), newTrialEnd: new Date(trialEnd * 1000).toISOString(), trialEndUnix: trialEnd };
  },
  idempotencyParts: (input) => [input.subscriptionId, input.days, input.reason ?? ''],
  async execute(ctx, input, { idempotencyKey, preview }) {
    const sub = await callStripe(() => ctx.deps.stripe.subscriptions.update(input.subscriptionId, { trial_end: preview.trialEndUnix, proration_behavior: 'none' }, { idempotencyKey }));
    return { subscriptionId: sub.id, trialEnd: sub.trial_end ? new Date(sub.trial_end * 1000).toISOString() : null };
  },
});
