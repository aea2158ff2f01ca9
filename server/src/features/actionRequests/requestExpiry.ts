import type { Trx } from '../../db/database.js';
import { insertAuditEntry } from '../audit/audit.queries.js';
import { markOverdueRequestsExpired, type ActionRequestRow, type OverdueRequests } from './actionRequest.queries.js';

/** "Approval expired" in the console's audit views (auditActionLabel), beside "Approval rejected". */
export const APPROVAL_EXPIRED_AUDIT = 'approval.expired';

/**
 * A request held for approval that nobody decided before its deadline becomes `expired`,
 * with an audit row in the same transaction, so the log says it ran out as it says when
 * one is approved or rejected. The row is the system's (no actor: the deadline decided,
 * not whoever's request noticed it) and names the approval request, as a decision does.
 * Two paths call it: the scheduled job (approvals/approvalExpiry.job.ts) and a staff
 * action asking again with the same key (staffAction.ts), which frees the key.
 */
export async function expireOverdueRequests(trx: Trx, which: OverdueRequests, requestId: string): Promise<ActionRequestRow[]> {
  const expired = await markOverdueRequestsExpired(trx, which);
  for (const row of expired) {
    await insertAuditEntry(trx, {
      actor: null,
      action: APPROVAL_EXPIRED_AUDIT,
      target: { type: 'approval_request', id: row.id },
      reason: 'Nobody decided before the deadline.',
      before: { status: 'pending_approval', expiresAt: row.expiresAt?.toISOString() ?? null },
      after: { status: 'expired', action: row.action },
      result: 'success',
      request: { requestId, ip: null, userAgent: null },
    });
  }
  return expired;
}
