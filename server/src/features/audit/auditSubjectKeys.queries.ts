import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { DbOrTrx, Trx } from '../../db/database.js';

/**
 * The subject's key, created on first use, in one statement (the audit insert's hot path).
 * null: the subject was erased — its key is gone and is never made again. A concurrent
 * first use can leave this statement's snapshot without either row; the retry sees it.
 */
export async function obtainAuditSubjectKey(trx: Trx, subjectRef: string): Promise<Buffer | null> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const { rows } = await sql<{ key: Buffer | null }>`
      with created as (
        insert into ops.audit_subject_keys (subject_ref, key) values (${subjectRef}, ${randomBytes(32)})
        on conflict (subject_ref) do nothing
        returning key)
      select key from created
      union all
      select key from ops.audit_subject_keys where subject_ref = ${subjectRef}
      limit 1`.execute(trx);
    if (rows[0]) return rows[0].key;
  }
  throw new Error(`The audit key of ${subjectRef} could not be read`);
}

/** Keys of many subjects in one query (a page of rows); a shredded subject maps to null, an unknown one is absent. */
export async function findAuditSubjectKeys(db: DbOrTrx, subjectRefs: readonly string[]): Promise<Map<string, Buffer | null>> {
  if (subjectRefs.length === 0) return new Map();
  const rows = await db.selectFrom('ops.auditSubjectKeys').select(['subjectRef', 'key']).where('subjectRef', 'in', [...new Set(subjectRefs)]).execute();
  return new Map(rows.map((row) => [row.subjectRef, row.key]));
}
