import { sql } from 'kysely';
import type { ReconciliationPhase, TReconciliationRun } from '@opsdesk/shared';
import type { DbOrTrx } from '../../../db/database.js';
import type { LiveSubscriptionValue } from './stripeLiveMrr.js';

/**
 * The durable state of reconciliation runs (ops.revenue_reconciliations): start, claim by
 * its job, progress, outcome. The job engine runs them (revenueReconcile.job.ts); a run
 * whose job ended without recording an outcome is failed from the job's reason.
 */

export interface ClaimedRun {
  id: string;
  day: string;
  currency: string;
  /** Where the Stripe listing carries on from after a crash (null: from the start), and how many subscriptions were listed by then. */
  stripeCursor: string | null;
  listed: number;
  /** The mirror's count of subscriptions when the run was started: the progress bar's end until Stripe says more. */
  estimate: number | null;
}

const runColumns = sql`r.id, to_char(r.day, 'YYYY-MM-DD') as day, r.status, r.phase, r.currency, r.progress_done, r.progress_total,
  r.opsdesk_total_cents, r.stripe_total_cents, r.customers_compared, r.differences_count, r.differences_stored, r.excluded_subscriptions,
  r.error, r.job_id, r.requested_by, s.name as requested_by_name, r.created_at, r.started_at, r.finished_at`;

