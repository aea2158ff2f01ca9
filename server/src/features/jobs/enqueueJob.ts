import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import type { JobKind } from './jobKind.js';
import { insertJob } from './jobs.queries.js';
import type { JobRow } from './jobs.table.js';

/**
 * Starting a job: the ops.jobs row and graphile-worker's queue entry are written in the
 * caller's transaction (graphile_worker.add_job is plain SQL), so a job is queued exactly
 * when the change that asked for it commits — never a row without a run, nor a run
 * without a row. The queue entry carries only the row's id; the row is the truth.
 */
export const RUN_TASK = 'opsdesk_job';
/** Parameters, results and checkpoints are bounded (the columns check it too). */
export const JSON_MAX_BYTES = 16_384;
/** graphile-worker's own retries only cover the handler failing to record anything (the database gone); kinds retry through requeueJob. */
const ENGINE_MAX_ATTEMPTS = 25;

export class JobEngineUnavailableError extends Error {
  constructor() {
    super('The job engine has not been installed on this database yet: start the server once, then try again.');
  }
}

export function boundedJson(value: unknown, what: string): string {
  const json = JSON.stringify(value ?? null);
  if (Buffer.byteLength(json) > JSON_MAX_BYTES) throw new RangeError(`${what} is larger than ${JSON_MAX_BYTES} bytes`);
  return json;
}

export async function enqueueJob<P>(trx: DbOrTrx, kind: JobKind<P>, params: unknown, options: { startedBy: string | null; runAt?: Date }): Promise<JobRow> {
  const parsed = kind.params.parse(params);
  const row = await insertJob(trx, { kind: kind.name, parametersJson: boundedJson(parsed, 'The parameters'), startedBy: options.startedBy, runAt: options.runAt });
  try {
    await scheduleJobRun(trx, row.id, row.runAt);
  } catch (error) {
    // No graphile_worker schema (3F000) or function (42883): the engine never started on this database.
    const code = (error as { code?: string }).code;
    if (code === '3F000' || code === '42883') throw new JobEngineUnavailableError();
    throw error;
  }
  return row;
}

/**
 * Queues a run of an existing row (a new job, a retry, a resume after a crash). The job
 * key is the row's id: at most one waiting queue entry per job; if the old entry is still
 * locked by a worker that died, graphile-worker clears its key and adds a fresh one.
 */
export async function scheduleJobRun(trx: DbOrTrx, jobId: string, runAt: Date): Promise<void> {
  await sql`select graphile_worker.add_job(${RUN_TASK}, json_build_object('jobId', ${jobId}::text), run_at => ${runAt}::timestamptz, max_attempts => ${ENGINE_MAX_ATTEMPTS}, job_key => ${jobId}::text)`.execute(trx);
}

/** A queued job that was cancelled: its queue entry goes too (unless a worker holds it, which then finds the row finished). */
export async function removeJobRun(trx: DbOrTrx, jobId: string): Promise<void> {
  await sql`select graphile_worker.remove_job(${jobId}::text)`.execute(trx);
}
