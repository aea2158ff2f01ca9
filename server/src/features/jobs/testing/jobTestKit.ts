import { FINISHED_JOB_STATUSES, type JobStatus } from '@opsdesk/shared';
import type { Db } from '../../../db/database.js';
import { createLogger } from '../../../observability/logger.js';
import { HANG_BOUND_MS } from '../../../testing/bounded.js';
import type { TestApp } from '../../../testing/testApp.js';
import { startJobEngine, type JobEngine, type JobSchedule } from '../jobEngine.js';
import type { JobKind } from '../jobKind.js';
import type { JobRow } from '../jobs.table.js';

/** An engine on a test app's database, checking for cancels every 50 ms so tests stay short. */
export function startTestEngine(app: TestApp, kinds: readonly JobKind<any>[], options: { concurrency?: number; schedules?: readonly JobSchedule[] } = {}): Promise<JobEngine> {
  return startJobEngine({ db: app.db, connectionString: app.database.url, logger: createLogger('silent'), kinds, cancelPollMs: 50, sweepMs: 60_000, ...options });
}

/**
 * Waits until the job's row reaches one of `statuses` (default: any finished one) by
 * reading it again every 25 ms: a condition, not a duration. Fails after the hang bound.
 */
export async function waitForJob(db: Db, id: string, statuses: readonly JobStatus[] = FINISHED_JOB_STATUSES, boundMs = HANG_BOUND_MS): Promise<JobRow> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const row = await db.selectFrom('ops.jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    if (statuses.includes(row.status)) return row;
    if (Date.now() > deadline) throw new Error(`job ${id} (${row.kind}) is still ${row.status}, waited for ${statuses.join('/')}; error: ${row.error}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function logTexts(db: Db, id: string): Promise<string[]> {
  const rows = await db.selectFrom('ops.jobLog').select('text').where('jobId', '=', id).orderBy('seq').execute();
  return rows.map((row) => row.text);
}
