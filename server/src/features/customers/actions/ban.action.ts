import { TRPCError } from '@trpc/server';
import { ZBanRequestSchema } from '@opsdesk/shared';
import { defineStaffAction } from '../../actionRequests/staffAction.js';
import { revokeUserSessions, setUserStatus } from './accountStatus.queries.js';
import { cancelSubscriptionsAtStripe, isPaying, liveSubscriptionsOf } from './liveSubscriptions.js';
import { findActionUser, userTarget } from './actionTargets.js';
import { lastUndoneAt } from './actionTargets.queries.js';

/**
 * Ban a user: status `banned`, product sessions revoked, subscriptions optionally
 * cancelled now (no proration). High risk: the customer's email must be typed to
 * confirm. Banning a paying customer (an active, past-due or trialing paid
 * subscription, read from Stripe) needs a second person. Stripe first, then the status.
 */
export const banAction = defineStaffAction({
  name: 'customers.ban',
  permission: 'customers.ban',
  audit: 'customer.banned',
  risk: 'high',
  input: ZBanRequestSchema,
  target: (ctx, input) => userTarget(ctx, input.userId),
  async preview(ctx, input) {
    const user = await findActionUser(ctx.db, input.userId);
    if (user.status === 'deleted') throw new TRPCError({ code: 'BAD_REQUEST', message: 'This user is deleted; there is nothing to ban.' });
    const subscriptions = await liveSubscriptionsOf(ctx, input.userId);
    return {
      userId: user.id,
      email: user.email,
      currentStatus: user.status,
      paying: isPaying(subscriptions),
      subscriptionsToCancel: input.cancelSubscriptions ? subscriptions.map((s) => s.id) : [],
      lastUnbannedId: await lastUndoneAt(ctx.db, input.userId, ['customer.unbanned']),
    };
  },
  needsApproval: (_ctx, _input, preview) => (preview.paying ? 'Banning a paying customer needs a second person.' : null),
  idempotencyParts: (input, preview) => [input.userId, input.cancelSubscriptions, preview.lastUnbannedId],
  async execute(ctx, input, { idempotencyKey }) {
    const canceled = input.cancelSubscriptions ? await cancelSubscriptionsAtStripe(ctx, input.userId, 'now', idempotencyKey) : [];
    const updated = await setUserStatus(ctx.db, input.userId, { status: 'banned', suspendedUntil: null });
    const sessionsRevoked = await revokeUserSessions(ctx.db, input.userId);
    return { status: updated.status, sessionsRevoked, subscriptionsCanceled: canceled };
  },
});
