import { TRPCError } from '@trpc/server';
import { ZPrivacyIdRequestSchema, type TDeletionReceipt } from '@opsdesk/shared';
import { staffProcedure } from '../../../trpc/procedures.js';
import { findPrivacyRequest } from '../requests/privacyRequests.queries.js';
import { erasureAction } from './erasure.action.js';

/**
 * `privacy.*` of the erasure: the plan (`previewErasure`), the staff action that asks a
 * second person to approve it (`requestErasure`, action `privacy.erase`; approved through
 * `approvals.approve`), and the signed receipt once it completed. A receipt holds the
 * subject only as a keyed hash, so reading it is `privacy.read`.
 */
export const privacyErasureProcedures = {
  previewErasure: erasureAction.preview,
  requestErasure: erasureAction.request,
  erasureReceipt: staffProcedure
    .meta({ permission: 'privacy.read' })
    .input(ZPrivacyIdRequestSchema)
    .query(async ({ ctx, input }): Promise<TDeletionReceipt> => {
      const request = await findPrivacyRequest(ctx.db, input.requestId);
      if (!request?.receipt) throw new TRPCError({ code: 'NOT_FOUND', message: 'This request has no deletion receipt (yet).' });
      return request.receipt as TDeletionReceipt;
    }),
};
