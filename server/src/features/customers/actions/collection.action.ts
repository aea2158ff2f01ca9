import { TRPCError } from '@trpc/server';
import { ZPauseCollectionRequestSchema, ZSubscriptionRefSchema } from '@opsdesk/shared';
import { callStripe } from '../../billing/stripeErrors.js';
import { defineStaffAction } from '../../actionRequests/staffAction.js';
import { retrieveSubscription, subscriptionTarget } from './actionTargets.js';
import { undoneTimes } from './actionTargets.queries.js';

const ENDED = new Set(['canceled', 'incomplete_expired']);

async function collectionState(ctx: Parameters<typeof retrieveSubscription>[0], subscriptionId: string) {
  const sub = await retrieveSubscription(ctx, subscriptionId);
  if (ENDED.has(sub.status)) throw new TRPCError({ code: 'BAD_REQUEST', message: `This subscription is ${sub.status}; there is nothing to collect.` });
  return { sub, summary: { subscriptionId: sub.id, status: sub.status, pauseCollection: sub.pause_collection } };
}

/**
 * Pause payment collection (the subscription stays, its invoices are kept as drafts,
 * marked uncollectible or voided). Low risk: nothing is charged and it is undone by
 * resume. Pause → resume → pause is a new request; a double click is not.
 */
export const pauseCollectionAction = defineStaffAction({
  name: 'customers.pauseCollection',
  permission: 'customers.pauseCollection',
  audit: 'customer.collection_paused',
  risk: 'low',
  input: ZPauseCollectionRequestSchema,
  target: (ctx, input) => subscriptionTarget(ctx, input.subscriptionId),
  async preview(ctx, input, target) {
    const { summary } = await collectionState(ctx, input.subscriptionId);
    if (input.resumesAt && new Date(input.resumesAt).getTime() <= Date.now()) throw new TRPCError({ code: 'BAD_REQUEST', message: 'resumesAt: Choose a time in the future.' });
    return { ...summary, behavior: input.behavior, resumesAt: input.resumesAt ?? null, resumedBefore: await undoneTimes(ctx.db, target, ['customers.resumeCollection'], input.subscriptionId) };
  },
  idempotencyParts: (input, preview) => [input.subscriptionId, input.behavior, input.resumesAt ?? null, preview.resumedBefore],
  async execute(ctx, input, { idempotencyKey }) {
    const resumesAt = input.resumesAt ? Math.floor(new Date(input.resumesAt).getTime() / 1000) : undefined;
    const sub = await callStripe(() =>
      ctx.deps.stripe.subscriptions.update(input.subscriptionId, { pause_collection: { behavior: input.behavior, ...(resumesAt && { resumes_at: resumesAt }) } }, { idempotencyKey }),
    );
    return { subscriptionId: sub.id, pauseCollection: sub.pause_collection };
  },
});

/** Resume collection. Low risk: it restores normal billing. */
export const resumeCollectionAction = defineStaffAction({
  name: 'customers.resumeCollection',
  permission: 'customers.pauseCollection',
  audit: 'customer.collection_resumed',
  risk: 'low',
  input: ZSubscriptionRefSchema,
  target: (ctx, input) => subscriptionTarget(ctx, input.subscriptionId),
  async preview(ctx, input, target) {
    const { summary } = await collectionState(ctx, input.subscriptionId);
    return { ...summary, paused: summary.pauseCollection !== null, pausedBefore: await undoneTimes(ctx.db, target, ['customers.pauseCollection'], input.subscriptionId) };
  },
  idempotencyParts: (input, preview) => [input.subscriptionId, preview.pausedBefore],
  async execute(ctx, input, { idempotencyKey }) {
    const sub = await callStripe(() => ctx.deps.stripe.subscriptions.update(input.subscriptionId, { pause_collection: '' }, { idempotencyKey }));
    return { subscriptionId: sub.id, pauseCollection: sub.pause_collection };
  },
});
