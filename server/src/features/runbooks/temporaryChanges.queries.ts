import { sql } from 'kysely';
import type { RunbookChangeStatus, TRunbookChangesRequest } from '@opsdesk/shared';
import type { DbOrTrx, Trx } from '../../db/database.js';
import type { RunbookTemporaryChangeRow } from './runbooks.table.js';

/** Every query on ops.runbook_temporary_changes. A change is reverted once: only an active one changes. */
export interface NewTemporaryChange {
  runId: string;
  action: string;
  description: string;
  revertParamsJson: string;
  expiresAt: Date;
}

export async function insertTemporaryChange(trx: DbOrTrx, change: NewTemporaryChange): Promise<RunbookTemporaryChangeRow> {
  return trx
    .insertInto('ops.runbookTemporaryChanges')
    .values({ runId: change.runId, action: change.action, description: change.description, revertParams: change.revertParamsJson, expiresAt: change.expiresAt })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setChangeRevertJob(trx: DbOrTrx, id: string, jobId: string): Promise<void> {
  await trx.updateTable('ops.runbookTemporaryChanges').set({ revertJobId: jobId }).where('id', '=', id).execute();
}

export async function lockChange(trx: Trx, id: string): Promise<RunbookTemporaryChangeRow | undefined> {
  return trx.selectFrom('ops.runbookTemporaryChanges').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function markChangeReverted(trx: DbOrTrx, id: string, staffId: string | null): Promise<void> {
  await trx
    .updateTable('ops.runbookTemporaryChanges')
    .set({ status: 'reverted', revertedAt: sql<Date>`now()`, revertedBy: staffId })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .execute();
}

/**
 * Newest first. An active change whose scheduled revert was cancelled on the Jobs page
 * shows as `cancelled` (it stays in place until someone reverts it now).
 */
export async function findChanges(db: DbOrTrx, filter: TRunbookChangesRequest) {
  const status = sql<RunbookChangeStatus>`case when c.status = 'active' and j.status = 'cancelled' then 'cancelled' else c.status end`;
  let query = db
    .selectFrom('ops.runbookTemporaryChanges as c')
    .leftJoin('ops.jobs as j', 'j.id', 'c.revertJobId')
    .leftJoin('ops.staff as s', 's.id', 'c.revertedBy')
    .select(['c.id', 'c.runId', 'c.action', 'c.description', status.as('status'), 'c.expiresAt', 'c.createdAt', 'c.revertedAt', 'c.revertedBy', 's.email as revertedByEmail', 'c.revertJobId'])
    .orderBy('c.createdAt', 'desc')
    .orderBy('c.id', 'desc')
    .limit(filter.limit);
  if (filter.status) query = query.where(status, '=', filter.status);
  return query.execute();
}
