import { setTimeout as wait } from 'node:timers/promises';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { suspensionLiftingSchedule } from '../../jobs/liftExpiredSuspensions.js';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { enqueueJob } from './enqueueJob.js';
import type { JobEngine } from './jobEngine.js';
import { defineJobKind, type JobKind } from './jobKind.js';
import { LOG_HEAD, LOG_TAIL } from './jobLog.queries.js';
import { LOG_LINE_MAX } from './jobLogText.js';
import { logTexts, startTestEngine, waitForJob } from './testing/jobTestKit.js';

/**
 * The engine against real PostgreSQL and graphile-worker: runs, progress and log, the
 * log's bounds, retries with backoff for a kind that allows them, timeouts and cancels.
 * (Crash survival and two processes: jobs.crash.test.ts, jobs.twoProcesses.test.ts.)
 */
const flaky = { failuresLeft: 0, startedAt: [] as number[], failedAt: [] as number[] };
const seenAbort: Record<string, unknown> = {};

const countJob = defineJobKind({
  name: 'test.count',
  title: 'Count',
  params: z.strictObject({ to: z.number().int() }),
  timeoutMs: 10_000,
  retry: 'none',
  resumable: false,
  async run({ params, progress, log }) {
    for (let i = 1; i <= params.to; i++) {
      await log(`counted ${i}`);
      await progress(i, params.to);
    }
    return { total: params.to };
  },
});

const chattyJob = defineJobKind({
  name: 'test.chatty',
  title: 'Chatty',
  params: z.strictObject({ lines: z.number().int() }),
  timeoutMs: 30_000,
  retry: 'none',
  resumable: false,
  async run({ params, log }) {
    await log(`hostile: nul\u0000 bell\u0007 newline\nrtl\u202Eevil lone\uD800 ${'x'.repeat(5000)}`);
    for (let i = 1; i <= params.lines; i++) await log(`line ${i}`);
  },
});

const flakyJob = defineJobKind({
  name: 'test.flaky',
  title: 'Flaky',
  params: z.strictObject({}),
  timeoutMs: 10_000,
  retry: { limit: 3, backoff: { initialMs: 300 } },
  resumable: false,
  async run() {
    flaky.startedAt.push(Date.now());
    if (flaky.failuresLeft-- > 0) {
      flaky.failedAt.push(Date.now());
      throw new Error('the upstream said 503');
    }
    return 'ok';
  },
});

const brokenJob = defineJobKind({
  name: 'test.broken',
  title: 'Broken (not retryable)',
  params: z.strictObject({}),
  timeoutMs: 10_000,
  retry: 'none',
  resumable: false,
  async run() {
    throw new Error('refused: this must not run twice');
  },
});

/** Waits for its signal (cancel or timeout) and remembers why it fired. */
function waitingJob(name: string, timeoutMs: number): JobKind<Record<string, never>> {
  return defineJobKind({
    name,
    title: name,
    params: z.strictObject({}),
    timeoutMs,
    retry: 'none',
    resumable: false,
    async run({ jobId, signal, progress }) {
      await progress(0, 1);
      try {
        await wait(60_000, undefined, { signal });
      } catch {
        seenAbort[jobId] = signal.reason;
      }
    },
  });
}
const slowJob = waitingJob('test.slow', 400);
const patientJob = waitingJob('test.patient', 60_000);

