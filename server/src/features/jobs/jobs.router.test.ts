import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liftSuspensionsJob } from '../../jobs/liftExpiredSuspensions.js';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { BUILT_IN_JOB_KINDS } from './builtInJobs.js';
import { enqueueJob } from './enqueueJob.js';
import { insertJob } from './jobs.queries.js';
import { jobsPageQuery } from './jobList.queries.js';
import { expectedRows, insertStates, SCENARIO, SETTINGS, storedRows } from '../revenue/testing/revenueFixtures.js';
import { updateRevenueSettings } from '../revenue/revenueRows.queries.js';
import { installJobEngine, type JobEngine } from './jobEngine.js';
import { startTestEngine, waitForJob } from './testing/jobTestKit.js';

/**
 * The jobs router through createCaller on a real database and a running engine: oncall
 * starts the built-in self-check (audited) and follows it; the list filters and pages;
 * the log tails after a sequence number; support is refused by the permission table.
 */
describe('the jobs router', () => {
  let app: TestApp;
  let engine: JobEngine;
  let oncall: Awaited<ReturnType<TestApp['callerAs']>>;

  beforeAll(async () => {
    app = await createTestApp();
    engine = await startTestEngine(app, BUILT_IN_JOB_KINDS);
    oncall = await app.callerAs(['oncall']);
  });
  afterAll(async () => {
    await engine?.stop();
    await app?.close();
  });

  it('starts a self-check (audited), shows its progress and finished state, and tails its log', async () => {
    const { id } = await oncall.api.jobs.startSelfCheck({ steps: 3, stepMs: 0 });
    await waitForJob(app.db, id);
    const job = await oncall.api.jobs.get({ id });
    expect(job).toMatchObject({ id, kind: 'jobs.selfCheck', status: 'succeeded', progressDone: 3, progressTotal: 3, attempts: 1, startedBy: { id: oncall.staff.id, name: oncall.staff.name }, parameters: { steps: 3, stepMs: 0, resumable: true }, result: { steps: 3, resumedAt: null }, logDropped: 0 });
    expect(job.logLines).toBe(5);

    const all = await oncall.api.jobs.log({ id });
    expect(all.status).toBe('succeeded');
    expect(all.lines.map((line) => line.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(all.lines[1]!.text).toMatch(/^Step 1 of 3: database answered at /);
    const tail = await oncall.api.jobs.log({ id, afterSeq: 3 });
    expect(tail.lines.map((line) => [line.seq, line.text.slice(0, 6)])).toEqual([
      [4, 'Step 3'],
      [5, 'Finish'],
    ]);

    const audit = await app.db.selectFrom('ops.auditLog').select(['actorId', 'targetType', 'targetId', 'result']).where('action', '=', 'jobs.started').execute();
    expect(audit).toEqual([{ actorId: oncall.staff.id, targetType: 'job', targetId: id, result: 'success' }]);
  });

  it('lists newest first with filters (status, kind, who started it) and keyset pages that neither skip nor repeat', async () => {
    const admin = await app.callerAs(['admin']);
    const mine = [];
    for (let i = 0; i < 5; i++) mine.push((await admin.api.jobs.startSelfCheck({ steps: 1, stepMs: 0 })).id);
    const system = await app.db.transaction().execute((trx) => enqueueJob(trx, liftSuspensionsJob, {}, { startedBy: null }));
    for (const id of [...mine, system.id]) await waitForJob(app.db, id);

    const pages: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await oncall.api.jobs.list({ startedBy: admin.staff.id, limit: 2, cursor });
      pages.push(...page.jobs.map((job) => job.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual([...mine].reverse());

    const systemJobs = await oncall.api.jobs.list({ startedBy: 'system' });
    expect(systemJobs.jobs.map((job) => [job.id, job.kind, job.startedBy])).toEqual([[system.id, 'suspensions.lift', null]]);
    // Started by people: what on-call looks for between the scheduled jobs that run every minute.
    // (The first test's self-check, by on-call, is older than these.)
    const byPeople = await oncall.api.jobs.list({ startedBy: 'staff' });
    expect(byPeople.jobs.slice(0, 5).map((job) => job.id)).toEqual([...mine].reverse());
    expect(byPeople.jobs.filter((job) => job.startedBy === null)).toEqual([]);
    const byKind = await oncall.api.jobs.list({ kind: 'suspensions.lift', status: 'succeeded' });
    expect(byKind.jobs.map((job) => job.id)).toEqual([system.id]);
    expect((await oncall.api.jobs.list({ status: 'failed' })).jobs).toEqual([]);
    // Every built-in kind, and the reconciliation (built from the app's services) before any run used it.
    const builtIn = BUILT_IN_JOB_KINDS.map((kind) => kind.name);
    expect(builtIn).toEqual(expect.arrayContaining(['jobs.prune', 'jobs.selfCheck', 'revenue.rebuild', 'signals.prune', 'suspensions.lift']));
    expect((await oncall.api.jobs.kinds()).map((kind) => kind.name)).toEqual([...builtIn, 'revenue.reconcile'].sort());
    expect(await oncall.api.jobs.kinds()).toContainEqual({ name: 'revenue.reconcile', title: 'Revenue reconciliation with Stripe' });
  });

  it('hides routine runs on request: scheduled runs that succeeded go, people\'s runs and scheduled runs that did not succeed stay', async () => {
    const admin = await app.callerAs(['admin']);
    const mine = (await admin.api.jobs.startSelfCheck({ steps: 1, stepMs: 0 })).id;
    const routine = await app.db.transaction().execute((trx) => enqueueJob(trx, liftSuspensionsJob, {}, { startedBy: null }));
    await waitForJob(app.db, mine);
    await waitForJob(app.db, routine.id);
    const failedScheduled = await sql<{ id: string }>`insert into ops.jobs (kind, status, started_by, finished_at, error)
      values ('suspensions.lift', 'failed', null, now(), 'The database went away') returning id`.execute(app.db).then((r) => r.rows[0]!.id);

    const notable = (await oncall.api.jobs.list({ hideRoutine: true, limit: 100 })).jobs;
    expect(notable.map((job) => job.id)).toEqual(expect.arrayContaining([failedScheduled, mine]));
    expect(notable.map((job) => job.id)).not.toContain(routine.id);
    expect(notable.filter((job) => job.startedBy === null && job.status === 'succeeded')).toEqual([]);
    // Everything, as before, when not asked.
    expect((await oncall.api.jobs.list({ limit: 100 })).jobs.map((job) => job.id)).toEqual(expect.arrayContaining([failedScheduled, mine, routine.id]));
    // With the other filters: scheduled and not routine is what failed.
    const scheduledNotRoutine = (await oncall.api.jobs.list({ hideRoutine: true, startedBy: 'system', limit: 100 })).jobs;
    expect(scheduledNotRoutine.map((job) => job.id)).toContain(failedScheduled);
    expect(scheduledNotRoutine.every((job) => job.status !== 'succeeded')).toBe(true);
  });

  it('reads the newest non-routine runs from their own index, not by walking every routine run', async () => {
    const plan = await app.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const compiled = jobsPageQuery(trx, { hideRoutine: true, limit: 25 }).compile();
      const explained = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]));
      return explained.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('jobs_notable_recent_idx');
  });

  it('names a runbook run\'s kind by its action\'s title once a run has used it', async () => {
    await insertJob(app.deps.db, { kind: 'runbook.connections.terminate', parametersJson: '{}', startedBy: null });
    expect(await oncall.api.jobs.kinds()).toContainEqual({ name: 'runbook.connections.terminate', title: 'Runbook: Terminate idle connections' });
  });

  it('answers unknown ids and forged cursors with 4xx, and refuses roles without jobs.read / jobs.manage', async () => {
    await expect(oncall.api.jobs.get({ id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(oncall.api.jobs.cancel({ id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(oncall.api.jobs.list({ cursor: Buffer.from('["j","not a date","x"]').toString('base64url') })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const support = await app.callerAs(['support']);
    await expect(support.api.jobs.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(support.api.jobs.startSelfCheck({ steps: 1, stepMs: 0 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await app.db.selectFrom('ops.jobs').select('id').where('startedBy', '=', support.staff.id).execute()).toEqual([]);
  });
});

describe('the jobs router before the engine has ever started on the database', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  it('answers 503 with a clear message and stores nothing (the audit row says it failed)', async () => {
    const { api, staff } = await app.callerAs(['admin']);
    await expect(api.jobs.startSelfCheck({ steps: 1, stepMs: 0 })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/job engine has not been installed/) });
    await expect(api.jobs.startRevenueRebuild({})).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(await app.db.selectFrom('ops.jobs').select('id').execute()).toEqual([]);
    const audit = await app.db.selectFrom('ops.auditLog').select(['result']).where('action', '=', 'jobs.started').where('actorId', '=', staff.id).execute();
    expect(audit).toEqual([{ result: 'failure' }, { result: 'failure' }]);
  });

});

describe('starting the revenue rebuild from the console', () => {
  let app: TestApp;
  let engine: JobEngine | undefined;
  beforeAll(async () => {
    app = await createTestApp();
    // Installed but not running yet: starts queue up, so what one start finds is certain.
    await installJobEngine(app.db, app.database.url);
  });
  afterAll(async () => {
    await engine?.stop();
    await app?.close();
  });

  it('queues one rebuild however often it is asked (audited each time), and it rebuilds the demo rows', async () => {
    await insertStates(app.db, SCENARIO);
    await updateRevenueSettings(app.db, SETTINGS);
    const oncall = await app.callerAs(['oncall']);
    const admin = await app.callerAs(['admin']);
    const starts = await Promise.all([oncall, admin, oncall, admin].map((who) => who.api.jobs.startRevenueRebuild({})));
    const id = starts[0]!.id;
    expect(starts.map((start) => start.id)).toEqual([id, id, id, id]);
    expect(starts.filter((start) => start.created)).toHaveLength(1);
    const queued = await app.db.selectFrom('ops.jobs').select(['id', 'kind', 'status']).execute();
    expect(queued).toEqual([{ id, kind: 'revenue.rebuild', status: 'queued' }]);
    const audit = await app.db.selectFrom('ops.auditLog').select(['targetType', 'targetId', 'result', 'after']).where('action', '=', 'jobs.started').execute();
    expect(audit).toHaveLength(4);
    expect(audit.every((row) => row.targetType === 'job' && row.targetId === id && row.result === 'success')).toBe(true);
    expect(audit.filter((row) => (row.after as { alreadyActive: boolean }).alreadyActive === false)).toHaveLength(1);

    engine = await startTestEngine(app, BUILT_IN_JOB_KINDS);
    const done = await waitForJob(app.db, id);
    expect(done).toMatchObject({ status: 'succeeded', progressDone: 8, progressTotal: 8, attempts: 1 });
    const stored = await storedRows(app.db);
    expect(stored.changes).toEqual(expectedRows(SCENARIO).changes);
    await expect(oncall.api.jobs.get({ id })).resolves.toMatchObject({ kind: 'revenue.rebuild', status: 'succeeded' });

    // Once it has finished, the next start is a new rebuild.
    const again = await oncall.api.jobs.startRevenueRebuild({});
    expect(again.created).toBe(true);
    expect(again.id).not.toBe(id);
    await expect(waitForJob(app.db, again.id)).resolves.toMatchObject({ status: 'succeeded' });
  });

  it('is refused to support and finance (no jobs.manage), and refuses parameters', async () => {
    for (const role of ['support', 'finance'] as const) {
      const { api, staff } = await app.callerAs([role]);
      await expect(api.jobs.startRevenueRebuild({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await app.db.selectFrom('ops.jobs').select('id').where('startedBy', '=', staff.id).execute()).toEqual([]);
    }
    const { api } = await app.callerAs(['oncall']);
    await expect(api.jobs.startRevenueRebuild({ batchSize: 1 } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
