import { sql, type Selectable } from 'kysely';
import type { TActionOutcome } from '@opsdesk/shared';
import type { DbOrTrx } from '../db/database.js';
import type { ActionRequestTable } from '../db/schema.js';

export type ActionRequestRow = Selectable<ActionRequestTable>;

const LIVE_STATUSES = ['pending_approval', 'succeeded'] as const;

/**
 * Inserts the request unless a live one (pending or done) has the same idempotency key.
 * A concurrent twin waits on the partial unique index until the first transaction
 * ends, then finds its row (or, if the first rolled back, claims the key itself).
 * A rejected or expired request does not block a new one; a pending request past its
 * deadline is marked expired here, which frees its key.
 */
export async function claimActionRequest(
  db: DbOrTrx,
  request: { action: string; idempotencyKey: string; requesterId: string; target: { type: string; id: string }; input: unknown; preview: unknown; reason: string | null },
): Promise<{ claimed: boolean; row: ActionRequestRow }> {
  await db
    .updateTable('ops.actionRequests')
    .set({ status: 'expired' })
    .where('idempotencyKey', '=', request.idempotencyKey)
    .where('status', '=', 'pending_approval')
    .where('expiresAt', '<=', sql<Date>`now()`)
    .execute();
  const inserted = await db
    .insertInto('ops.actionRequests')
    .values({
      action: request.action,
      idempotencyKey: request.idempotencyKey,
      requesterId: request.requesterId,
      targetType: request.target.type,
      targetId: request.target.id,
      input: JSON.stringify(request.input),
      preview: request.preview === undefined ? null : JSON.stringify(request.preview),
      reason: request.reason,
      // Provisional: becomes pending_approval or keeps succeeded with its result before commit.
      status: 'succeeded',
    })
    .onConflict((oc) => oc.column('idempotencyKey').where('status', 'in', [...LIVE_STATUSES]).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { claimed: true, row: inserted };
  const existing = await db
    .selectFrom('ops.actionRequests')
    .selectAll()
    .where('idempotencyKey', '=', request.idempotencyKey)
    .where('status', 'in', [...LIVE_STATUSES])
    .executeTakeFirstOrThrow();
  return { claimed: false, row: existing };
}

export async function holdForApproval(db: DbOrTrx, id: string, approvalReason: string, ttlHours: number): Promise<ActionRequestRow> {
  return db
    .updateTable('ops.actionRequests')
    .set({ status: 'pending_approval', approvalReason, expiresAt: sql<Date>`now() + make_interval(hours => ${ttlHours})` as never })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function completeActionRequest(db: DbOrTrx, id: string, outcome: { result: unknown; approverId: string | null; comment: string | null }): Promise<ActionRequestRow> {
  return db
    .updateTable('ops.actionRequests')
    .set({
      status: 'succeeded',
      result: JSON.stringify(outcome.result ?? null),
      executedAt: new Date(),
      ...(outcome.approverId && { approverId: outcome.approverId, decisionComment: outcome.comment, decidedAt: new Date() }),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function outcomeOf<TResult>(row: ActionRequestRow, duplicate: boolean): TActionOutcome<TResult> {
  if (row.status === 'pending_approval') {
    return { status: 'approval_requested', requestId: row.id, approvalReason: row.approvalReason ?? '', expiresAt: row.expiresAt?.toISOString() ?? '', duplicate };
  }
  return { status: 'done', requestId: row.id, result: row.result as TResult, duplicate };
}
