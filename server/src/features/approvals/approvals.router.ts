import { TRPCError } from '@trpc/server';
import { ZDecideApprovalRequestSchema, ZFindApprovalsRequestSchema } from '@opsdesk/shared';
import { z } from 'zod';
import { router, staffProcedure } from '../../trpc/procedures.js';
import { countApprovalRequestsToDecide, findApprovalRequest, findApprovalRequests, toApprovalRequest } from './approvals.queries.js';
import { withStaleness } from './approvalStaleness.js';
import { approvalViewer, approveAndExecute, mayDecide, maySee, reject } from './approvals.service.js';

export const approvalsRouter = router({
  /** The inbox: `to_decide` = pending requests this staff member may decide. */
  find: staffProcedure
    .meta({ permission: 'approvals.read' })
    .input(ZFindApprovalsRequestSchema)
    .query(async ({ ctx, input }) => {
      const me = ctx.session.staff;
      // Requests you made and requests you may decide; nobody browses everyone else's.
      // The query filters before its limit; the per-row check only fails closed should the two ever disagree.
      const rows = await findApprovalRequests(ctx.db, approvalViewer(me), input);
      const visible = rows.filter((row) => (input.scope === 'to_decide' ? mayDecide(me, row) : maySee(me, row)));
      return withStaleness(ctx.db, visible.map((row) => toApprovalRequest(row, (r) => mayDecide(me, r))));
    }),

  /** How many pending requests this staff member may decide (the menu badge). */
  countToDecide: staffProcedure.meta({ permission: 'approvals.read' }).query(async ({ ctx }) => {
    return countApprovalRequestsToDecide(ctx.db, approvalViewer(ctx.session.staff));
  }),

  get: staffProcedure
    .meta({ permission: 'approvals.read' })
    .input(z.strictObject({ id: z.uuid() }))
    .query(async ({ ctx, input }) => {
      const row = await findApprovalRequest(ctx.db, input.id);
      if (!row || row.approvalReason === null || !maySee(ctx.session.staff, row)) throw new TRPCError({ code: 'NOT_FOUND', message: 'No approval request with that id.' });
      return (await withStaleness(ctx.db, [toApprovalRequest(row, (r) => mayDecide(ctx.session.staff, r))]))[0]!;
    }),

  approve: staffProcedure
    .meta({ permission: 'approvals.decide', audit: { action: 'approval.approved', targetType: 'approval_request', intentFirst: true } })
    .input(ZDecideApprovalRequestSchema)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target('approval_request', input.id);
      const { row, outcome } = await approveAndExecute(ctx, ctx.session.staff, input.id, input.comment);
      const status = outcome.status === 'done' ? 'succeeded' : 'executing';
      return { id: row.id, status, result: outcome.status === 'done' ? outcome.result : null };
    }),

  reject: staffProcedure
    .meta({ permission: 'approvals.decide', audit: { action: 'approval.rejected', targetType: 'approval_request' } })
    .input(ZDecideApprovalRequestSchema)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target('approval_request', input.id);
      const row = await reject(ctx.db, ctx.session.staff, input.id, input.comment);
      // A void request is recorded as such (the rejection did not happen); the void commits.
      if (!row) {
        ctx.audit.action('approval.voided');
        ctx.audit.change({ status: 'pending_approval' }, { status: 'void' });
        return { id: input.id, status: 'void' as const };
      }
      ctx.audit.change({ status: 'pending_approval' }, { status: 'rejected', action: row.action });
      return { id: row.id, status: 'rejected' as const };
    }),
});
