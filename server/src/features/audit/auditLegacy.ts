import { sql } from 'kysely';
import type { Db, Trx } from '../../db/database.js';
import { auditKeyring, type AuditKeyring } from './audit.keyring.js';
import { lockAuditChainHead } from './audit.seals.queries.js';
import { erasedPersonalFields, sealPersonalFields, type PersonalFields } from './auditEnvelope.js';
import { insertSealedRowRecords, rewriteAuditRowsInPlace } from './auditRewrite.queries.js';
import { sealedRowRecord } from './auditSealedRows.js';
import { obtainAuditSubjectKey } from './auditSubjectKeys.queries.js';
import { SQL_SUBJECT_OF_ROW } from './auditSubjects.js';

const DONE_KEY = 'audit.legacy_personal_data_sealed';
const BATCH = 500;

interface LegacyRow extends PersonalFields {
  id: string;
  subject: string;
}

/**
 * The upgrade to sealed personal data (migration 0030): every row about a data subject
 * written before it holds plaintext; this seals that row's personal columns in place,
 * once, in one transaction (appends wait on the chain head meanwhile). The row keeps its
 * id, prev_hash, hash and seal — anchors published before still match — and gets a
 * record in ops.audit_sealed_rows that lets the verifier accept its new content
 * (auditRewrite.queries.ts). A setting marks it done: later starts skip the scan.
 */
export async function encryptLegacyAuditRows(db: Db, keyring: AuditKeyring = auditKeyring()): Promise<number> {
  if (await isDone(db)) return 0;
  return db.transaction().execute(async (trx) => {
    await lockAuditChainHead(trx);
    if (await isDone(trx)) return 0;
    let converted = 0;
    let lastId = '0';
    for (;;) {
      const rows = await findPlainSubjectRows(trx, lastId);
      if (rows.length === 0) break;
      converted += await convertRows(trx, rows, keyring);
      lastId = rows.at(-1)!.id;
    }
    await sql`insert into ops.settings (key, value) values (${DONE_KEY}, ${JSON.stringify({ at: new Date().toISOString(), rows: converted })}::jsonb)
      on conflict (key) do nothing`.execute(trx);
    return converted;
  });
}

async function isDone(db: Db | Trx): Promise<boolean> {
  return (await db.selectFrom('ops.settings').select('key').where('key', '=', DONE_KEY).executeTakeFirst()) !== undefined;
}

async function findPlainSubjectRows(trx: Trx, afterId: string): Promise<LegacyRow[]> {
  const { rows } = await sql<LegacyRow>`
    select id, subject, input, before, after, reason, error from (
      select id, ${SQL_SUBJECT_OF_ROW} as subject, input, before, after, reason, error from ops.audit_log
      where id > ${afterId} and (input->>'$sealed') is null) r
    where subject is not null order by id limit ${BATCH}`.execute(trx);
  return rows;
}

async function convertRows(trx: Trx, rows: LegacyRow[], keyring: AuditKeyring): Promise<number> {
  const values = [];
  for (const row of rows) {
    const key = await obtainAuditSubjectKey(trx, row.subject);
    const columns: PersonalFields = key
      ? { input: sealPersonalFields(key, row.subject, row), before: null, after: null, reason: null, error: null }
      : erasedPersonalFields(row);
    values.push({ id: row.id, ...columns });
  }
  const updated = await rewriteAuditRowsInPlace(trx, values);
  await insertSealedRowRecords(trx, updated.map((row) => ({ auditId: row.id, ...sealedRowRecord(row.id, row.hash, row.contentHash, keyring) })));
  return updated.length;
}
