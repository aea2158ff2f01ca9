import { sql } from 'kysely';
import type { ReconciliationPhase, TReconciliationRun } from '@opsdesk/shared';
import type { DbOrTrx } from '../../../db/database.js';

/** The durable state of reconciliation runs (ops.revenue_reconciliations): start, claim, progress, outcome. */

/** A run showing no progress for this long belongs to a process that died: it is failed, never left running. */
export const STALE_AFTER_SECONDS = 120;

export interface ClaimedRun {
  id: string;
  day: string;
  currency: string;
}

const runColumns = sql`r.id, to_char(r.day, 'YYYY-MM-DD') as day, r.status, r.phase, r.currency, r.progress_done, r.progress_total,
  r.opsdesk_total_cents, r.stripe_total_cents, r.customers_compared, r.differences_count, r.differences_stored, r.excluded_subscriptions,
  r.error, r.requested_by, s.name as requested_by_name, r.created_at, r.started_at, r.finished_at`;

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

/** The oldest queued run, now `running` for this process (`skip locked`: two processes never take the same one). */
export async function claimNextQueuedRun(db: DbOrTrx, runnerId: string): Promise<ClaimedRun | null> {
  const { rows } = await sql<ClaimedRun>`
    with next as (select id from ops.revenue_reconciliations where status = 'queued' order by created_at, id limit 1 for update skip locked)
    update ops.revenue_reconciliations r set status = 'running', runner_id = ${runnerId}, started_at = now(), heartbeat_at = now()
    from next where r.id = next.id
    returning r.id, to_char(r.day, 'YYYY-MM-DD') as day, r.currency`.execute(db);
  return rows[0] ?? null;
}

/** Progress and the heartbeat in one write; `total` grows when Stripe has more subscriptions than the mirror counted. */
export async function recordProgress(db: DbOrTrx, runId: string, progress: { phase: ReconciliationPhase; done: number }): Promise<void> {
  await sql`update ops.revenue_reconciliations set phase = ${progress.phase}, progress_done = ${progress.done},
      progress_total = greatest(coalesce(progress_total, 0), ${progress.done}), heartbeat_at = now()
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

/** False when the run is no longer `running` (failed meanwhile as abandoned): the caller then keeps nothing. */
export async function markRunSucceeded(db: DbOrTrx, runId: string, outcome: RunOutcome): Promise<boolean> {
  const { numAffectedRows } = await sql`update ops.revenue_reconciliations set status = 'succeeded', phase = 'done', finished_at = now(), heartbeat_at = now(),
      progress_done = ${outcome.subscriptionsListed}, progress_total = ${outcome.subscriptionsListed},
      opsdesk_total_cents = ${outcome.opsdeskTotalCents}, stripe_total_cents = ${outcome.stripeTotalCents},
      customers_compared = ${outcome.customersCompared}, differences_count = ${outcome.differencesCount},
      differences_stored = ${outcome.differencesStored}, excluded_subscriptions = ${outcome.excludedSubscriptions}
    where id = ${runId}::uuid and status = 'running'`.execute(db);
  return Number(numAffectedRows ?? 0) === 1;
}

export async function markRunFailed(db: DbOrTrx, runId: string, error: string): Promise<void> {
  await sql`update ops.revenue_reconciliations set status = 'failed', phase = 'done', finished_at = now(), error = ${error}
    where id = ${runId}::uuid and status in ('queued', 'running')`.execute(db);
}

/** Runs whose process stopped (crash, restart, deploy) without finishing: failed with the reason, so none stays `running`. */
export async function failAbandonedRuns(db: DbOrTrx): Promise<number> {
  const { numAffectedRows } = await sql`
    update ops.revenue_reconciliations set status = 'failed', phase = 'done', finished_at = now(),
      error = ${`The server process running it stopped (no progress for ${STALE_AFTER_SECONDS / 60} minutes). Start it again.`}
    where status = 'running' and coalesce(heartbeat_at, started_at, created_at) < now() - make_interval(secs => ${STALE_AFTER_SECONDS})`.execute(db);
  return Number(numAffectedRows ?? 0);
}
