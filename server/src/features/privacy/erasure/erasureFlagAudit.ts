import type { TErasurePlan, TErasurePlanStep } from '@opsdesk/shared';
import type { DbOrTrx, Trx } from '../../../db/database.js';
import { insertAuditEntry } from '../../audit/audit.queries.js';
import { erasedPersonalFields, sealPersonalFields } from '../../audit/auditEnvelope.js';
import { insertSealedRowRecords, rewriteAuditRowsInPlace } from '../../audit/auditRewrite.queries.js';
import { sealedRowRecord } from '../../audit/auditSealedRows.js';
import { obtainAuditSubjectKey } from '../../audit/auditSubjectKeys.queries.js';
import { subjectMentioner } from '../../flags/flagSubjectErasure.js';
import { FLAG_AUDIT_TARGET_TYPES } from '../../flags/flagSubjectErasure.service.js';
import type { ErasureSubject } from '../dataMap/subjectRows.queries.js';
import {
  findAuditChainHeadId,
  findPlainAuditRowsNaming,
  lockAuditLogAgainstAppends,
  type AuditRowsScope,
  type PlainAuditRow,
} from './erasureFlagAudit.queries.js';
import { subjectIdentifiers } from './erasureFlags.js';
import type { ErasureStepRow } from './erasureSteps.queries.js';

/**
 * Flag history in an erasure (docs/gdpr.md, "The audit log"): the audit rows of flags,
 * segments and schedules have no data subject, so they are plaintext, and a row that
 * quotes a rule, a change request or its impact sample naming the person keeps their
 * identifiers after the rules themselves lose them (erasureFlags.ts). Those rows are
 * covered as the audit step covers the person's own rows: crypto-shredding. Their
 * personal columns are sealed in place under one of the subject's keys, the rewrite the
 * legacy conversion made (audit/auditLegacy.ts, with its record in ops.audit_sealed_rows,
 * so `npm run audit:verify` and published anchors still pass), and the audit step, which
 * runs next, shreds the key. Action, actor, target, result and time stay readable.
 *
 * Why the whole row and not only the person's values: the record that lets the verifier
 * accept a rewritten row is insert-only, one per row, so a row can be rewritten once.
 * Masking just this person's values would leave the next erasure naming someone else in
 * the same row nothing it could do; sealed, the row needs no second rewrite. The other
 * values in the row (other people on the same list) become unreadable with it.
 *
 * Runs late, just before the shredding, so a row written while the erasure ran (an
 * approval executed meanwhile) is sealed too. A row written after the erasure that names
 * the person again is a new staff decision, as the rule it records is.
 */
export const FLAG_AUDIT_ROWS = 'ops.audit_log (flag history)';

function flagAuditStep(rows: number): TErasurePlanStep {
  return {
    table: FLAG_AUDIT_ROWS,
    action: 'keep',
    rows,
    columns: ['input', 'before', 'after', 'reason', 'error'].map((column) => ({ column, strategy: 'crypto_shred' as const })),
    basis: "accountability (GDPR Art. 5(2)): the record of who changed which flag stays; rows quoting the subject's identifiers are sealed under the subject's key, with the other values they quote",
    retention: 'as long as the audit log is kept; the sealed values are unreadable from the erasure on',
  };
}

async function rowsNaming(db: DbOrTrx, subject: ErasureSubject, scope: AuditRowsScope = 'all'): Promise<PlainAuditRow[]> {
  const needles = [...new Set(subjectIdentifiers(subject).map((id) => id.trim().toLowerCase()).filter((id) => id !== ''))];
  const mentions = subjectMentioner(needles);
  const rows = await findPlainAuditRowsNaming(db, FLAG_AUDIT_TARGET_TYPES, needles, scope);
  return rows.filter((row) => mentions(JSON.stringify([row.input, row.before, row.after, row.reason, row.error])));
}

/** The plan's step, when flag history rows name the subject. */
export async function countFlagAuditSteps(db: DbOrTrx, subject: ErasureSubject): Promise<TErasurePlanStep[]> {
  const rows = (await rowsNaming(db, subject)).length;
  return rows > 0 ? [flagAuditStep(rows)] : [];
}

/** A ref the audit step shreds (auditSubjectRefs): the user's, else a Stripe customer's, else this request's. */
function sealingRef(subject: ErasureSubject, requestId: string): string {
  if (subject.userId) return `user:${subject.userId}`;
  if (subject.customerIds[0]) return `customer:${subject.customerIds[0]}`;
  return `privacy_request:${requestId}`;
}

/**
 * The step, in its transaction. The log is scanned before appends are locked out, so the
 * lock is held only for the candidates, read again (another erasure may have sealed one
 * meanwhile), and the rows appended since. Idempotent: a sealed row is no longer
 * plaintext and a second run finds nothing. A key already shredded (an earlier erasure of
 * the same person) leaves `[subject erased]` in place of the values.
 */
export async function sealFlagAuditRows(trx: Trx, subject: ErasureSubject, requestId: string): Promise<{ result: unknown; line: string }> {
  const scannedUpTo = await findAuditChainHeadId(trx);
  const candidates = await rowsNaming(trx, subject);
  await lockAuditLogAgainstAppends(trx);
  const rows = await rowsNaming(trx, subject, { ids: candidates.map((row) => row.id), afterId: scannedUpTo });
  if (rows.length > 0) {
    const ref = sealingRef(subject, requestId);
    const key = await obtainAuditSubjectKey(trx, ref);
    const sealed = rows.map((row) => ({ id: row.id, ...(key ? { input: sealPersonalFields(key, ref, row), before: null, after: null, reason: null, error: null } : erasedPersonalFields(row)) }));
    const rewritten = await rewriteAuditRowsInPlace(trx, sealed);
    await insertSealedRowRecords(trx, rewritten.map((row) => ({ auditId: row.id, ...sealedRowRecord(row.id, row.hash, row.contentHash) })));
    await insertAuditEntry(trx, {
      actor: null,
      action: 'privacy.flag_history_sealed',
      target: { type: 'privacy_request', id: requestId },
      // Ids and counts only.
      subject: null,
      after: { rows: rows.length, auditIds: rows.map((row) => row.id), keyShreddedAlready: key === null },
      result: 'success',
      request: { requestId: `job:privacy.erase:${requestId}`, ip: null, userAgent: 'opsdesk-jobs' },
    });
  }
  return { result: { rows: rows.length }, line: `${FLAG_AUDIT_ROWS}: ${rows.length} rows sealed under the subject's key` };
}

/** The receipt's line when the run sealed rows the plan had none of (written after approval). */
export function unplannedFlagAuditSteps(plan: TErasurePlan, steps: ReadonlyMap<string, ErasureStepRow>): TErasurePlanStep[] {
  const rows = (steps.get(`table:${FLAG_AUDIT_ROWS}`)?.result as { rows?: number } | null | undefined)?.rows ?? 0;
  return rows > 0 && !plan.steps.some((step) => step.table === FLAG_AUDIT_ROWS) ? [flagAuditStep(rows)] : [];
}
