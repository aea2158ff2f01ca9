import { sql } from 'kysely';
import { FINISHED_JOB_STATUSES, type RunbookRunStatus, type TRunbookRunsRequest } from '@opsdesk/shared';
import type { DbOrTrx, Trx } from '../../db/database.js';
import type { RunbookRunRow } from './runbooks.table.js';

/**
 * Every query on ops.runbook_runs. A run's outcome is written once: only a queued or
 * running run changes (a run cut off by its timeout cannot be overwritten by the work
 * that kept going). The lock is the partial unique index on target (migration 0014).
 */
export interface NewRunbookRun {
  action: string;
  target: string;
  paramsJson: string;
  planJson: string;
  planHash: string;
  requestedBy: string;
  reason: string | null;
}

const UNFINISHED = ['queued', 'running'] as const;

/** Null when another run holds the target (the index decides, so two concurrent requests cannot both get it). */
export async function insertRunIfTargetFree(trx: DbOrTrx, run: NewRunbookRun): Promise<RunbookRunRow | null> {
  const row = await trx
    .insertInto('ops.runbookRuns')
    .values({ action: run.action, target: run.target, params: run.paramsJson, plan: run.planJson, planHash: run.planHash, requestedBy: run.requestedBy, reason: run.reason })
    .onConflict((oc) => oc.column('target').where('status', 'in', UNFINISHED).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export interface RunHolder {
  id: string;
  action: string;
  status: RunbookRunStatus;
  requestedByEmail: string | null;
  since: Date;
}

export async function findRunHolder(db: DbOrTrx, target: string): Promise<RunHolder | undefined> {
  const row = await db
    .selectFrom('ops.runbookRuns as r')
    .leftJoin('ops.staff as s', 's.id', 'r.requestedBy')
    .select(['r.id', 'r.action', 'r.status', 's.email as requestedByEmail', 'r.queuedAt', 'r.startedAt'])
    .where('r.target', '=', target)
    .where('r.status', 'in', UNFINISHED)
    .executeTakeFirst();
  return row && { id: row.id, action: row.action, status: row.status, requestedByEmail: row.requestedByEmail, since: row.startedAt ?? row.queuedAt };
}

export async function setRunJob(trx: DbOrTrx, runId: string, jobId: string): Promise<void> {
  await trx.updateTable('ops.runbookRuns').set({ jobId }).where('id', '=', runId).execute();
}

export async function lockRun(trx: Trx, id: string): Promise<RunbookRunRow | undefined> {
  return trx.selectFrom('ops.runbookRuns').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function markRunRunning(trx: DbOrTrx, id: string): Promise<RunbookRunRow> {
  return trx.updateTable('ops.runbookRuns').set({ status: 'running', startedAt: sql<Date>`now()` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export interface RunOutcome {
  status: Exclude<RunbookRunStatus, 'queued' | 'running'>;
  resultJson?: string | null;
  error?: string | null;
}

/** False when the run had already finished (its outcome was recorded before). */
export async function finishRun(trx: DbOrTrx, id: string, outcome: RunOutcome): Promise<boolean> {
  const result = await trx
    .updateTable('ops.runbookRuns')
    .set({ status: outcome.status, result: outcome.resultJson ?? null, error: outcome.error ?? null, finishedAt: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', 'in', UNFINISHED)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Runs whose job ended without the run hearing of it (cancelled from the Jobs page
 * before it started): they take the job's outcome, so they stop holding their target.
 */
export async function settleRunsOfFinishedJobs(trx: DbOrTrx, target: string): Promise<Array<{ id: string; action: string; status: RunbookRunStatus; error: string | null; jobId: string | null }>> {
  const { rows } = await sql<{ id: string; action: string; status: RunbookRunStatus; error: string | null; jobId: string | null }>`
    update ops.runbook_runs r
    set status = case when j.status = 'succeeded' then 'failed' else j.status end,
        error = coalesce(j.error, 'The job of this run ended without recording it.'),
        finished_at = now()
    from ops.jobs j
    where j.id = r.job_id and r.target = ${target} and r.status in ('queued', 'running')
      and j.status in (${sql.join(FINISHED_JOB_STATUSES)})
    returning r.id, r.action, r.status, r.error, r.job_id as "jobId"`.execute(trx);
  return rows;
}

/** A run as the console lists it: the job's outcome wins over a run that never heard of it (see settleRunsOfFinishedJobs). */
function selectRuns(db: DbOrTrx) {
  return db
    .selectFrom('ops.runbookRuns as r')
    .leftJoin('ops.jobs as j', 'j.id', 'r.jobId')
    .leftJoin('ops.staff as s', 's.id', 'r.requestedBy')
    .select([
      'r.id',
      'r.action',
      'r.target',
      sql<RunbookRunStatus>`case when r.status in ('queued', 'running') and j.status in (${sql.join(FINISHED_JOB_STATUSES)}) then (case when j.status = 'succeeded' then 'failed' else j.status end) else r.status end`.as('status'),
      'r.requestedBy',
      's.email as requestedByEmail',
      'r.reason',
      sql<string>`r.plan->>'summary'`.as('planSummary'),
      sql<string | null>`r.result->>'summary'`.as('resultSummary'),
      sql<string | null>`coalesce(r.error, case when r.status in ('queued', 'running') then j.error end)`.as('error'),
      'r.jobId',
      'r.queuedAt',
      'r.startedAt',
      'r.finishedAt',
    ]);
}

export type RunListRow = Awaited<ReturnType<ReturnType<typeof selectRuns>['execute']>>[number];

export async function findRuns(db: DbOrTrx, filter: TRunbookRunsRequest): Promise<RunListRow[]> {
  let query = selectRuns(db).orderBy('r.queuedAt', 'desc').orderBy('r.id', 'desc').limit(filter.limit);
  if (filter.action) query = query.where('r.action', '=', filter.action);
  if (filter.active) query = query.where('r.status', 'in', UNFINISHED);
  return query.execute();
}

export async function findRunDetail(db: DbOrTrx, id: string) {
  return selectRuns(db)
    .select(['r.params', 'r.plan', 'r.planHash', 'r.result', 'j.progressDone', 'j.progressTotal', 'j.logDropped'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}
