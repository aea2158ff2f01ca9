import type { DbOrTrx, Trx } from '../../../db/database.js';

/**
 * The erasure's step ledger (ops.privacy_erasure_steps): one row per step, written in
 * the transaction that does the step, so a resumed job skips what committed and redoes
 * nothing. An outside call (Stripe) is recorded `attempted` before it and `done` after.
 */
export interface ErasureStepRow {
  stepKey: string;
  state: 'attempted' | 'done';
  result: unknown;
  startedAt: Date;
  finishedAt: Date | null;
}

export function findErasureSteps(db: DbOrTrx, requestId: string): Promise<ErasureStepRow[]> {
  return db.selectFrom('ops.privacyErasureSteps').select(['stepKey', 'state', 'result', 'startedAt', 'finishedAt']).where('requestId', '=', requestId).orderBy('startedAt').orderBy('stepKey').execute();
}

/** Records an outside call about to be made; a row already there (a retry) is kept as it is. */
export async function insertAttemptedStep(db: DbOrTrx, requestId: string, stepKey: string): Promise<void> {
  await db.insertInto('ops.privacyErasureSteps').values({ requestId, stepKey, state: 'attempted' }).onConflict((oc) => oc.doNothing()).execute();
}

/** Records a step done with its result (counts and ids only), inserting it or completing an attempted one. */
export async function recordStepDone(trx: DbOrTrx, requestId: string, stepKey: string, result: unknown): Promise<void> {
  const json = JSON.stringify(result ?? null);
  await trx
    .insertInto('ops.privacyErasureSteps')
    .values({ requestId, stepKey, state: 'done', result: json, finishedAt: new Date() })
    .onConflict((oc) => oc.columns(['requestId', 'stepKey']).doUpdateSet({ state: 'done', result: json, finishedAt: new Date() }))
    .execute();
}

/** Audit subject keys still readable among these refs (the plan shows how many the erasure destroys). */
export async function countLiveAuditKeys(db: DbOrTrx, refs: readonly string[]): Promise<number> {
  if (refs.length === 0) return 0;
  const row = await db.selectFrom('ops.auditSubjectKeys').select((eb) => eb.fn.countAll<string>().as('n')).where('subjectRef', 'in', [...refs]).where('key', 'is not', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The staff-action request an approval executes, found by its idempotency key (execute is handed the key, not the id). */
export async function findActionRequestIdByKey(db: DbOrTrx, idempotencyKey: string): Promise<string | null> {
  const row = await db.selectFrom('ops.actionRequests').select('id').where('idempotencyKey', '=', idempotencyKey).executeTakeFirst();
  return row?.id ?? null;
}

/** Who approved the erasure (for the receipt): staff are not data subjects of the request. */
export async function findApproverEmail(db: DbOrTrx, actionRequestId: string | null): Promise<string | null> {
  if (!actionRequestId) return null;
  const row = await db
    .selectFrom('ops.actionRequests as r')
    .leftJoin('ops.staff as s', 's.id', 'r.approverId')
    .select('s.email')
    .where('r.id', '=', actionRequestId)
    .executeTakeFirst();
  return row?.email ?? null;
}

/** The subject the approved plan covers, frozen when the erasure starts (the job erases it, never one resolved again mid-way). */
export const SUBJECT_STEP = 'subject';
/** The step that shreds the subject's audit keys: the last before the receipt, after the billing mirror and ledger are masked. */
export const AUDIT_SHRED_STEP = 'audit:shred';

/**
 * Claims a step inside the transaction that does it: true when this transaction records
 * it now; false when it committed earlier (a concurrent claim waits on the row's key).
 */
export async function claimStep(trx: Trx, requestId: string, stepKey: string): Promise<boolean> {
  const row = await trx.insertInto('ops.privacyErasureSteps').values({ requestId, stepKey, state: 'done' }).onConflict((oc) => oc.doNothing()).returning('stepKey').executeTakeFirst();
  return row !== undefined;
}
