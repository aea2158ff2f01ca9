import { TRPCError } from '@trpc/server';
import { hasPermission, type Role } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { insertAuditEntry } from '../audit/audit.queries.js';
import { findStaffById } from '../staff/staff.queries.js';
import type { AppDeps, RequestInfo } from '../../trpc/context.js';
import { findStaffAction, type ActionActor } from '../../trpc/staffAction.js';
import { completeActionRequest, type ActionRequestRow } from '../../trpc/staffAction.queries.js';
import { lockApprovalRequest, rejectApprovalRequest } from './approvals.queries.js';

/** Four-eyes: someone else, who may do the action themselves. */
export function mayDecide(approver: ActionActor, row: Pick<ActionRequestRow, 'action' | 'requesterId'>): boolean {
  const action = findStaffAction(row.action);
  return !!action && approver.id !== row.requesterId && hasPermission(approver.roles as Role[], action.permission);
}

async function lockPending(trx: DbOrTrx, id: string, approver: ActionActor): Promise<ActionRequestRow> {
  const row = await lockApprovalRequest(trx, id);
  if (!row || row.approvalReason === null) throw new TRPCError({ code: 'NOT_FOUND', message: 'No approval request with that id.' });
  if (row.status !== 'pending_approval') throw new TRPCError({ code: 'CONFLICT', message: `This request was already ${row.status === 'succeeded' ? 'approved and executed' : row.status}.` });
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) throw new TRPCError({ code: 'CONFLICT', message: 'This request expired; ask for a new one.' });
  if (row.requesterId === approver.id) throw new TRPCError({ code: 'FORBIDDEN', message: 'You cannot approve or reject your own request; another staff member must.' });
  if (!mayDecide(approver, row)) throw new TRPCError({ code: 'FORBIDDEN', message: `Deciding this request needs the ${findStaffAction(row.action)?.permission ?? row.action} permission.` });
  return row;
}

/**
 * Approves and executes a pending request exactly once, with the parameters stored at
 * request time. The action is credited to the requester on the audit log, with the
 * approver recorded; the approval itself is the approver's audit row.
 */
export async function approveAndExecute(ctx: { db: DbOrTrx; deps: AppDeps; request: RequestInfo }, approver: ActionActor, id: string, comment: string) {
  const row = await lockPending(ctx.db, id, approver);
  const action = findStaffAction(row.action)!;
  const requester = await findStaffById(ctx.db, row.requesterId);
  if (!requester) throw new TRPCError({ code: 'CONFLICT', message: 'The requester no longer exists.' });
  const requesterActor = { id: requester.id, email: requester.email, roles: requester.roles };
  const input = action.input.parse(row.input);
  const result = await action.execute({ db: ctx.db, deps: ctx.deps, actor: requesterActor, request: ctx.request }, input, { idempotencyKey: row.idempotencyKey, preview: row.preview });
  const done = await completeActionRequest(ctx.db, row.id, { result, approverId: approver.id, comment });
  await insertAuditEntry(ctx.db, {
    actor: requesterActor,
    action: action.audit,
    target: { type: row.targetType, id: row.targetId },
    reason: row.reason,
    input: row.input,
    before: row.preview,
    after: { result, approvedBy: approver.email, approvalComment: comment, requestId: row.id },
    result: 'success',
    request: ctx.request,
  });
  return { row: done, action, result };
}

export async function reject(trx: DbOrTrx, approver: ActionActor, id: string, comment: string): Promise<ActionRequestRow> {
  const row = await lockPending(trx, id, approver);
  await rejectApprovalRequest(trx, id, approver.id, comment);
  return row;
}
