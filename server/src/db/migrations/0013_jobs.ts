import { sql, type Kysely } from 'kysely';

/**
 * Durable jobs (docs/architecture.md, "Jobs"): the row the console shows for every
 * background run, whatever its kind, and its bounded log. Dispatching (who runs what,
 * when, with locking between processes) is graphile-worker's, in its own schema; these
 * tables are Opsdesk's record. Parameters and results are bounded here as well as in code.
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table ops.jobs (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      parameters jsonb not null default '{}' check (octet_length(parameters::text) <= 16384),
      started_by uuid references ops.staff (id),
      status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'timed_out')),
      progress_done integer not null default 0,
      progress_total integer,
      result jsonb check (octet_length(result::text) <= 16384),
      error text check (length(error) <= 2000),
      -- A resumable kind's own marker of how far it got (resumed after a crash from here).
      checkpoint jsonb check (octet_length(checkpoint::text) <= 16384),
      attempts integer not null default 0,
      -- Milliseconds, as JavaScript holds them: the list's keyset cursor carries it exactly.
      queued_at timestamptz not null default date_trunc('milliseconds', now()),
      run_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz,
      cancel_requested_at timestamptz,
      cancel_requested_by uuid references ops.staff (id),
      -- The engine instance running it; its advisory lock (held while the process lives) says whether it still does.
      worker_id text,
      worker_key integer,
      log_lines integer not null default 0,
      log_dropped integer not null default 0
    )`.execute(db);
  await sql`create index jobs_recent_idx on ops.jobs (queued_at desc, id desc)`.execute(db);
  await sql`create index jobs_kind_recent_idx on ops.jobs (kind, queued_at desc, id desc)`.execute(db);
  await sql`create index jobs_started_by_idx on ops.jobs (started_by, queued_at desc, id desc)`.execute(db);
  await sql`create index jobs_unfinished_idx on ops.jobs (status, queued_at) where status in ('queued', 'running')`.execute(db);

  await sql`
    create table ops.job_log (
      job_id uuid not null references ops.jobs (id) on delete cascade,
      seq integer not null,
      at timestamptz not null default now(),
      level text not null check (level in ('info', 'warn', 'error')),
      text text not null check (length(text) <= 1000),
      primary key (job_id, seq)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table ops.job_log`.execute(db);
  await sql`drop table ops.jobs`.execute(db);
}
