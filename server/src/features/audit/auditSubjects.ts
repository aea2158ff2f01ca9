import { sql } from 'kysely';
import type { DbOrTrx, Trx } from '../../db/database.js';

/**
 * Who an audit row is about (docs/gdpr.md "The audit log"). A row about a data subject
 * keeps its personal values sealed under that subject's key (auditEnvelope.ts); erasing
 * the subject shreds the key. Target ids stay plaintext: they are pseudonymous
 * identifiers the log needs for accountability.
 */
const SUBJECT_PREFIX_BY_TARGET: Record<string, string> = { customer: 'customer', user: 'user', account: 'user', privacy_request: 'privacy_request' };

/** The subject a target names, if it is a data subject ('customer:cus_…', 'user:<uuid>', 'privacy_request:<uuid>'). */
export function auditSubjectOfTarget(target: { type: string; id: string } | null | undefined): string | null {
  const prefix = target && SUBJECT_PREFIX_BY_TARGET[target.type];
  return prefix && target.id !== '' ? `${prefix}:${target.id}` : null;
}

/** The same rule in SQL, over an audit row's columns (the legacy conversion). */
export const SQL_SUBJECT_OF_ROW = sql<string | null>`case when target_id is null or target_id = '' then null
  when target_type = 'customer' then 'customer:' || target_id
  when target_type in ('user', 'account') then 'user:' || target_id
  when target_type = 'privacy_request' then 'privacy_request:' || target_id end`;

/** Every subject ref an erasure covers: the user (as customer target and as user), their Stripe customers, their requests. */
export function auditSubjectRefs(subject: { userId: string | null; customerIds: readonly string[]; requestIds: readonly string[] }): string[] {
  const refs = [
    ...(subject.userId ? [`customer:${subject.userId}`, `user:${subject.userId}`] : []),
    ...subject.customerIds.map((id) => `customer:${id}`),
    ...subject.requestIds.map((id) => `privacy_request:${id}`),
  ];
  return [...new Set(refs)];
}

/** Rows sealed under these subjects (uses audit_log_sealed_subject_idx). */
export async function countAuditRowsOfSubjects(db: DbOrTrx, refs: readonly string[]): Promise<number> {
  if (refs.length === 0) return 0;
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from ops.audit_log
    where input ? '$sealed' and input->>'subject' = any(${[...refs]}::text[])`.execute(db);
  return Number(rows[0]!.n);
}

/**
 * Destroys the subjects' keys: their sealed rows stay in the chain, unreadable for good.
 * Idempotent (a shredded key stays shredded, first request kept); a subject that never
 * had a row gets a shredded entry too, so a later row about it is written erased.
 */
export async function shredAuditSubjectKeys(trx: Trx, refs: readonly string[], requestId: string): Promise<{ keysShredded: number }> {
  if (refs.length === 0) return { keysShredded: 0 };
  const { rows } = await sql<{ shredded: boolean }>`
    insert into ops.audit_subject_keys (subject_ref, key, shredded_at, shredded_by_request)
    select ref, null, now(), ${requestId}::uuid from unnest(${[...new Set(refs)]}::text[]) as ref
    on conflict (subject_ref) do update set key = null, shredded_at = now(), shredded_by_request = excluded.shredded_by_request
      where ops.audit_subject_keys.key is not null
    returning (xmax <> 0) as shredded`.execute(trx);
  return { keysShredded: rows.filter((row) => row.shredded).length };
}
