import { sql, type Kysely } from 'kysely';

/**
 * Appeals filed in the product's appeal form (docs/product-schema.md, "Appeals from the
 * product"): the user quotes the decision id their outcome record carried
 * (`ops.moderation_outcomes.decision_id`, also the DSA statement's `puid`). Opsdesk's
 * sync takes open rows once, by id. Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table app.moderation_appeals (
      id uuid primary key default gen_random_uuid(),
      decision_id uuid not null,
      appellant_user_id uuid not null references app.users (id),
      statement text not null,
      status text not null default 'open' check (status in ('open', 'withdrawn')),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index moderation_appeals_open_idx on app.moderation_appeals (created_at) where status = 'open'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table app.moderation_appeals`.execute(db);
}
