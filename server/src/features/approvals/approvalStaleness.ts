import type { TApprovalRequest } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { findStaffAction } from '../actionRequests/staffAction.js';

/**
 * Marks pending requests whose action says they can no longer apply as stored (a flag
 * change whose environment moved on), so the inbox shows it before anyone approves;
 * approving one is refused by the action itself either way. Only pending requests of
 * actions that declare `staleReason` cost a lookup.
 */
export async function withStaleness(db: DbOrTrx, requests: TApprovalRequest[]): Promise<TApprovalRequest[]> {
  return Promise.all(
    requests.map(async (request) => {
      const staleReason = findStaffAction(request.action)?.staleReason;
      if (request.status !== 'pending_approval' || !staleReason) return request;
      return { ...request, stale: await staleReason(db, request.preview) };
    }),
  );
}
