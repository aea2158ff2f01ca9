import { TRPCError } from '@trpc/server';
import { hasPermission, type Role } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { findStaffById } from '../staff/staff.queries.js';
import type { AppDeps, RequestInfo } from '../../trpc/context.js';
import type { AuditRecorder } from '../../trpc/auditMutations.js';
import { driveExecution, EXECUTION_LEASE_SECONDS } from '../actionRequests/actionExecution.js';
import { findStaffAction, listStaffActions, type ActionActor, type AnyStaffAction } from '../actionRequests/staffAction.js';
import { approveForExecution, voidPendingRequestsOf, type ActionRequestRow } from '../actionRequests/actionRequest.queries.js';
import { lockApprovalRequest, rejectApprovalRequest, type ApprovalViewer } from './approvals.queries.js';

/** A decider holds approvals.decide and may do the action themselves (support may refund, not approve a refund). */
const mayDoAction = (approver: Pick<ActionActor, 'roles'>, action: AnyStaffAction) =>
  hasPermission(approver.roles as Role[], 'approvals.decide') && hasPermission(approver.roles as Role[], action.permission);

/** Four-eyes: someone else, who may do the action themselves. */
export function mayDecide(approver: ActionActor, row: Pick<ActionRequestRow, 'action' | 'requesterId'>): boolean {
  const action = findStaffAction(row.action);
  return !!action && approver.id !== row.requesterId && mayDoAction(approver, action);
}

/**
 * mayDecide for the inbox queries: the staff member and the actions they may decide
 * (someone else's requests only), so SQL filters before its limit.
 */
export function approvalViewer(approver: ActionActor): ApprovalViewer {
  const decidableActions = listStaffActions()
    .filter((action) => mayDoAction(approver, action))
    .map((action) => action.name);
  return { id: approver.id, decidableActions };
}

/** Who may read a request: whoever made it, and whoever may decide it. */
export function maySee(viewer: ActionActor, row: Pick<ActionRequestRow, 'action' | 'requesterId'>): boolean {
  return viewer.id === row.requesterId || mayDecide(viewer, row);
}

type Locked = { row: ActionRequestRow } | { voided: ActionRequestRow };

async function lockPending(trx: DbOrTrx, id: string, approver: ActionActor): Promise<Locked> {
  const row = await lockApprovalRequest(trx, id);
  if (!row || row.approvalReason === null || !maySee(approver, row)) throw new TRPCError({ code: 'NOT_FOUND', message: 'No approval request with that id.' });
  if (row.status !== 'pending_approval') throw new TRPCError({ code: 'CONFLICT', message: `This request was already ${describeStatus(row.status)}.` });
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) throw new TRPCError({ code: 'CONFLICT', message: 'This request expired; ask for a new one.' });
  if (row.requesterId === approver.id) throw new TRPCError({ code: 'FORBIDDEN', message: 'You cannot approve or reject your own request; another staff member must.' });
  if (!mayDecide(approver, row)) throw new TRPCError({ code: 'FORBIDDEN', message: `Deciding this request needs the ${findStaffAction(row.action)?.permission ?? row.action} permission.` });
  const requester = await findStaffById(trx, row.requesterId);
  if (requester?.status !== 'active') {
    await voidPendingRequestsOf(trx, row.requesterId);
    return { voided: row };
  }
  return { row };
}

function describeStatus(status: ActionRequestRow['status']): string {
  const words: Record<ActionRequestRow['status'], string> = {
    pending_approval: 'waiting',
    executing: 'approved and is being carried out',
    succeeded: 'approved and executed',
    failed: 'approved, and failed',
    rejected: 'rejected',
    expired: 'expired',
    void: 'void: its requester was disabled',
  };
  return words[status];
}

const requesterDisabled = () => new TRPCError({ code: 'CONFLICT', message: 'The requester has been disabled, so this request is void and cannot be approved.' });

/**
 * Approves a pending request and executes it exactly once, with the parameters stored
 * at request time. The decision (and the approver's audit row) commits first, so the
 * request can no longer be rejected once its effect may have happened; then the action
 * runs on the intent-first path, credited to the requester with the approver recorded.
 */
export async function approveAndExecute(ctx: { deps: AppDeps; request: RequestInfo; audit: AuditRecorder }, approver: ActionActor, id: string, comment: string) {
  const decided = await ctx.deps.db.transaction().execute(async (trx) => {
    const locked = await lockPending(trx, id, approver);
    if ('voided' in locked) {
      await ctx.audit.writeNow(trx, 'failure', { error: 'requester disabled: request void', after: { status: 'void', action: locked.voided.action } });
      return locked;
    }
    const row = await approveForExecution(trx, id, { approverId: approver.id, comment, leaseSeconds: EXECUTION_LEASE_SECONDS });
    await ctx.audit.writeNow(trx, 'success', { before: { status: 'pending_approval' }, after: { status: 'executing', action: row.action } });
    return { row };
  });
  if ('voided' in decided) throw requesterDisabled();
  const outcome = await driveExecution(ctx.deps, ctx.request, decided.row, { leased: true });
  return { row: decided.row, outcome };
}

export async function reject(trx: DbOrTrx, approver: ActionActor, id: string, comment: string): Promise<ActionRequestRow | null> {
  const locked = await lockPending(trx, id, approver);
  if ('voided' in locked) return null;
  await rejectApprovalRequest(trx, id, approver.id, comment);
  return locked.row;
}

export { requesterDisabled };
