import { sql, type Kysely } from 'kysely';

/**
 * Runbook actions (docs/runbook.md): one row per run and one per temporary change. The
 * run's execution is an ops.jobs row (its log is the live output); this row keeps what
 * the job row cannot: the action, its target, the plan that was confirmed and its hash.
 * The partial unique index is the lock: one queued or running run per target.
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table ops.runbook_runs (
      id uuid primary key default gen_random_uuid(),
      action text not null check (length(action) <= 60),
      target text not null check (length(target) <= 200),
      params jsonb not null default '{}' check (octet_length(params::text) <= 16384),
      plan jsonb not null check (octet_length(plan::text) <= 65536),
      plan_hash text not null check (plan_hash ~ '^[0-9a-f]{64}$'),
      status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'timed_out')),
      requested_by uuid references ops.staff (id),
      reason text check (length(reason) <= 1000),
      job_id uuid references ops.jobs (id) on delete set null,
      result jsonb check (octet_length(result::text) <= 65536),
      error text check (length(error) <= 2000),
      queued_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz
    )`.execute(db);
  await sql`create unique index runbook_runs_one_per_target on ops.runbook_runs (target) where status in ('queued', 'running')`.execute(db);
  await sql`create index runbook_runs_action_recent_idx on ops.runbook_runs (action, queued_at desc)`.execute(db);
  await sql`create index runbook_runs_recent_idx on ops.runbook_runs (queued_at desc)`.execute(db);
  await sql`create index runbook_runs_job_idx on ops.runbook_runs (job_id)`.execute(db);

  await sql`
    create table ops.runbook_temporary_changes (
      id uuid primary key default gen_random_uuid(),
      run_id uuid not null references ops.runbook_runs (id),
      action text not null check (length(action) <= 60),
      description text not null check (length(description) <= 500),
      revert_params jsonb not null default 'null' check (octet_length(revert_params::text) <= 16384),
      expires_at timestamptz not null,
      status text not null default 'active' check (status in ('active', 'reverted', 'cancelled')),
      revert_job_id uuid references ops.jobs (id) on delete set null,
      created_at timestamptz not null default now(),
      reverted_at timestamptz,
      reverted_by uuid references ops.staff (id)
    )`.execute(db);
  await sql`create index runbook_changes_active_idx on ops.runbook_temporary_changes (expires_at) where status = 'active'`.execute(db);
  await sql`create index runbook_changes_recent_idx on ops.runbook_temporary_changes (created_at desc)`.execute(db);
  await sql`create index runbook_changes_job_idx on ops.runbook_temporary_changes (revert_job_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table ops.runbook_temporary_changes`.execute(db);
  await sql`drop table ops.runbook_runs`.execute(db);
}
