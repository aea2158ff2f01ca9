import { sql } from 'kysely';
import type { DbOrTrx, Trx } from '../../../db/database.js';
import type { PersonalFields } from '../../audit/auditEnvelope.js';

/**
 * Finding the flag history rows an erasure seals in place (erasureFlagAudit.ts; the
 * rewrite itself: audit/auditRewrite.queries.ts), and keeping appends out meanwhile.
 */
export interface PlainAuditRow extends PersonalFields {
  id: string;
}

/** Appends wait until the transaction ends, and the in-flight ones have committed: afterwards nothing is added to the log behind this transaction's back. */
export async function lockAuditLogAgainstAppends(trx: Trx): Promise<void> {
  await sql`lock table ops.audit_log in share row exclusive mode`.execute(trx);
}

/** The newest committed row's id ('0' for an empty log): ids follow commit order (the chain trigger), so every row up to it is already there. */
export async function findAuditChainHeadId(db: DbOrTrx): Promise<string> {
  const { rows } = await sql<{ lastId: string | null }>`select last_id from ops.audit_chain_head`.execute(db);
  return rows[0]?.lastId ?? '0';
}

/** Which rows to look at: the whole log, or (once locked) the candidates found before and the rows appended since. */
export type AuditRowsScope = 'all' | { ids: readonly string[]; afterId: string };

/**
 * Plaintext rows of these target types whose personal columns hold one of the needles
 * (lower case) somewhere: a superset, narrowed in Node. A row that already has a record
 * is left out: ops.audit_sealed_rows keeps one per row, so a row is rewritten once.
 */
export async function findPlainAuditRowsNaming(db: DbOrTrx, targetTypes: readonly string[], needles: readonly string[], scope: AuditRowsScope = 'all'): Promise<PlainAuditRow[]> {
  if (needles.length === 0) return [];
  const within = scope === 'all' ? sql`true` : sql`(a.id = any(${[...scope.ids]}::bigint[]) or a.id > ${scope.afterId}::bigint)`;
  const { rows } = await sql<PlainAuditRow>`
    select a.id, a.input, a.before, a.after, a.reason, a.error from ops.audit_log a
    where ${within} and a.target_type = any(${[...targetTypes]}::text[])
      and not coalesce(a.input ? '$sealed', false)
      and not exists (select 1 from ops.audit_sealed_rows c where c.audit_id = a.id)
      and exists (select 1 from unnest(${[...needles]}::text[]) as n
        where strpos(lower(concat_ws(' ', a.input::text, a.before::text, a.after::text, a.reason, a.error)), n) > 0)
    order by a.id`.execute(db);
  return rows;
}
