import { sql } from 'kysely';
import type { Trx } from '../../db/database.js';
import type { PersonalFields } from './auditEnvelope.js';
import type { SealedRowRecord } from './auditSealedRows.js';

/**
 * The one rewrite the append-only, hash-chained log allows: a row's personal columns
 * sealed in place (the legacy conversion, auditLegacy.ts; an erasure sealing flag history
 * that quotes the person, privacy/erasure/erasureFlagAudit.ts). The append-only trigger is
 * off for the one statement, inside the caller's transaction, so no other session ever sees
 * it off; each row keeps its id, prev_hash, hash and seal, and gets a record in
 * ops.audit_sealed_rows (one per row, insert-only) that lets the verifier accept its new
 * content. Callers keep appends out first (they lock the chain head or the table).
 */
export interface RewrittenAuditRow {
  id: string;
  hash: string;
  contentHash: string;
}

/** New personal columns for existing rows; returns each row's original hash and the hash of its content now. Call with appends kept out. */
export async function rewriteAuditRowsInPlace(trx: Trx, values: readonly (PersonalFields & { id: string })[]): Promise<RewrittenAuditRow[]> {
  if (values.length === 0) return [];
  await sql`alter table ops.audit_log disable trigger audit_log_append_only`.execute(trx);
  const { rows } = await sql<RewrittenAuditRow>`
    update ops.audit_log a set input = v.input, before = v.before, after = v.after, reason = v.reason, error = v.error
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(id bigint, input jsonb, before jsonb, after jsonb, reason text, error text)
    where a.id = v.id
    returning a.id, a.hash, ops.audit_row_hash(a) as content_hash`.execute(trx);
  await sql`alter table ops.audit_log enable trigger audit_log_append_only`.execute(trx);
  return rows;
}

export async function insertSealedRowRecords(trx: Trx, records: readonly (SealedRowRecord & { auditId: string })[]): Promise<void> {
  if (records.length === 0) return;
  await trx
    .withTables<{ 'ops.auditSealedRows': { auditId: string; contentHash: string; keyId: string; mac: string } }>()
    .insertInto('ops.auditSealedRows')
    .values([...records])
    .execute();
}
