import { sql } from 'kysely';
import type { TApprovalRequest } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import type { ActionRequestRow } from '../actionRequests/actionRequest.queries.js';

const withPeople = (db: DbOrTrx) =>
  db
    .selectFrom('ops.actionRequests as r')
    .innerJoin('ops.staff as requester', 'requester.id', 'r.requesterId')
    .leftJoin('ops.staff as approver', 'approver.id', 'r.approverId')
    .selectAll('r')
    .select(['requester.email as requesterEmail', 'approver.email as approverEmail']);

type RowWithPeople = ActionRequestRow & { requesterEmail: string; approverEmail: string | null };

/** Requests that are still pending but past their deadline read as expired everywhere. */
function effectiveStatus(row: ActionRequestRow): TApprovalRequest['status'] {
  return row.status === 'pending_approval' && row.expiresAt && row.expiresAt.getTime() <= Date.now() ? 'expired' : row.status;
}

export function toApprovalRequest(row: RowWithPeople, canDecide: (row: ActionRequestRow) => boolean): TApprovalRequest {
  const status = effectiveStatus(row);
  return {
    id: row.id,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    input: row.input,
    preview: row.preview,
    reason: row.reason,
    status,
    approvalReason: row.approvalReason,
    requester: { id: row.requesterId, email: row.requesterEmail },
    approver: row.approverId ? { id: row.approverId, email: row.approverEmail ?? '' } : null,
    decisionComment: row.decisionComment,
    createdAt: new Date(row.createdAt).toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    result: row.result,
    canDecide: status === 'pending_approval' && canDecide(row),
  };
}

export async function findApprovalRequests(db: DbOrTrx, filter: { requesterId?: string; pendingOnly: boolean; status?: string; limit: number }): Promise<RowWithPeople[]> {
  let query = withPeople(db).where('r.approvalReason', 'is not', null);
  if (filter.requesterId) query = query.where('r.requesterId', '=', filter.requesterId);
  if (filter.pendingOnly) query = query.where('r.status', '=', 'pending_approval').where('r.expiresAt', '>', sql<Date>`now()`);
  else if (filter.status) query = query.where('r.status', '=', filter.status as ActionRequestRow['status']);
  return query.orderBy('r.createdAt', 'desc').limit(filter.limit).execute();
}

export async function findApprovalRequest(db: DbOrTrx, id: string): Promise<RowWithPeople | undefined> {
  return withPeople(db).where('r.id', '=', id).executeTakeFirst();
}

/** Row lock: two approvers clicking at once are serialised here, and only one executes. */
export async function lockApprovalRequest(trx: DbOrTrx, id: string): Promise<ActionRequestRow | undefined> {
  return trx.selectFrom('ops.actionRequests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function rejectApprovalRequest(trx: DbOrTrx, id: string, approverId: string, comment: string): Promise<void> {
  await trx.updateTable('ops.actionRequests').set({ status: 'rejected', approverId, decisionComment: comment, decidedAt: new Date() }).where('id', '=', id).execute();
}
