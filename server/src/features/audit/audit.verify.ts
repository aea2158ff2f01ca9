import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

export type ChainVerdict =
  | { ok: true; rowsChecked: number }
  | { ok: false; rowsChecked: number; brokenAtId: string; problem: string };

const BATCH = 5000;

/**
 * Walks the audit log in id order, recomputing each row's hash in PostgreSQL (the same
 * function the insert trigger uses) and checking each row points at its predecessor.
 * Reports the first broken link. Also checks the chain head, so rows cut off the end
 * of the log are noticed.
 */
export async function verifyAuditChain(db: Db): Promise<ChainVerdict> {
  let previousHash: string | null = null;
  let lastId = '0';
  let rowsChecked = 0;
  for (;;) {
    const { rows } = await sql<{ id: string; hash: string; prevHash: string | null; expectedHash: string }>`
      select id, hash, prev_hash, ops.audit_row_hash(a) as expected_hash
      from ops.audit_log a where id > ${lastId} order by id limit ${BATCH}`.execute(db);
    for (const row of rows) {
      if (row.prevHash !== previousHash) {
        return { ok: false, rowsChecked, brokenAtId: row.id, problem: 'links to a different previous row: a row before it was removed or changed' };
      }
      if (row.hash !== row.expectedHash) {
        return { ok: false, rowsChecked, brokenAtId: row.id, problem: 'its content does not match its hash: the row was modified' };
      }
      previousHash = row.hash;
      lastId = row.id;
      rowsChecked += 1;
    }
    if (rows.length < BATCH) break;
  }
  const head = await sql<{ lastId: string | null; lastHash: string | null }>`select last_id, last_hash from ops.audit_chain_head`.execute(db);
  const { lastId: headId, lastHash } = head.rows[0] ?? { lastId: null, lastHash: null };
  if ((headId ?? '0') !== lastId || (lastHash ?? null) !== previousHash) {
    return { ok: false, rowsChecked, brokenAtId: headId ?? '0', problem: `the chain head expects row ${headId} but the log ends at row ${lastId}: rows were removed from the end` };
  }
  return { ok: true, rowsChecked };
}
