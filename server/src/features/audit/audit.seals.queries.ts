import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import { sealWithCurrentKey } from './audit.keyring.js';

/** Seals one freshly inserted row; called in the row's own transaction (insertAuditEntry). */
export async function insertAuditSeal(trx: DbOrTrx, row: { id: string; hash: string }): Promise<void> {
  await insertAuditSeals(trx, [row]);
}

export async function insertAuditSeals(trx: DbOrTrx, rows: { id: string; hash: string }[]): Promise<void> {
  await trx.insertInto('ops.auditSeals').values(rows.map((row) => ({ auditId: row.id, ...sealWithCurrentKey(row.id, row.hash) }))).execute();
}

/** Holding the chain head keeps appends out until the transaction ends. */
export async function lockAuditChainHead(trx: DbOrTrx): Promise<void> {
  await sql`select 1 from ops.audit_chain_head where singleton for update`.execute(trx);
}

export async function hasAnyAuditSeal(db: DbOrTrx): Promise<boolean> {
  return (await db.selectFrom('ops.auditSeals').select('auditId').limit(1).executeTakeFirst()) !== undefined;
}

export async function hasAnyAuditRow(db: DbOrTrx): Promise<boolean> {
  return (await db.selectFrom('ops.auditLog').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** The next `limit` rows after `afterId`, oldest first, with what a seal covers. */
export function findAuditHashesAfter(db: DbOrTrx, afterId: string, limit: number): Promise<{ id: string; hash: string }[]> {
  return db.selectFrom('ops.auditLog').select(['id', 'hash']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}
