import { sql, type Kysely } from 'kysely';

/**
 * Indexes the universal customer lookup needs on the product's tables (demo and test
 * mode; a production product database adds the same ones, see docs/product-schema.md,
 * "Indexes Opsdesk needs"). 0001 already has the trigram indexes on lower(email),
 * lower(name) and lower(workspaces.name). Frozen in time: never import application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Email prefix (`john.sm…`): LIKE 'x%' can only use a btree built with pattern ops.
  await sql`create index users_email_pattern_idx on app.users (lower(email) text_pattern_ops)`.execute(db);
  // Email domain (`@acme.com`), newest first, so a big domain stops after one page.
  await sql`create index users_email_domain_idx on app.users (lower(split_part(email, '@', 2)), created_at desc)`.execute(db);
  // Misspelt emails compare the local part only: every address shares `.com`-like
  // trigrams, which would make a similarity search read most of the index.
  await sql`create index users_email_local_trgm_idx on app.users using gin (lower(split_part(email, '@', 1)) gin_trgm_ops)`.execute(db);
  // Keyset pages of the customer list sorted by signup date.
  await sql`create index users_created_id_idx on app.users (created_at, id)`.execute(db);
  await sql`create index workspaces_plan_owner_idx on app.workspaces (plan, owner_user_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index app.users_email_pattern_idx, app.users_email_domain_idx, app.users_email_local_trgm_idx, app.users_created_id_idx, app.workspaces_plan_owner_idx`.execute(db);
}
