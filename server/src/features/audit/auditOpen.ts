import type { DbOrTrx } from '../../db/database.js';
import { isSealedEnvelope, openSealedEnvelope } from './auditEnvelope.js';
import { findAuditSubjectKeys } from './auditSubjectKeys.queries.js';

interface PersonalColumns {
  input: unknown;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  error?: string | null;
}

export type OpenedAuditRow<T> = T & { personalDataErased?: true };

const UNREADABLE = 'The sealed personal data of this row does not decrypt: run npm run audit:verify.';

/**
 * Audit rows as written: sealed personal values decrypted with their subjects' keys (one
 * query for every subject on the page). A row whose subject was erased reads with its
 * personal values null and `personalDataErased: true`. Every reader of input, before,
 * after, reason or error goes through here.
 */
export async function openAuditRows<T extends PersonalColumns>(db: DbOrTrx, rows: readonly T[]): Promise<OpenedAuditRow<T>[]> {
  const subjects = rows.flatMap((row) => (isSealedEnvelope(row.input) ? [row.input.subject] : []));
  const keys = await findAuditSubjectKeys(db, subjects);
  return rows.map((row) => {
    if (!isSealedEnvelope(row.input)) return row;
    const key = keys.get(row.input.subject);
    if (!key) return { ...row, input: null, before: null, after: null, reason: null, error: null, personalDataErased: true as const };
    const fields = openSealedEnvelope(key, row.input);
    return fields ? { ...row, ...fields } : { ...row, input: null, before: null, after: null, reason: null, error: UNREADABLE };
  });
}
