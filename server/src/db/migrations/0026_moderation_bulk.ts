import { sql, type Kysely } from 'kysely';

/**
 * Bulk moderation actions (issue 13 §3, docs/moderation.md "Bulk actions"): one row per
 * run with its selection (chosen entry ids, or a filter frozen as JSON), the action (the
 * reason code, its decision type, the audited reason and the statement's facts), who
 * asked, the estimate shown and the real total, and running counters; one row per item
 * of the frozen set, written in one insert … select when the job starts, whose status
 * changes in the same transaction as the item's decision (so a restart never acts twice).
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table ops.moderation_bulk_runs (
      id bigserial primary key,
      -- Jobs are pruned after a while; the run and its items stay as the record.
      job_id uuid unique references ops.jobs (id) on delete set null,
      selection text not null check (selection in ('entries', 'filter')),
      filter jsonb check (filter is null or jsonb_typeof(filter) = 'object'),
      entry_ids bigint[] check (entry_ids is null or cardinality(entry_ids) between 1 and 1000),
      reason_code text not null references ops.moderation_reason_codes (code),
      decision_type text not null check (decision_type in ('dismiss', 'label', 'hide', 'remove')),
      reason text not null check (length(reason) between 1 and 1000),
      facts text check (length(facts) <= 5000),
      requested_by uuid not null references ops.staff (id),
      requested_by_label text not null check (length(requested_by_label) <= 320),
      estimate integer check (estimate >= 0),
      total integer check (total >= 0),
      frozen_at timestamptz,
      done_count integer not null default 0 check (done_count >= 0),
      skipped_count integer not null default 0 check (skipped_count >= 0),
      failed_count integer not null default 0 check (failed_count >= 0),
      created_at timestamptz not null default now(),
      check ((selection = 'filter') = (filter is not null) and (selection = 'entries') = (entry_ids is not null)),
      check ((frozen_at is null) = (total is null))
    )`.execute(db);
  await sql`create index moderation_bulk_runs_created_idx on ops.moderation_bulk_runs (id desc)`.execute(db);

  await sql`
    create table ops.moderation_bulk_items (
      run_id bigint not null references ops.moderation_bulk_runs (id),
      queue_entry_id bigint not null references ops.moderation_queue (id),
      status text not null default 'pending' check (status in ('pending', 'done', 'skipped', 'failed')),
      reason text check (length(reason) <= 1000),
      decision_id uuid references ops.moderation_decisions (id),
      processed_at timestamptz,
      primary key (run_id, queue_entry_id),
      check ((status = 'done') = (decision_id is not null)),
      check ((status = 'pending') = (processed_at is null))
    )`.execute(db);
  // The worker's walk over what is left, and the item pages filtered by status.
  await sql`create index moderation_bulk_items_status_idx on ops.moderation_bulk_items (run_id, status, queue_entry_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table ops.moderation_bulk_items`.execute(db);
  await sql`drop table ops.moderation_bulk_runs`.execute(db);
}
