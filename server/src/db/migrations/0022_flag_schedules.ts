import { sql, type Kysely } from 'kysely';

/**
 * Scheduled flag changes (issue 12, docs/flags.md "Scheduled changes"): one environment
 * state to apply at `run_at` by a durable job (`flags.applySchedule`), with the state
 * it was made against (`base_updated_at`: the flag's row in that environment, null when
 * it had none) so a change made meanwhile turns the schedule `stale` instead of being
 * overwritten. Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table ops.flag_schedules (
      id uuid primary key default gen_random_uuid(),
      flag_id uuid not null references ops.flags (id),
      environment text not null references ops.flag_environments (name),
      enabled boolean not null,
      strategies jsonb not null default '[]' check (jsonb_typeof(strategies) = 'array' and octet_length(strategies::text) <= 1048576),
      variants jsonb not null default '[]' check (jsonb_typeof(variants) = 'array' and octet_length(variants::text) <= 262144),
      run_at timestamptz not null,
      status text not null default 'pending' check (status in ('pending', 'applied', 'cancelled', 'failed', 'stale')),
      base_updated_at timestamptz,
      job_id uuid references ops.jobs (id),
      created_by uuid not null references ops.staff (id),
      created_by_email text not null check (length(created_by_email) <= 320),
      created_at timestamptz not null default now(),
      finished_at timestamptz,
      error text check (length(error) <= 2000)
    )`.execute(db);
  await sql`create index flag_schedules_flag_idx on ops.flag_schedules (flag_id, run_at)`.execute(db);
  await sql`create index flag_schedules_pending_idx on ops.flag_schedules (run_at) where status = 'pending'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table ops.flag_schedules`.execute(db);
}