interface RunRow {
  id: string;
  day: string;
  status: TReconciliationRun['status'];
  phase: ReconciliationPhase;
  currency: string;
  progressDone: number;
  progressTotal: number | null;
  opsdeskTotalCents: string | null;
  stripeTotalCents: string | null;
  customersCompared: number | null;
  differencesCount: number | null;
  differencesStored: number | null;
  excludedSubscriptions: number | null;
  error: string | null;
  jobId: string | null;
  requestedBy: string;
  requestedByName: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

function toRun(row: RunRow): TReconciliationRun {
  const totals =
    row.opsdeskTotalCents === null || row.stripeTotalCents === null
      ? null
      : { opsdeskCents: Number(row.opsdeskTotalCents), stripeCents: Number(row.stripeTotalCents), differenceCents: Number(row.stripeTotalCents) - Number(row.opsdeskTotalCents) };
  return {
    id: row.id,
    day: row.day,
    status: row.status,
    phase: row.phase,
    currency: row.currency,
    progress: { done: row.progressDone, total: row.progressTotal },
    totals,
    customersCompared: row.customersCompared,
    differencesCount: row.differencesCount,
    differencesStored: row.differencesStored,
    excludedSubscriptions: row.excludedSubscriptions,
    error: row.error,
    jobId: row.jobId,
    requestedBy: { id: row.requestedBy, name: row.requestedByName },
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export async function findRun(db: DbOrTrx, runId: string): Promise<TReconciliationRun | null> {
  const { rows } = await sql<RunRow>`select ${runColumns} from ops.revenue_reconciliations r join ops.staff s on s.id = r.requested_by where r.id = ${runId}::uuid`.execute(db);
  return rows[0] ? toRun(rows[0]) : null;
}

export async function findRecentRuns(db: DbOrTrx, limit: number): Promise<TReconciliationRun[]> {
  const { rows } = await sql<RunRow>`select ${runColumns} from ops.revenue_reconciliations r join ops.staff s on s.id = r.requested_by
    order by r.created_at desc, r.id limit ${limit}`.execute(db);
  return rows.map(toRun);
}

/**
 * A new queued run for the day, or the day's queued or running one (the partial unique
 * index allows one): `created` says which. A concurrent start waits on the index, then
 * finds the first; if that one ended meanwhile, the next attempt inserts.
 */
export async function insertRunOrFindActive(db: DbOrTrx, run: { day: string; currency: string; requestedBy: string; progressTotal: number }): Promise<{ id: string; created: boolean }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const { rows: inserted } = await sql<{ id: string }>`
      insert into ops.revenue_reconciliations (day, currency, requested_by, progress_total)
      values (${run.day}::date, ${run.currency}, ${run.requestedBy}::uuid, ${run.progressTotal})
      on conflict (day) where status in ('queued', 'running') do nothing returning id`.execute(db);
    if (inserted[0]) return { id: inserted[0].id, created: true };
    const { rows: active } = await sql<{ id: string }>`
      select id from ops.revenue_reconciliations where day = ${run.day}::date and status in ('queued', 'running')`.execute(db);
    if (active[0]) return { id: active[0].id, created: false };
  }
  throw new Error('could not start or find the reconciliation of the day');
}

export async function setRunJob(trx: DbOrTrx, runId: string, jobId: string): Promise<void> {
  await sql`update ops.revenue_reconciliations set job_id = ${jobId}::uuid where id = ${runId}::uuid`.execute(trx);
}

/** The run, now `running` (again, after a crash) for its job; null when it already ended (cancelled before it began, or failed). */
export async function claimRunForJob(db: DbOrTrx, runId: string): Promise<ClaimedRun | null> {
  const { rows } = await sql<ClaimedRun>`
    update ops.revenue_reconciliations set status = 'running', started_at = coalesce(started_at, now())
    where id = ${runId}::uuid and status in ('queued', 'running')
    returning id, to_char(day, 'YYYY-MM-DD') as day, currency, stripe_cursor, progress_done as listed, progress_total as estimate`.execute(db);
  return rows[0] ?? null;
}

/** One listed page's values, kept with the cursor after it (the caller's transaction makes them one commit); nothing once the run ended. */
export async function insertListedPage(trx: DbOrTrx, runId: string, page: { values: readonly LiveSubscriptionValue[]; cursor: string; listed: number }): Promise<void> {
  if (page.values.length > 0) {
    await sql`insert into ops.revenue_reconciliation_listed (run_id, subscription_id, value)
      select ${runId}::uuid, v->>'subscriptionId', v from jsonb_array_elements(${JSON.stringify(page.values)}::jsonb) v
      where exists (select 1 from ops.revenue_reconciliations where id = ${runId}::uuid and status = 'running')
      on conflict do nothing`.execute(trx);
  }
  await sql`update ops.revenue_reconciliations set stripe_cursor = ${page.cursor}, phase = 'listing', progress_done = ${page.listed},
      progress_total = greatest(coalesce(progress_total, 0), ${page.listed})
    where id = ${runId}::uuid and status = 'running'`.execute(trx);
}

/** What an interrupted run had listed before it stopped. */
export async function findListedValues(db: DbOrTrx, runId: string): Promise<LiveSubscriptionValue[]> {
  const { rows } = await sql<{ value: LiveSubscriptionValue }>`select value from ops.revenue_reconciliation_listed where run_id = ${runId}::uuid order by subscription_id`.execute(db);
  return rows.map((row) => row.value);
}

/** Progress; `total` grows when Stripe has more subscriptions than the mirror counted. */
export async function recordProgress(db: DbOrTrx, runId: string, progress: { phase: ReconciliationPhase; done: number }): Promise<void> {
  await sql`update ops.revenue_reconciliations set phase = ${progress.phase}, progress_done = ${progress.done},
      progress_total = greatest(coalesce(progress_total, 0), ${progress.done})
    where id = ${runId}::uuid and status = 'running'`.execute(db);
}

export interface RunOutcome {
  subscriptionsListed: number;
  opsdeskTotalCents: number;
  stripeTotalCents: number;
  customersCompared: number;
  differencesCount: number;
  differencesStored: number;
  excludedSubscriptions: number;
}

/** False when the run is no longer `running` (cancelled or failed meanwhile): the caller's transaction then keeps nothing. */
export async function markRunSucceeded(db: DbOrTrx, runId: string, outcome: RunOutcome): Promise<boolean> {
  await sql`delete from ops.revenue_reconciliation_listed where run_id = ${runId}::uuid`.execute(db);
  const { numAffectedRows } = await sql`update ops.revenue_reconciliations set status = 'succeeded', phase = 'done', finished_at = now(), stripe_cursor = null,
      progress_done = ${outcome.subscriptionsListed}, progress_total = ${outcome.subscriptionsListed},
      opsdesk_total_cents = ${outcome.opsdeskTotalCents}, stripe_total_cents = ${outcome.stripeTotalCents},
      customers_compared = ${outcome.customersCompared}, differences_count = ${outcome.differencesCount},
      differences_stored = ${outcome.differencesStored}, excluded_subscriptions = ${outcome.excludedSubscriptions}
    where id = ${runId}::uuid and status = 'running'`.execute(db);
  return Number(numAffectedRows ?? 0) === 1;
}

/** What it had listed goes too: a failed run is started again from the beginning. */
export async function markRunFailed(db: DbOrTrx, runId: string, error: string): Promise<void> {
  await sql`with failed as (
      update ops.revenue_reconciliations set status = 'failed', phase = 'done', finished_at = now(), error = ${error}, stripe_cursor = null
      where id = ${runId}::uuid and status in ('queued', 'running') returning id)
    delete from ops.revenue_reconciliation_listed where run_id in (select id from failed)`.execute(db);
}

export const NO_JOB_MESSAGE = 'The server process running it stopped before it finished. Start it again.';

/**
 * Runs still queued or running whose job has ended (cancelled before it began, timed
 * out, failed outside the run's own handling) or is gone: failed with the job's reason,
 * so none is left active and blocking its day. Called before every read of the runs.
 */
export async function failRunsWhoseJobEnded(db: DbOrTrx): Promise<number> {
  const { rows } = await sql<{ id: string }>`
    with ended as (
      select r.id, j.status as job_status, j.error as job_error
      from ops.revenue_reconciliations r left join ops.jobs j on j.id = r.job_id
      where r.status in ('queued', 'running') and (j.id is null or j.status in ('succeeded', 'failed', 'cancelled', 'timed_out'))
      for update of r skip locked),
    failed as (
      update ops.revenue_reconciliations r set status = 'failed', phase = 'done', finished_at = now(), stripe_cursor = null,
        error = case when ended.job_status is null then ${NO_JOB_MESSAGE}
                     else coalesce(ended.job_error, 'Its job ended without recording an outcome. Start it again.') end
      from ended where r.id = ended.id and r.status in ('queued', 'running') returning r.id),
    dropped as (delete from ops.revenue_reconciliation_listed where run_id in (select id from failed))
    select id from failed`.execute(db);
  return rows.length;
}
