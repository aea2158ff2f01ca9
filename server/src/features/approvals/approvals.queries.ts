import { sql } from 'kysely';
import type { TApprovalRequest, ZFindApprovalsRequestSchema } from '@opsdesk/shared';
import type { z } from 'zod';
import type { DbOrTrx } from '../../db/database.js';
import type { ActionRequestRow } from '../actionRequests/actionRequest.queries.js';

const allRequests = (db: DbOrTrx) => db.selectFrom('ops.actionRequests as r');

const withPeople = (requests: ReturnType<typeof allRequests>) =>
  requests
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
    money: row.moneyAmount !== null && row.moneyCurrency ? { amount: Number(row.moneyAmount), currency: row.moneyCurrency } : null,
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

/** Who is looking: their id and the actions they may decide (approvals.service.ts, approvalViewer). */
export interface ApprovalViewer {
  id: string;
  decidableActions: readonly string[];
}

type ApprovalsFilter = z.output<typeof ZFindApprovalsRequestSchema>;

/**
 * The approval requests `viewer` may see in `scope`, as SQL (mayDecide / maySee in
 * approvals.service.ts are the same rules per row): `to_decide` is what waits for them,
 * `mine` what they asked for, `all` both plus what they may decide in any state. Filtering
 * here, not after the limit, is what keeps the inbox and its badge complete.
 */
function requestsVisibleTo(db: DbOrTrx, viewer: ApprovalViewer, filter: Omit<ApprovalsFilter, 'limit'>) {
  // `= any($1)` rather than `in (…)`: a role that may decide nothing is an empty array, not invalid SQL.
  const query = allRequests(db)
    .where('r.approvalReason', 'is not', null)
    .where((eb) => {
      const mine = eb('r.requesterId', '=', viewer.id);
      const decidable = eb.and([eb('r.requesterId', '<>', viewer.id), eb('r.action', '=', eb.fn.any(eb.val([...viewer.decidableActions])))]);
      if (filter.scope === 'to_decide') return eb.and([eb('r.status', '=', 'pending_approval'), eb('r.expiresAt', '>', sql<Date>`now()`), decidable]);
      return filter.scope === 'mine' ? mine : eb.or([mine, decidable]);
    });
  return filter.scope !== 'to_decide' && filter.status ? query.where('r.status', '=', filter.status) : query;
}

/**
 * Newest first, the id breaking ties (requests made in one transaction share their
 * time). `to_decide` reads the partial indexes on pending requests (migrations 0003,
 * 0006); `all` and `mine` read those on requests held for approval, in this order
 * (migration 0031), so a page stops after its limit instead of reading the whole table
 * (approvals.plans.test.ts).
 */
export async function findApprovalRequests(db: DbOrTrx, viewer: ApprovalViewer, filter: ApprovalsFilter): Promise<RowWithPeople[]> {
  return withPeople(requestsVisibleTo(db, viewer, filter)).orderBy('r.createdAt', 'desc').orderBy('r.id', 'desc').limit(filter.limit).execute();
}

export async function countApprovalRequestsToDecide(db: DbOrTrx, viewer: ApprovalViewer): Promise<number> {
  const row = await requestsVisibleTo(db, viewer, { scope: 'to_decide' })
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function findApprovalRequest(db: DbOrTrx, id: string): Promise<RowWithPeople | undefined> {
  return withPeople(allRequests(db)).where('r.id', '=', id).executeTakeFirst();
}

/** Row lock: two approvers clicking at once are serialised here, and only one executes. */
export async function lockApprovalRequest(trx: DbOrTrx, id: string): Promise<ActionRequestRow | undefined> {
  return trx.selectFrom('ops.actionRequests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function rejectApprovalRequest(trx: DbOrTrx, id: string, approverId: string, comment: string): Promise<void> {
  await trx.updateTable('ops.actionRequests').set({ status: 'rejected', approverId, decisionComment: comment, decidedAt: new Date() }).where('id', '=', id).execute();
}
