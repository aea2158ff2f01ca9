import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.js';
import { createTestDatabase, type TestDatabase } from '../../testing/testDatabase.js';
import { enqueueJob } from './enqueueJob.js';
import { selfCheckJob } from './kinds/selfCheck.job.js';
import { startJobServer, type JobServer } from './testing/jobServerProcess.js';
import { logTexts, waitForJob } from './testing/jobTestKit.js';

/**
 * Crash survival and locking between processes, with real server processes (each starts
 * its own engine, as `npm start` does) on one real database: kill -9 mid-job, restart,
 * and nothing is lost or left running; two servers at once, and every job runs once.
 */
const PROCESS_BOUND_MS = 240_000;

const startSelfCheck = (db: Db, params: { steps: number; stepMs: number; resumable: boolean }) =>
  db.transaction().execute((trx) => enqueueJob(trx, selfCheckJob, params, { startedBy: null }));

describe('durable jobs across server processes', () => {
  const servers: JobServer[] = [];
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
    for (const database of databases) await database.drop();
  });

  it(
    'kill -9 mid-job, then a restart: the resumable job resumes and succeeds, the other is failed with the reason; none stays running',
    async () => {
      const database = await createTestDatabase({ max: 4 });
      databases.push(database);
      const first = await startJobServer(database.url, 'crash-first');
      servers.push(first);
      const resumable = await startSelfCheck(database.db, { steps: 40, stepMs: 100, resumable: true });
      const oneShot = await startSelfCheck(database.db, { steps: 40, stepMs: 100, resumable: false });
      for (const job of [resumable, oneShot]) await waitForProgress(database.db, job.id, 3);

      await first.kill();
      const killedAt = (await sql<{ at: Date }>`select now() as at`.execute(database.db)).rows[0]!.at;
      const cutOff = await database.db.selectFrom('ops.jobs').select(['id', 'status', 'progressDone']).where('id', 'in', [resumable.id, oneShot.id]).execute();
      // The process is gone mid-run: its rows still say running until a server looks.
      expect(cutOff.map((row) => row.status)).toEqual(['running', 'running']);
      const stoppedAt = Object.fromEntries(cutOff.map((row) => [row.id, row.progressDone]));

      const second = await startJobServer(database.url, 'crash-second');
      servers.push(second);
      const failed = await waitForJob(database.db, oneShot.id, ['failed', 'succeeded', 'cancelled', 'timed_out'], 30_000);
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(/^The server stopped while it ran \(at step \d+ of 40\)/);
      expect(failed.finishedAt).not.toBeNull();
      expect((await logTexts(database.db, oneShot.id)).at(-1)).toMatch(/^The server stopped while it ran/);

      const resumed = await waitForJob(database.db, resumable.id, ['failed', 'succeeded', 'cancelled', 'timed_out'], 30_000);
      expect(resumed).toMatchObject({ status: 'succeeded', attempts: 2, progressDone: 40, progressTotal: 40 });
      expect((resumed.result as { resumedAt: number }).resumedAt).toBe(stoppedAt[resumable.id]);
      const log = await logTexts(database.db, resumable.id);
      expect(log.filter((line) => line.startsWith('Started on'))).toHaveLength(1);
      expect(log.filter((line) => line.startsWith('Resumed at step'))).toHaveLength(1);
      // Every step was done; after the resume, exactly the steps that were left, once each.
      const stepsOf = (lines: string[]) => lines.flatMap((line) => /^Step (\d+) of 40/.exec(line)?.[1] ?? []).map(Number);
      expect(new Set(stepsOf(log))).toEqual(new Set(Array.from({ length: 40 }, (_, i) => i + 1)));
      const resumedFrom = stoppedAt[resumable.id]!;
      const afterResume = stepsOf(log.slice(log.findIndex((line) => line.startsWith('Resumed at step'))));
      expect(afterResume).toEqual(Array.from({ length: 40 - resumedFrom }, (_, i) => resumedFrom + 1 + i));

      // Of the jobs there were when the process died (the built-in schedules the restarted
      // server queues each minute are new work, and may be running right now).
      const stillRunning = await database.db.selectFrom('ops.jobs').select('id').where('status', 'in', ['running', 'queued']).where('queuedAt', '<=', killedAt).execute();
      expect(stillRunning).toEqual([]);
    },
    PROCESS_BOUND_MS,
  );

  it(
    'two servers on one database: every job runs exactly once, and both take their share',
    async () => {
      const database = await createTestDatabase({ max: 4 });
      databases.push(database);
      const [a, b] = await Promise.all([startJobServer(database.url, 'pair-a'), startJobServer(database.url, 'pair-b')]);
      servers.push(a, b);
      const jobs = [];
      for (let i = 0; i < 40; i++) jobs.push(await startSelfCheck(database.db, { steps: 2, stepMs: 100, resumable: false }));
      for (const job of jobs) expect((await waitForJob(database.db, job.id, ['succeeded', 'failed', 'cancelled', 'timed_out'], 60_000)).status).toBe('succeeded');

      const workers = new Set<string>();
      for (const job of jobs) {
        const log = await logTexts(database.db, job.id);
        // The side effects of a run, counted: one start, each step once.
        const starts = log.filter((line) => line.startsWith('Started on'));
        expect(starts).toHaveLength(1);
        expect(log.filter((line) => line.startsWith('Step 1 of 2'))).toHaveLength(1);
        expect(log.filter((line) => line.startsWith('Step 2 of 2'))).toHaveLength(1);
        workers.add(/^Started on (\S+) /.exec(starts[0]!)![1]!);
      }
      const attempts = await database.db.selectFrom('ops.jobs').select('attempts').where('id', 'in', jobs.map((job) => job.id)).execute();
      expect(attempts.every((row) => row.attempts === 1)).toBe(true);
      expect(workers.size).toBe(2);
    },
    PROCESS_BOUND_MS,
  );
});

async function waitForProgress(db: Db, id: string, atLeast: number): Promise<void> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const row = await db.selectFrom('ops.jobs').select(['status', 'progressDone']).where('id', '=', id).executeTakeFirstOrThrow();
    if (row.status === 'running' && row.progressDone >= atLeast) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`job ${id} did not reach step ${atLeast}`);
}
