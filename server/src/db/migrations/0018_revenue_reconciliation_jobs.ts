import { sql, type Kysely } from 'kysely';

/**
 * Reconciliations run on the job engine (issue 10): each run links to its job (the
 * console shows it), and its Stripe listing is resumable: every page's values are
 * staged beside the cursor (the last subscription listed) in one commit, so a run cut
 * off by a crash carries on after the last page it kept. The job's own liveness replaces
 * the runner's heartbeat, so those columns go.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table ops.revenue_reconciliations
      add column job_id uuid references ops.jobs (id) on delete set null,
      add column stripe_cursor text,
      drop column runner_id,
      drop column heartbeat_at`.execute(db);
  // Emptied when the run's outcome is stored; a failed run's are removed with it (or by the next failure sweep).
  await sql`
    create table ops.revenue_reconciliation_listed (
      run_id uuid not null references ops.revenue_reconciliations (id) on delete cascade,
      subscription_id text not null,
      value jsonb not null,
      primary key (run_id, subscription_id)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table ops.revenue_reconciliation_listed`.execute(db);
  await sql`
    alter table ops.revenue_reconciliations
      drop column job_id,
      drop column stripe_cursor,
      add column runner_id text,
      add column heartbeat_at timestamptz`.execute(db);
}
