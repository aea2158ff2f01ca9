import { sql } from 'kysely';
import type { JobStatus } from '@opsdesk/shared';
import type { DbOrTrx, Trx } from '../../db/database.js';
import type { JobRow } from './jobs.table.js';

/**
 * Every query on ops.jobs. The run's own writes (progress, checkpoint, outcome) name the
 * engine instance that runs it and change nothing once the job is no longer running
 * there: a run cut off by its timeout or a cancel cannot overwrite the recorded outcome.
 */
export interface NewJob {
  kind: string;
  parametersJson: string;
  startedBy: string | null;
  runAt?: Date;
}

export async function insertJob(trx: DbOrTrx, job: NewJob): Promise<JobRow> {
  return trx
    .insertInto('ops.jobs')
    .values({ kind: job.kind, parameters: job.parametersJson, startedBy: job.startedBy, runAt: job.runAt ?? new Date() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findJob(db: DbOrTrx, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('ops.jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockJob(trx: Trx, id: string): Promise<JobRow | undefined> {
  return trx.selectFrom('ops.jobs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function markJobRunning(trx: Trx, id: string, worker: { id: string; key: number }): Promise<JobRow> {
  return trx
    .updateTable('ops.jobs')
    .set((eb) => ({
      status: 'running',
      attempts: eb('attempts', '+', 1),
      startedAt: eb.fn.coalesce('startedAt', sql<Date>`now()`),
      workerId: worker.id,
      workerKey: worker.key,
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Null when the job no longer runs on this worker (finished, cancelled, timed out). */
export async function updateJobProgress(db: DbOrTrx, id: string, workerId: string, done: number, total: number | null | undefined): Promise<{ cancelRequested: boolean } | null> {
  const row = await db
    .updateTable('ops.jobs')
    .set(total === undefined ? { progressDone: done } : { progressDone: done, progressTotal: total })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('workerId', '=', workerId)
    .returning('cancelRequestedAt')
    .executeTakeFirst();
  return row ? { cancelRequested: row.cancelRequestedAt !== null } : null;
}

export async function saveJobCheckpoint(db: DbOrTrx, id: string, workerId: string, checkpointJson: string): Promise<void> {
  await db.updateTable('ops.jobs').set({ checkpoint: checkpointJson }).where('id', '=', id).where('status', '=', 'running').where('workerId', '=', workerId).execute();
}

export interface JobOutcome {
  status: Extract<JobStatus, 'succeeded' | 'failed' | 'cancelled' | 'timed_out'>;
  resultJson?: string | null;
  error?: string | null;
}

/** Records how a run ended; false when it was no longer running on `workerId` (someone else recorded it). */
export async function finishJob(db: DbOrTrx, id: string, workerId: string | null, outcome: JobOutcome): Promise<boolean> {
  let query = db
    .updateTable('ops.jobs')
    .set((eb) => ({
      status: outcome.status,
      result: outcome.resultJson ?? null,
      error: outcome.error ?? null,
      finishedAt: sql<Date>`now()`,
      workerId: null,
      workerKey: null,
      // A finished job's bar is full when it succeeded; otherwise it shows where it stopped.
      progressDone: outcome.status === 'succeeded' ? eb.fn.coalesce('progressTotal', 'progressDone') : eb.ref('progressDone'),
    }))
    .where('id', '=', id);
  query = workerId === null ? query.where('status', 'in', ['queued', 'running']) : query.where('status', '=', 'running').where('workerId', '=', workerId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A failed attempt of a retryable kind goes back in the queue, to run at `runAt`. */
export async function requeueJob(trx: DbOrTrx, id: string, workerId: string, runAt: Date, error: string): Promise<boolean> {
  const result = await trx
    .updateTable('ops.jobs')
    .set({ status: 'queued', runAt, error, workerId: null, workerKey: null })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('workerId', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markCancelRequested(trx: DbOrTrx, id: string, staffId: string): Promise<JobRow | undefined> {
  return trx
    .updateTable('ops.jobs')
    .set((eb) => ({ cancelRequestedAt: eb.fn.coalesce('cancelRequestedAt', sql<Date>`now()`), cancelRequestedBy: eb.fn.coalesce('cancelRequestedBy', eb.val(staffId)) }))
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .returningAll()
    .executeTakeFirst();
}

/** Running jobs with a cancel request, on one worker: its watcher aborts them. */
export async function findCancelRequests(db: DbOrTrx, workerId: string): Promise<string[]> {
  const rows = await db.selectFrom('ops.jobs').select('id').where('status', '=', 'running').where('workerId', '=', workerId).where('cancelRequestedAt', 'is not', null).execute();
  return rows.map((row) => row.id);
}

/**
 * Running jobs whose engine instance is gone: its session advisory lock (liveness.ts)
 * is no longer held, which PostgreSQL guarantees once the process's connection closed,
 * however the process ended (kill -9 included).
 */
export async function findOrphanedJobs(db: DbOrTrx, lockNamespace: number): Promise<{ id: string; kind: string; workerId: string | null }[]> {
  const { rows } = await sql<{ id: string; kind: string; workerId: string | null }>`
    select j.id, j.kind, j.worker_id from ops.jobs j
    where j.status = 'running'
      and not exists (
        select 1 from pg_locks l
        where l.locktype = 'advisory' and l.granted and l.objsubid = 2
          and l.database = (select oid from pg_database where datname = current_database())
          and l.classid = ${lockNamespace}::int8::oid and l.objid = j.worker_key::int8::oid)`.execute(db);
  return rows;
}
