import { sql, type Kysely } from 'kysely';

/**
 * Appeals filed in the product (`app.moderation_appeals`, docs/product-schema.md): one
 * row per product appeal the sync has taken, keyed by the product's row id so a second
 * sync never takes it again. Either it became an Opsdesk appeal (`appeal_id`) or it was
 * refused, with why in words (past the deadline, not the author or a reporter, a second
 * appeal by the same person, an unreadable statement). Also the index the customer
 * page's list of a user's appeals needs. Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table ops.moderation_product_appeals (
      product_appeal_id text primary key check (length(product_appeal_id) between 1 and 200),
      appeal_id uuid unique references ops.moderation_appeals (id),
      -- As the product sent them (not necessarily valid ids), for the refusal's record.
      decision_ref text not null check (length(decision_ref) <= 200),
      appellant_user_id text not null check (length(appellant_user_id) <= 200),
      refused_reason text check (length(refused_reason) between 1 and 500),
      -- A refused appeal's first words for the customer page, kept only when the statement itself was valid text.
      statement_preview text check (length(statement_preview) <= 300),
      filed_at timestamptz not null,
      imported_at timestamptz not null default now(),
      check ((appeal_id is null) <> (refused_reason is null))
    )`.execute(db);
  await sql`create index moderation_product_appeals_appellant_idx on ops.moderation_product_appeals (appellant_user_id, filed_at desc)`.execute(db);
  // The customer page lists a user's appeals, newest first.
  await sql`create index moderation_appeals_appellant_idx on ops.moderation_appeals (appellant_user_id, created_at desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index ops.moderation_appeals_appellant_idx`.execute(db);
  await sql`drop table ops.moderation_product_appeals`.execute(db);
}
