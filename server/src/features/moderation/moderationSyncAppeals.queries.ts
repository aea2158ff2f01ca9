import { sql } from 'kysely';
import type { DbOrTrx, Trx } from '../../db/database.js';

/** Any fixed number (not the report sync's): held per imported appeal so two syncs never take the same one. */
const APPEAL_SYNC_LOCK = 0x6d6f6432;

/** An appeal as the product filed it, every column read as text: a view may give other types, and refusals quote them. */
export interface ProductAppealRow {
  id: string;
  decisionRef: string;
  appellantUserId: string;
  statement: string;
  filedAt: Date;
}

/** Open product appeals the sync has not taken yet (neither opened nor refused), oldest first. */
export async function findPendingProductAppeals(db: DbOrTrx, limit: number): Promise<ProductAppealRow[]> {
  const rows = await sql<ProductAppealRow>`
    select a.id::text as id, left(coalesce(a.decision_id::text, ''), 200) as decision_ref, left(coalesce(a.appellant_user_id::text, ''), 200) as appellant_user_id,
           coalesce(a.statement, '') as statement, a.created_at as filed_at
    from app.moderation_appeals a
    where a.status = 'open' and not exists (select 1 from ops.moderation_product_appeals i where i.product_appeal_id = a.id::text)
    order by a.created_at, a.id limit ${limit}`.execute(db);
  return rows.rows;
}

export async function productAppealsTablePresent(db: DbOrTrx): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`select to_regclass('app.moderation_appeals') is not null as present`.execute(db);
  return rows[0]?.present ?? false;
}

/** Serialises imports, then says whether this product appeal was taken meanwhile (by another sync). */
export async function lockProductAppeal(trx: Trx, productAppealId: string): Promise<{ alreadyTaken: boolean }> {
  await sql`select pg_advisory_xact_lock(${APPEAL_SYNC_LOCK})`.execute(trx);
  const { rows } = await sql`select 1 from ops.moderation_product_appeals where product_appeal_id = ${productAppealId}`.execute(trx);
  return { alreadyTaken: rows.length > 0 };
}

/** Records what became of a product appeal: the Opsdesk appeal it opened, or why it was refused. */
export async function insertProductAppealImport(trx: Trx, row: ProductAppealRow, result: { appealId: string } | { refusedReason: string; statementPreview: string | null }): Promise<void> {
  const refusal = 'refusedReason' in result ? result : { refusedReason: null, statementPreview: null };
  await sql`
    insert into ops.moderation_product_appeals (product_appeal_id, appeal_id, decision_ref, appellant_user_id, refused_reason, statement_preview, filed_at)
    values (${row.id}, ${'appealId' in result ? result.appealId : null}::uuid, ${row.decisionRef}, ${row.appellantUserId},
            ${refusal.refusedReason?.slice(0, 500) ?? null}, ${refusal.statementPreview?.slice(0, 300) ?? null}, ${row.filedAt})
    on conflict (product_appeal_id) do nothing`.execute(trx);
}
