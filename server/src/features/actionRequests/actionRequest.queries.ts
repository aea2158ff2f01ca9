import { sql, type Selectable } from 'kysely';
import type { TActionOutcome } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import type { ActionRequestTable } from '../../db/schema.js';

export type ActionRequestRow = Selectable<ActionRequestTable>;

/** A request in one of these states holds its idempotency key: a twin finds it instead of acting again. */
const LIVE_STATUSES = ['pending_approval', 'executing', 'succeeded'] as const;

export interface NewActionRequest {
  action: string;
  idempotencyKey: string;
  requesterId: string;
  target: { type: string; id: string };
  input: unknown;
  preview: unknown;
  reason: string | null;
  money: { amount: number; currency: string } | null;
  /** How long the first driver owns the request before the reconciler may take over. */
  leaseSeconds: number;
}

/**
 * Inserts the request as `executing` (the intent) unless a live one has the same
 * idempotency key. A concurrent twin waits on the partial unique index until the first
 * transaction ends, then finds its row (or, if the first rolled back, claims the key).
 * A pending request holds its key until it is marked expired: callers whose requests can
 * be held for approval expire the key's overdue one first (requestExpiry.ts).
 */
export async function claimActionRequest(db: DbOrTrx, request: NewActionRequest): Promise<{ claimed: boolean; row: ActionRequestRow }> {
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
      status: 'executing',
      moneyAmount: request.money?.amount ?? null,
      moneyCurrency: request.money?.currency ?? null,
      leaseUntil: leaseFromNow(request.leaseSeconds),
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

const leaseFromNow = (seconds: number) => sql<Date>`now() + make_interval(secs => ${seconds})` as never;

export async function holdForApproval(db: DbOrTrx, id: string, approvalReason: string, ttlHours: number): Promise<ActionRequestRow> {
  return db
    .updateTable('ops.actionRequests')
    .set({ status: 'pending_approval', approvalReason, leaseUntil: null, expiresAt: sql<Date>`now() + make_interval(hours => ${ttlHours})` as never })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The decision is committed before the execution: from here the request can no longer be rejected. */
export async function approveForExecution(trx: DbOrTrx, id: string, decision: { approverId: string; comment: string; leaseSeconds: number }): Promise<ActionRequestRow> {
  return trx
    .updateTable('ops.actionRequests')
    .set({ status: 'executing', approverId: decision.approverId, decisionComment: decision.comment, decidedAt: new Date(), leaseUntil: leaseFromNow(decision.leaseSeconds) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Takes over an executing request whose driver is gone or gave up (`lease_until` at
 * least `minIdleSeconds` in the past): atomic, so two processes never drive one request.
 */
export async function leaseExecutingRequest(db: DbOrTrx, id: string, options: { leaseSeconds: number; minIdleSeconds: number }): Promise<ActionRequestRow | undefined> {
  return db
    .updateTable('ops.actionRequests')
    .set((eb) => ({ leaseUntil: leaseFromNow(options.leaseSeconds), attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'executing')
    .where((eb) => eb.or([eb('leaseUntil', 'is', null), eb('leaseUntil', '<=', sql<Date>`now() - make_interval(secs => ${options.minIdleSeconds})`)]))
    .returningAll()
    .executeTakeFirst();
}

/** Stripe did not confirm either way: the next retry (or the reconciler) drives it again with the same key. */
export async function releaseLease(db: DbOrTrx, id: string, lastError: string): Promise<void> {
  await db.updateTable('ops.actionRequests').set({ leaseUntil: sql<Date>`now()` as never, lastError }).where('id', '=', id).where('status', '=', 'executing').execute();
}

export async function findRequestsToReconcile(db: DbOrTrx, options: { minIdleSeconds: number; limit: number }): Promise<ActionRequestRow[]> {
  return db
    .selectFrom('ops.actionRequests')
    .selectAll()
    .where('status', '=', 'executing')
    .where((eb) => eb.or([eb('leaseUntil', 'is', null), eb('leaseUntil', '<=', sql<Date>`now() - make_interval(secs => ${options.minIdleSeconds})`)]))
    .orderBy('createdAt')
    .limit(options.limit)
    .execute();
}

/** Only an executing request completes; when a twin finished it first, its row is returned with `completedNow` false. */
export async function completeActionRequest(db: DbOrTrx, id: string, result: unknown): Promise<{ row: ActionRequestRow; completedNow: boolean }> {
  const done = await db
    .updateTable('ops.actionRequests')
    .set({ status: 'succeeded', result: JSON.stringify(result ?? null), executedAt: new Date(), leaseUntil: null, lastError: null })
    .where('id', '=', id)
    .where('status', '=', 'executing')
    .returningAll()
    .executeTakeFirst();
  if (done) return { row: done, completedNow: true };
  return { row: await db.selectFrom('ops.actionRequests').selectAll().where('id', '=', id).executeTakeFirstOrThrow(), completedNow: false };
}

export async function failActionRequest(db: DbOrTrx, id: string, error: string): Promise<boolean> {
  const failed = await db.updateTable('ops.actionRequests').set({ status: 'failed', lastError: error, leaseUntil: null }).where('id', '=', id).where('status', '=', 'executing').executeTakeFirst();
  return failed.numUpdatedRows > 0n;
}

/** Which overdue requests to expire: the one holding a key (waiting for its row lock), or a batch, oldest deadline first. */
export type OverdueRequests = { idempotencyKey: string } | { limit: number };

/**
 * Marks pending requests past their deadline `expired` and returns them. A batch skips
 * rows another transaction holds (an approver deciding, another server's batch: `skip
 * locked`); either way a row changes only while still pending, so it is expired once.
 * The chosen ids are a materialized CTE, so the locking select runs once: as a plain
 * `in (select …)` a plan may run it again per row, each time skipping the rows this
 * statement already changed and taking the next batch (a batch of 200 expired 450).
 */
export async function markOverdueRequestsExpired(trx: DbOrTrx, which: OverdueRequests): Promise<ActionRequestRow[]> {
  const overdue = trx.selectFrom('ops.actionRequests').select('id').where('status', '=', 'pending_approval').where('expiresAt', '<=', sql<Date>`now()`);
  const chosen = 'idempotencyKey' in which ? overdue.where('idempotencyKey', '=', which.idempotencyKey) : overdue.orderBy('expiresAt').limit(which.limit).forUpdate().skipLocked();
  return trx
    .with((cte) => cte('chosen').materialized(), () => chosen)
    .updateTable('ops.actionRequests')
    .set({ status: 'expired' })
    .where('id', 'in', (eb) => eb.selectFrom('chosen').select('chosen.id'))
    .where('status', '=', 'pending_approval')
    .returningAll()
    .execute();
}

/** A disabled staff member's pending requests are void: nobody can approve them into effect. */
export async function voidPendingRequestsOf(trx: DbOrTrx, requesterId: string): Promise<number> {
  const voided = await trx
    .updateTable('ops.actionRequests')
    .set({ status: 'void', decisionComment: 'The requester was disabled before a decision.', decidedAt: new Date() })
    .where('requesterId', '=', requesterId)
    .where('status', '=', 'pending_approval')
    .executeTakeFirst();
  return Number(voided.numUpdatedRows);
}

/**
 * Serialises every money-moving request on one customer, so two requests that are each
 * under the threshold cannot both miss the other (transaction-scoped advisory lock).
 */
export async function lockMoneyOfTarget(trx: DbOrTrx, target: { type: string; id: string }): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`opsdesk.money:${target.type}:${target.id}`}, 0))`.execute(trx);
}

/** What staff moved or asked to move for this customer in the window (anything not refused, failed or void). */
export async function sumMoneyInWindow(db: DbOrTrx, target: { type: string; id: string }, currency: string, windowHours: number): Promise<number> {
  const row = await db
    .selectFrom('ops.actionRequests')
    .select(sql<string>`coalesce(sum(money_amount), 0)`.as('total'))
    .where('targetType', '=', target.type)
    .where('targetId', '=', target.id)
    .where('moneyCurrency', '=', currency)
    .where('status', 'in', ['pending_approval', 'executing', 'succeeded'])
    .where('createdAt', '>', sql<Date>`now() - make_interval(secs => ${Math.round(windowHours * 3600)})`)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export function outcomeOf<TResult>(row: ActionRequestRow, duplicate: boolean): TActionOutcome<TResult> {
  if (row.status === 'pending_approval') {
    return { status: 'approval_requested', requestId: row.id, approvalReason: row.approvalReason ?? '', expiresAt: row.expiresAt?.toISOString() ?? '', duplicate };
  }
  if (row.status === 'executing') return { status: 'in_progress', requestId: row.id, duplicate };
  return { status: 'done', requestId: row.id, result: row.result as TResult, duplicate };
}
