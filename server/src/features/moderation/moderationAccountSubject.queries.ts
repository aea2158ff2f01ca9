import { sql } from 'kysely';
import type { DbOrTrx, Trx } from '../../db/database.js';

/** A reported account as a decision needs it: whether it exists, its status and when it was created (the statement's date). */
export async function findAccount(db: DbOrTrx, userId: string) {
  const rows = await sql<{ id: string; status: string; createdAt: Date }>`
    select id, status, created_at from app.users where id = ${userId}::uuid`.execute(db);
  return rows.rows[0];
}

/** The account reports an entry covers, resolved (app.account_reports; the content twin is resolveEntryReports). */
export async function resolveAccountEntryReports(trx: Trx, entryId: string): Promise<{ reportId: string; reporterUserId: string | null }[]> {
  const rows = await sql<{ reportId: string; reporterUserId: string | null }>`
    update app.account_reports r set status = 'resolved'
    from ops.moderation_queue_reports l
    where l.queue_entry_id = ${entryId} and r.id = l.report_id::uuid and r.status = 'open'
    returning l.report_id, l.reporter_user_id`.execute(trx);
  return rows.rows;
}
