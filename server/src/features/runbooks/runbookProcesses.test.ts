import { afterAll, describe, expect, it } from 'vitest';
import { startOpsdeskProcess, type OpsdeskProcess } from '../../bench/opsdeskProcess.js';
import { freePort } from '../../testing/freePort.js';
import { createTestApp, recordingResponse, type TestApp } from '../../testing/testApp.js';
import { createContext } from '../../trpc/context.js';
import { router } from '../../trpc/procedures.js';
import { findAuditRowsByAction } from '../audit/audit.queries.js';
import { installJobEngine } from '../jobs/jobEngine.js';
import { logTexts, waitForJob } from '../jobs/testing/jobTestKit.js';
import { INTERRUPTED_MESSAGE } from './runbookRun.job.js';
import { createRunbooksRouter } from './runbooks.router.js';
import { slowTestAction } from './testing/slowTestAction.js';

/**
 * Crash survival of a runbook run, with real server processes (each starts the job
 * engine as main.ts does, with the runbook job kinds built the same way, for a
 * test-only slow action): a run is started through the router, its server is killed
 * with SIGKILL mid-execution, a second server starts, and the run is reported failed
 * with the reason, never executed a second time, never left running; its target is free again.
 */
const PROCESS_BOUND_MS = 240_000;
const WORKER_SCRIPT = 'server/src/features/runbooks/testing/runbookWorkerProcess.ts';

describe('runbook runs across a crash', () => {
  let app: TestApp;
  const workers: OpsdeskProcess[] = [];
  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await app?.close();
  });

  const startWorker = async (name: string) => {
    const worker = startOpsdeskProcess({ port: await freePort(), script: WORKER_SCRIPT, env: { NODE_ENV: 'test', DATABASE_URL: app.database.url, LOG_LEVEL: 'warn', STRIPE_EMULATOR_PORT: '0', REDIS_URL: undefined } });
    workers.push(worker);
    try {
      await worker.waitForLine(/^runbook worker \S+ is running/, { timeoutMs: 120_000 });
    } catch (error) {
      throw new Error(`runbook worker ${name} did not start: ${(error as Error).message}\n${worker.recentOutput()}`);
    }
    return worker;
  };

  it(
    'kill -9 mid-run, restart: the run is reported failed, executed once, and its target is free',
    async () => {
      app = await createTestApp();
      await installJobEngine(app.db, app.database.url);
      const { staff, sessionToken } = await app.callerAs(['oncall']);
      const api = router({ runbooks: createRunbooksRouter([slowTestAction]) }).createCaller(createContext(app.deps, { requestId: 'crash-test', ip: null, userAgent: 'vitest', sessionToken }, recordingResponse())).runbooks;
      const params = { steps: 200, stepMs: 50 };
      const plan = await api.plan({ action: 'testing.slowWalk', params });

      const first = await startWorker('first');
      const { runId, jobId } = await api.run({ action: 'testing.slowWalk', params, planHash: plan.planHash, confirmed: true });
      await waitForProgress(app, jobId, 3);
      process.kill(-first.pid, 'SIGKILL');
      await waitForExit(first);
      const cutOff = await app.db.selectFrom('ops.runbookRuns').select('status').where('id', '=', runId).executeTakeFirstOrThrow();
      // The process is gone mid-run: the row says running until a server looks.
      expect(cutOff.status).toBe('running');

      await startWorker('second');
      const job = await waitForJob(app.db, jobId, ['succeeded', 'failed', 'cancelled', 'timed_out'], 60_000);
      expect(job.status).toBe('failed');
      const run = await api.getRun({ id: runId });
      expect(run).toMatchObject({ status: 'failed', error: INTERRUPTED_MESSAGE });
      const log = await logTexts(app.db, jobId);
      expect(log.filter((line) => line === 'Executing')).toHaveLength(1);
      expect(log.at(-1)).toBe(`Failed: ${INTERRUPTED_MESSAGE}`);
      const outcomes = (await findAuditRowsByAction(app.db, 'runbooks.run_finished')).filter((row) => row.targetId === runId);
      expect(outcomes.map((row) => [row.result, row.actorId])).toEqual([['failure', staff.id]]);

      // Nothing holds the target: a new run goes ahead on the second server and completes.
      const short = { steps: 2, stepMs: 0 };
      const again = await api.run({ action: 'testing.slowWalk', params: short, planHash: (await api.plan({ action: 'testing.slowWalk', params: short })).planHash, confirmed: true });
      expect((await waitForJob(app.db, again.jobId, ['succeeded', 'failed', 'cancelled', 'timed_out'], 60_000)).status).toBe('succeeded');
      expect(await api.getRun({ id: again.runId })).toMatchObject({ status: 'succeeded', resultSummary: 'Walked 2 steps.' });
      expect(await app.db.selectFrom('ops.runbookRuns').select('id').where('status', 'in', ['queued', 'running']).execute()).toEqual([]);
    },
    PROCESS_BOUND_MS,
  );
});

async function waitForProgress(app: TestApp, jobId: string, atLeast: number): Promise<void> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const row = await app.db.selectFrom('ops.jobs').select(['status', 'progressDone']).where('id', '=', jobId).executeTakeFirstOrThrow();
    if (row.status === 'running' && row.progressDone >= atLeast) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`job ${jobId} did not reach step ${atLeast}`);
}

async function waitForExit(worker: OpsdeskProcess): Promise<void> {
  for (const deadline = Date.now() + 10_000; worker.exitCode() === undefined; ) {
    if (Date.now() > deadline) throw new Error('the killed worker did not exit');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
