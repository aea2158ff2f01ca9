import { sql } from 'kysely';
import type { TModerationAppealChannel } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';

/** How much of an appeal's statement the customer page shows (the appeals page has it whole). */
const STATEMENT_PREVIEW = 300;

export interface AccountAppealRow {
  id: string;
  decisionId: string;
  appellantRole: 'author' | 'reporter' | null;
  channel: TModerationAppealChannel;
  status: 'open' | 'upheld' | 'reversed' | 'refused';
  statement: string;
  refusedReason: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

/**
 * The user's appeals, newest first: those opened (staff entry or the product) and the
 * product appeals refused at intake (with why). Both tables are indexed on the appellant
 * (migration 0028).
 */
export async function findAppealsByAppellant(db: DbOrTrx, userId: string, limit: number): Promise<AccountAppealRow[]> {
  const rows = await sql<AccountAppealRow>`
    (select a.id::text, a.decision_id::text, a.appellant_role, a.channel, a.status, left(a.statement, ${STATEMENT_PREVIEW}) as statement,
            null::text as refused_reason, a.decided_at, a.created_at
     from ops.moderation_appeals a where a.appellant_user_id = ${userId} order by a.created_at desc limit ${limit})
    union all
    (select 'product:' || i.product_appeal_id, i.decision_ref, null, 'product', 'refused', i.statement_preview, i.refused_reason, null, i.filed_at
     from ops.moderation_product_appeals i where i.appellant_user_id = ${userId} and i.appeal_id is null order by i.filed_at desc limit ${limit})
    order by created_at desc limit ${limit}`.execute(db);
  return rows.rows.map((row) => ({ ...row, statement: row.statement ?? '' }));
}

export interface ReportAgainstRow {
  id: string;
  contentId: string;
  reasonCode: string;
  status: string;
  createdAt: Date;
}

/** Reports filed against the user's content, newest first (empty for a product without reports). */
export async function findReportsAgainstAuthor(db: DbOrTrx, userId: string, limit: number): Promise<ReportAgainstRow[]> {
  const { rows: present } = await sql<{ present: boolean }>`select to_regclass('app.content_reports') is not null and to_regclass('app.content') is not null as present`.execute(db);
  if (!present[0]?.present) return [];
  const rows = await sql<ReportAgainstRow>`
    select r.id::text, r.content_id::text, r.reason_code, r.status, r.created_at
    from app.content c join app.content_reports r on r.content_id = c.id
    where c.user_id = ${userId}::uuid
    order by r.created_at desc, r.id limit ${limit}`.execute(db);
  return rows.rows;
}
