import { TRPCError } from '@trpc/server';
import { ZUnbanRequestSchema } from '@opsdesk/shared';
import { defineStaffAction } from '../../actionRequests/staffAction.js';
import { setUserStatus } from './accountStatus.queries.js';
import { findActionUser, userTarget } from './actionTargets.js';
import { lastUndoneAt } from './actionTargets.queries.js';

/**
 * Unban, or lift a suspension early: status back to `active`. Medium risk (a reason
 * is required): it lets someone back in. Cancelled subscriptions stay cancelled; a
 * scheduled cancellation can be undone separately (undoCancel).
 */
export const unbanAction = defineStaffAction({
  name: 'customers.unban',
  permission: 'customers.ban',
  audit: 'customer.unbanned',
  risk: 'medium',
  input: ZUnbanRequestSchema,
  target: (ctx, input) => userTarget(ctx, input.userId),
  async preview(ctx, input) {
    const user = await findActionUser(ctx.db, input.userId);
    if (user.status === 'deleted') throw new TRPCError({ code: 'BAD_REQUEST', message: 'This user is deleted and cannot be reinstated.' });
    return {
      userId: user.id,
      email: user.email,
      currentStatus: user.status,
      suspendedUntil: user.suspendedUntil?.toISOString() ?? null,
      lastRestrictedId: await lastUndoneAt(ctx.db, input.userId, ['customer.banned', 'customer.suspended']),
    };
  },
  idempotencyParts: (input, preview) => [input.userId, preview.lastRestrictedId],
  async execute(ctx, input) {
    const updated = await setUserStatus(ctx.db, input.userId, { status: 'active', suspendedUntil: null });
    return { status: updated.status };
  },
});
