import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';

/** A reported account as a decision needs it: whether it exists, its status and when it was created (the statement's date). */
export async function findAccount(db: DbOrTrx, userId: string) {
  const rows = await sql<{ id: string; status: string; createdAt: Date }>`
    select id, status, created_at from app.users where id = ${userId}::uuid`.execute(db);
  return rows.rows[0];
}
