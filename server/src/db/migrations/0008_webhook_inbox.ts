import { sql, type Kysely } from 'kysely';

/**
 * The event ledger becomes the webhook inbox: a verified event is stored as `pending`
 * and acknowledged at once; a worker applies pending events to the mirror in batches
 * (docs/billing.md, "Webhooks and the event ledger"). `next_attempt_at` spaces out the
 * retries of a failed event; the partial index is the worker's queue, oldest first.
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table ops.stripe_events drop constraint stripe_events_status_check`.execute(db);
  await sql`alter table ops.stripe_events add constraint stripe_events_status_check check (status in ('pending', 'processed', 'failed', 'ignored'))`.execute(db);
  await sql`alter table ops.stripe_events add column next_attempt_at timestamptz`.execute(db);
  await sql`create index stripe_events_inbox_idx on ops.stripe_events (created, id) where status in ('pending', 'failed')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index ops.stripe_events_inbox_idx`.execute(db);
  await sql`alter table ops.stripe_events drop column next_attempt_at`.execute(db);
  await sql`update ops.stripe_events set status = 'failed', last_error = 'still pending when the inbox was removed' where status = 'pending'`.execute(db);
  await sql`alter table ops.stripe_events drop constraint stripe_events_status_check`.execute(db);
  await sql`alter table ops.stripe_events add constraint stripe_events_status_check check (status in ('processed', 'failed', 'ignored'))`.execute(db);
}
