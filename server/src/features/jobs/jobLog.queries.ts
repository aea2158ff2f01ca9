import { sql } from 'kysely';
import type { JobLogLine } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';

/**
 * A job's log is bounded: it keeps the first LOG_HEAD lines (how the run began) and the
 * last LOG_TAIL (how it is going or how it ended); lines in between are deleted as new
 * ones arrive and counted in ops.jobs.log_dropped, so the console can say how many.
 * Sequence numbers are never reused, so the gap shows where lines were dropped.
 */
export const LOG_HEAD = 200;
export const LOG_TAIL = 300;

export interface NewLogLine {
  level: 'info' | 'warn' | 'error';
  /** Already made safe (jobLogText.ts). */
  text: string;
}

/**
 * One statement: number the line on the job's row (which serialises lines of one job),
 * insert it, and drop the line that just left the tail window. `workerId`: only while
 * the job runs there (a run cut off by its timeout writes nothing more).
 */
export async function appendJobLogLine(db: DbOrTrx, jobId: string, line: NewLogLine, workerId?: string): Promise<void> {
  const owner = workerId === undefined ? sql`true` : sql`status = 'running' and worker_id = ${workerId}`;
  await sql`
    with numbered as (
      update ops.jobs set log_lines = log_lines + 1,
        log_dropped = log_dropped + case when log_lines + 1 > ${LOG_HEAD + LOG_TAIL} then 1 else 0 end
      where id = ${jobId} and ${owner}
      returning log_lines as seq),
    inserted as (
      insert into ops.job_log (job_id, seq, level, text) select ${jobId}, seq, ${line.level}, ${line.text} from numbered)
    delete from ops.job_log
    where job_id = ${jobId} and seq = (select seq - ${LOG_TAIL} from numbered) and seq > ${LOG_HEAD}`.execute(db);
}

export async function findJobLogLines(db: DbOrTrx, jobId: string, afterSeq: number, limit: number): Promise<JobLogLine[]> {
  const rows = await db
    .selectFrom('ops.jobLog')
    .select(['seq', 'at', 'level', 'text'])
    .where('jobId', '=', jobId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ seq: row.seq, at: row.at.toISOString(), level: row.level, text: row.text }));
}
