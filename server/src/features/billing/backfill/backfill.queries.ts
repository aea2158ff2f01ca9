import type { Db, Trx } from '../../../db/database.js';

/** Where a backfill stopped, per resource (`ops.stripe_backfill_state`). */
export async function findBackfillState(db: Db, resource: string) {
  return db.selectFrom('ops.stripeBackfillState').selectAll().where('resource', '=', resource).executeTakeFirst();
}

export async function deleteBackfillState(db: Db): Promise<void> {
  await db.deleteFrom('ops.stripeBackfillState').execute();
}

export async function saveBackfillProgress(trx: Trx, progress: { resource: string; cursor: string | null; objectsSynced: number; done: boolean }): Promise<void> {
  const values = { cursor: progress.cursor, objectsSynced: progress.objectsSynced, completedAt: progress.done ? new Date() : null };
  await trx
    .insertInto('ops.stripeBackfillState')
    .values({ resource: progress.resource, ...values })
    .onConflict((oc) => oc.column('resource').doUpdateSet(values))
    .execute();
}
