import { sql, type Kysely } from 'kysely';

/**
 * Reports about an account rather than one piece of content (impersonation, a spam
 * account, harassment across many posts): the product's "report this user" form.
 * Optional in a real product like app.moderation_appeals: Opsdesk's sync skips it when
 * absent. Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table app.account_reports (
      id uuid primary key default gen_random_uuid(),
      reported_user_id uuid not null references app.users (id),
      reporter_user_id uuid references app.users (id),
      reason_code text not null check (reason_code in ('spam', 'harassment', 'hate', 'violence', 'sexual', 'illegal', 'ip_violation', 'other')),
      details text,
      status text not null default 'open' check (status in ('open', 'resolved')),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index account_reports_open_idx on app.account_reports (created_at) where status = 'open'`.execute(db);
  await sql`create index account_reports_reported_idx on app.account_reports (reported_user_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table app.account_reports`.execute(db);
}
