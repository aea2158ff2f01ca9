import { sql, type Kysely } from 'kysely';

/**
 * Two lists of the support home page (customers/recentCustomers.queries.ts):
 * - "Recently viewed": the customers each staff member opened last, one row per staff
 *   member and customer, moved to the top at every view and kept to the newest few (the
 *   write that records a view prunes the rest), so the table stays at about twenty rows
 *   per staff member however long they work. A row names a product user: the GDPR data
 *   map deletes it with the rest of the subject's data.
 * - "Latest notes": the newest customer notes of the whole team, read from the end of an
 *   index on their creation time instead of sorting every note.
 *
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table ops.staff_recent_customers (
      staff_id uuid not null references ops.staff (id) on delete cascade,
      user_id text not null,
      viewed_at timestamptz not null default now(),
      primary key (staff_id, user_id)
    )`.execute(db);
  await sql`create index staff_recent_customers_viewed_idx on ops.staff_recent_customers (staff_id, viewed_at desc)`.execute(db);
  await sql`create index staff_notes_latest_idx on ops.staff_notes (created_at desc) where deleted_at is null and subject_type = 'customer'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index ops.staff_notes_latest_idx`.execute(db);
  await sql`drop table ops.staff_recent_customers`.execute(db);
}
