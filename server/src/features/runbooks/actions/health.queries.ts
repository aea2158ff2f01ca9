import { sql } from 'kysely';
import type { Db } from '../../../db/database.js';

export interface JobQueueDepth {
  /** Queued jobs whose time has come: waiting for a worker. */
  due: number;
  /** Queued for later on purpose (a retry waiting its backoff, a scheduled change). */
  later: number;
  running: number;
  /** How long the longest-waiting due job has waited past its run time. */
  oldestDueSeconds: number | null;
}

export async function findJobQueueDepth(db: Db): Promise<JobQueueDepth> {
  const { rows } = await sql<JobQueueDepth>`
    select count(*) filter (where status = 'queued' and run_at <= now())::int as due,
           count(*) filter (where status = 'queued' and run_at > now())::int as later,
           count(*) filter (where status = 'running')::int as running,
           extract(epoch from now() - min(run_at) filter (where status = 'queued' and run_at <= now()))::float8 as oldest_due_seconds
    from ops.jobs where status in ('queued', 'running')`.execute(db);
  return rows[0]!;
}
