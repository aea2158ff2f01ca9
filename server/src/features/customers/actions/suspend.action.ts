import { TRPCError } from '@trpc/server';
import { ZSuspendRequestSchema } from '@opsdesk/shared';
import { defineStaffAction } from '../../actionRequests/staffAction.js';
import { revokeUserSessions, setUserStatus } from './accountStatus.queries.js';
import { cancelSubscriptionsAtStripe, liveSubscriptionsOf } from './liveSubscriptions.js';
import { findActionUser, userTarget } from './actionTargets.js';
import { lastUndoneAt } from './actionTargets.queries.js';

const DAY_MS = 86_400_000;

/**
 * Suspend a user for N days: status `suspended` until then (the job in
 * server/src/jobs lifts it), product sessions revoked, subscriptions optionally set to
 * cancel at period end (undoable). Medium risk: reversible, but the customer is locked
 * out, so a reason is required. Stripe goes first, the status change after it, so a
 * Stripe failure leaves Opsdesk's tables untouched.
 */
export const suspendAction = defineStaffAction({
  name: 'customers.suspend',
  permission: 'customers.suspend',
  audit: 'customer.suspended',
  risk: 'medium',
  input: ZSuspendRequestSchema,
  target: (ctx, input) => userTarget(ctx, input.userId),
  async preview(ctx, input) {
    const user = await findActionUser(ctx.db, input.userId);
    if (user.status === 'deleted' || user.status === 'banned') throw new TRPCError({ code: 'BAD_REQUEST', message: `This user is ${user.status}; a suspension would change nothing.` });
    const subscriptions = input.cancelSubscriptions ? await liveSubscriptionsOf(ctx, input.userId) : [];
    return {
      userId: user.id,
      email: user.email,
      currentStatus: user.status,
      days: input.days,
      suspendedUntil: new Date(Date.now() + input.days * DAY_MS).toISOString(),
      subscriptionsToCancelAtPeriodEnd: subscriptions.filter((s) => !s.cancelAtPeriodEnd).map((s) => s.id),
      // Set at execution: a suspension answered from a twin keeps the first one's.
      lastLiftedId: await lastUndoneAt(ctx.db, input.userId, ['customer.unbanned', 'customer.suspension_lifted']),
    };
  },
  idempotencyParts: (input, preview) => [input.userId, input.days, input.cancelSubscriptions, preview.lastLiftedId],
  async execute(ctx, input, { idempotencyKey }) {
    const canceled = input.cancelSubscriptions ? await cancelSubscriptionsAtStripe(ctx, input.userId, 'period_end', idempotencyKey) : [];
    const updated = await setUserStatus(ctx.db, input.userId, { status: 'suspended', suspendedUntil: new Date(Date.now() + input.days * DAY_MS) });
    const sessionsRevoked = await revokeUserSessions(ctx.db, input.userId);
    return { status: updated.status, suspendedUntil: updated.suspendedUntil?.toISOString() ?? null, sessionsRevoked, subscriptionsCancelingAtPeriodEnd: canceled };
  },
});
