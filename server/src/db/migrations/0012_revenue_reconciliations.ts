import { sql, type Kysely } from 'kysely';

/**
 * Reconciliation with Stripe (docs/metrics.md, "Reconciliation"): one row per run, the
 * background task's durable state (status, progress, heartbeat, totals, error), and the
 * customers whose figures differ (bounded per run). Frozen in time: never import
 * application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table ops.revenue_reconciliations (
      id uuid primary key default gen_random_uuid(),
      day date not null,
      currency text not null,
      requested_by uuid not null references ops.staff (id),
      status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed')),
      phase text not null default 'listing' check (phase in ('listing', 'comparing', 'done')),
      progress_done integer not null default 0,
      progress_total integer,
      opsdesk_total_cents bigint,
      stripe_total_cents bigint,
      customers_compared integer,
      differences_count integer,
      differences_stored integer,
      excluded_subscriptions integer,
      error text,
      -- Which process runs it and when it last showed progress: a run whose process died is failed, never left running.
      runner_id text,
      heartbeat_at timestamptz,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz
    )`.execute(db);
  // One run per day at a time: a second start finds the first (idempotent start).
  await sql`create unique index revenue_reconciliations_active_day_idx on ops.revenue_reconciliations (day) where status in ('queued', 'running')`.execute(db);
  await sql`create index revenue_reconciliations_recent_idx on ops.revenue_reconciliations (created_at desc, id)`.execute(db);

  // Stored in order of importance (largest difference first): keyset by id pages them in that order.
  await sql`
    create table ops.revenue_reconciliation_differences (
      id bigserial primary key,
      run_id uuid not null references ops.revenue_reconciliations (id) on delete cascade,
      customer_id text not null,
      opsdesk_cents bigint not null,
      stripe_cents bigint not null,
      difference_cents bigint not null,
      reason text not null,
      subscription_id text,
      note text
    )`.execute(db);
  await sql`create index revenue_reconciliation_differences_run_idx on ops.revenue_reconciliation_differences (run_id, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table ops.revenue_reconciliation_differences`.execute(db);
  await sql`drop table ops.revenue_reconciliations`.execute(db);
}