describe('the job engine', () => {
  let app: TestApp;
  let engine: JobEngine;
  const start = (kind: JobKind<any>, params: unknown, runAt?: Date) => app.db.transaction().execute((trx) => enqueueJob(trx, kind, params, { startedBy: null, runAt }));

  const consoleWarnings: unknown[][] = [];

  beforeAll(async () => {
    app = await createTestApp();
    // Watched, still printed: what graphile-worker says on the console as the engine starts.
    const warn = vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void consoleWarnings.push(args));
    // With the server's real schedule: suspension lifting, every minute (checked last, below).
    engine = await startTestEngine(app, [countJob, chattyJob, flakyJob, brokenJob, slowJob, patientJob], { schedules: [suspensionLiftingSchedule] }).finally(() => warn.mockRestore());
    for (const args of consoleWarnings) process.stderr.write(`${args.map(String).join(' ')}\n`);
  });
  afterAll(async () => {
    await engine?.stop();
    await app?.close();
  });

  it('runs a job: status, progress, log lines in order, result and timings', async () => {
    const queued = await start(countJob, { to: 5 });
    expect(queued.status).toBe('queued');
    const done = await waitForJob(app.db, queued.id);
    expect(done).toMatchObject({ status: 'succeeded', progressDone: 5, progressTotal: 5, attempts: 1, result: { total: 5 }, error: null, startedBy: null, workerId: null });
    expect(done.startedAt!.getTime()).toBeGreaterThanOrEqual(done.queuedAt.getTime());
    expect(done.finishedAt!.getTime()).toBeGreaterThanOrEqual(done.startedAt!.getTime());
    const log = await logTexts(app.db, queued.id);
    expect(log[0]).toMatch(/^Started on .+ \(attempt 1\)\.$/);
    expect(log.slice(1)).toEqual(['counted 1', 'counted 2', 'counted 3', 'counted 4', 'counted 5', 'Finished.']);
  });

  it('starts without graphile-worker warning on the console about its pool (every connection has an error listener)', () => {
    expect(consoleWarnings.map((args) => args.map(String).join(' '))).toEqual([]);
  });

  it('refuses parameters the kind does not accept, before anything is stored', async () => {
    await expect(start(countJob, { to: 'many' })).rejects.toThrow();
    await expect(start(countJob, { to: 1, extra: true })).rejects.toThrow();
    expect(await app.db.selectFrom('ops.jobs').select('id').where('kind', '=', 'test.count').where('status', '!=', 'succeeded').execute()).toEqual([]);
  });

  it('keeps the log bounded: the first and last lines, each made safe and capped, with a count of what was dropped', async () => {
    const lines = LOG_HEAD + LOG_TAIL + 40;
    const job = await start(chattyJob, { lines });
    expect((await waitForJob(app.db, job.id, ['succeeded'], 60_000)).status).toBe('succeeded');
    // Written: "Started", the hostile line, `lines` lines, "Finished".
    const written = lines + 3;
    const row = await app.db.selectFrom('ops.jobs').select(['logLines', 'logDropped']).where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ logLines: written, logDropped: written - LOG_HEAD - LOG_TAIL });
    const stored = await app.db.selectFrom('ops.jobLog').select(['seq', 'text']).where('jobId', '=', job.id).orderBy('seq').execute();
    expect(stored).toHaveLength(LOG_HEAD + LOG_TAIL);
    expect(stored.slice(0, LOG_HEAD).map((line) => line.seq)).toEqual(Array.from({ length: LOG_HEAD }, (_, i) => i + 1));
    expect(stored.slice(LOG_HEAD).map((line) => line.seq)).toEqual(Array.from({ length: LOG_TAIL }, (_, i) => written - LOG_TAIL + 1 + i));
    expect(stored.at(-1)!.text).toBe('Finished.');
    expect(stored.at(-2)!.text).toBe(`line ${lines}`);
    const hostile = stored[1]!.text;
    expect(hostile).toHaveLength(LOG_LINE_MAX);
    expect(hostile.endsWith('…')).toBe(true);
    expect(hostile).toMatch(/^hostile: nul\uFFFD bell\uFFFD newline\uFFFDrtl\uFFFDevil lone\uFFFD x/);
  });

  it('retries a retryable kind with growing waits, then succeeds', async () => {
    flaky.failuresLeft = 2;
    const job = await start(flakyJob, {});
    const done = await waitForJob(app.db, job.id);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 3, result: 'ok' });
    // Backoff 300 ms, then 600 ms: no attempt starts before its wait is over.
    expect(flaky.startedAt[1]! - flaky.failedAt[0]!).toBeGreaterThanOrEqual(300);
    expect(flaky.startedAt[2]! - flaky.failedAt[1]!).toBeGreaterThanOrEqual(600);
    const log = await logTexts(app.db, job.id);
    expect(log.filter((line) => line.startsWith('Attempt'))).toEqual([
      'Attempt 1 of 3 failed: the upstream said 503 Retrying in 1 s.',
      'Attempt 2 of 3 failed: the upstream said 503 Retrying in 1 s.',
    ]);
  });

  it('gives up after the retry limit, with the last error', async () => {
    flaky.failuresLeft = 5;
    const job = await start(flakyJob, {});
    expect(await waitForJob(app.db, job.id)).toMatchObject({ status: 'failed', attempts: 3, error: 'the upstream said 503' });
  });

  it('never retries a kind that says retrying is not safe', async () => {
    const job = await start(brokenJob, {});
    expect(await waitForJob(app.db, job.id)).toMatchObject({ status: 'failed', attempts: 1, error: 'refused: this must not run twice' });
  });

  it('stops a run at its kind\'s timeout: the signal fires and the job is timed_out', async () => {
    const job = await start(slowJob, {});
    const done = await waitForJob(app.db, job.id);
    expect(done.status).toBe('timed_out');
    expect(done.error).toMatch(/longer than 0.4 s/);
    expect(seenAbort[job.id]).toBeInstanceOf(Error);
    expect((await logTexts(app.db, job.id)).at(-1)).toMatch(/longer than 0.4 s/);
  });

  it('cancels a running job from the console (audited), and a queued one at once; a finished one cannot be', async () => {
    const { api, staff } = await app.callerAs(['oncall']);
    const running = await start(patientJob, {});
    await waitForJob(app.db, running.id, ['running']);
    expect(await api.jobs.cancel({ id: running.id })).toEqual({ id: running.id, status: 'cancelling' });
    const cancelled = await waitForJob(app.db, running.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelRequestedBy: staff.id, error: 'Cancelled from the console.' });
    expect(seenAbort[running.id]).toBeInstanceOf(Error);

    const later = await start(countJob, { to: 1 }, new Date(Date.now() + 3_600_000));
    expect(await api.jobs.cancel({ id: later.id })).toEqual({ id: later.id, status: 'cancelled' });
    expect((await waitForJob(app.db, later.id)).status).toBe('cancelled');

    await expect(api.jobs.cancel({ id: running.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    const audit = await app.db.selectFrom('ops.auditLog').select(['action', 'actorId', 'targetId', 'result']).where('action', '=', 'jobs.cancelled').orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'jobs.cancelled', actorId: staff.id, targetId: running.id, result: 'success' },
      { action: 'jobs.cancelled', actorId: staff.id, targetId: later.id, result: 'success' },
      { action: 'jobs.cancelled', actorId: staff.id, targetId: running.id, result: 'failure' },
    ]);
  });

  it('runs the suspension lifting on its schedule: a job started by the system at the next minute, which succeeds', async () => {
    // The cron fires on the minute: waited for, not timed (bounded at just over a minute).
    const deadline = Date.now() + 70_000;
    let scheduled: { id: string } | undefined;
    while (!scheduled && Date.now() < deadline) {
      scheduled = await app.db.selectFrom('ops.jobs').select('id').where('kind', '=', 'suspensions.lift').executeTakeFirst();
      if (!scheduled) await wait(250);
    }
    expect(scheduled, 'no suspensions.lift job within a minute').toBeDefined();
    const done = await waitForJob(app.db, scheduled!.id);
    expect(done).toMatchObject({ status: 'succeeded', startedBy: null, attempts: 1 });
    expect(done.result).toEqual({ lifted: expect.any(Number) });
  }, 90_000);
});
