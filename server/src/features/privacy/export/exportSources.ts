import type { DbOrTrx } from '../../../db/database.js';
import { findAuditEntries } from '../../audit/audit.queries.js';
import { EXPORT_TABLES, readSubjectRows, type ErasureSubject } from '../dataMap/subjectRows.queries.js';
import type { ReadPage, Row } from './exportEntities.js';

/**
 * What the archive holds, entity by entity: every table the data map exports
 * (dataMap/subjectRows.queries.ts: the subject's rows, keyset-paged), then the audit
 * entries about the subject, read through the audit readers (so sealed personal values
 * come back decrypted, and an erased one says so).
 */
/** Whom the rows belong to: the data map's subject (the erasure reaches the same rows). */
export type ExportSubjectRefs = ErasureSubject;

export interface ExportEntity {
  name: string;
  /** In the archive, without the extension: `app/users`. */
  path: string;
  read: ReadPage;
}

export const AUDIT_ENTITY = 'ops.audit_log';

export function exportEntitiesOf(db: DbOrTrx, subject: ExportSubjectRefs): ExportEntity[] {
  return [
    ...EXPORT_TABLES.map((table) => ({ name: table, path: table.replace('.', '/'), read: ((after, limit) => readSubjectRows(db, table, subject, { after, limit })) satisfies ReadPage })),
    { name: AUDIT_ENTITY, path: 'audit/audit_log', read: auditPages(db, auditTargetsOf(subject)) },
  ];
}

/** The audit targets that name the subject: customer pages and account actions (by user id), Stripe customers, their requests. */
export function auditTargetsOf(subject: ExportSubjectRefs): { type: string; id: string }[] {
  return [
    ...(subject.userId ? ['customer', 'user', 'account'].map((type) => ({ type, id: subject.userId! })) : []),
    ...subject.customerIds.map((id) => ({ type: 'customer', id })),
    ...subject.requestIds.map((id) => ({ type: 'privacy_request', id })),
  ];
}

/** The readers page newest first within one target; the cursor is [target index, audit id]. */
const AUDIT_READER_MAX = 200;

function auditPages(db: DbOrTrx, targets: { type: string; id: string }[]): ReadPage {
  return async (after, limit) => {
    let index = after ? Number(after[0]) : 0;
    let cursor = after ? ((after[1] as string | null) ?? undefined) : undefined;
    for (; index < targets.length; index++, cursor = undefined) {
      const target = targets[index]!;
      const page = await findAuditEntries(db, { targetType: target.type, targetId: target.id, cursor, limit: Math.min(limit, AUDIT_READER_MAX) });
      if (page.entries.length === 0) continue;
      const next = page.nextCursor ? [index, page.nextCursor] : index + 1 < targets.length ? [index + 1, null] : null;
      return { rows: page.entries.map(auditRow), next };
    }
    return { rows: [], next: null };
  };
}

/**
 * What an entry tells the person: what was done, when, by which role, with what. The
 * staff member's address, IP and browser are left out (their personal data, not the
 * subject's), and so is the chain's hash, which only the verifier needs.
 */
function auditRow(entry: Awaited<ReturnType<typeof findAuditEntries>>['entries'][number]): Row {
  return {
    id: entry.id,
    occurredAt: entry.occurredAt,
    action: entry.action,
    actorRoles: entry.actorRoles,
    targetType: entry.targetType,
    targetId: entry.targetId,
    result: entry.result,
    reason: entry.reason,
    input: entry.input,
    before: entry.before,
    after: entry.after,
    error: entry.error,
    personalDataErased: (entry as { personalDataErased?: boolean }).personalDataErased ?? false,
  };
}
