import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@opsdesk/shared';
import { createTestApp, recordingResponse, type TestApp } from '../../testing/testApp.js';
import { createContext } from '../../trpc/context.js';
import { router } from '../../trpc/procedures.js';
import { findAuditRowsByAction } from '../audit/audit.queries.js';
import type { JobEngine } from '../jobs/jobEngine.js';
import { installJobEngine } from '../jobs/jobEngine.js';
import { logTexts, startTestEngine, waitForJob } from '../jobs/testing/jobTestKit.js';
import { canonicalJson, planHashOf } from './planHash.js';
import { defineRunbookAction, type AnyRunbookAction } from './runbookAction.js';
import { createRunbookJobKinds } from './runbookJobs.js';
import { STALE_PLAN_MESSAGE } from './runbookRun.job.js';
import { createRunbooksRouter } from './runbooks.router.js';

/**
 * The runbook framework against real PostgreSQL and the real job engine, with test-only
 * actions defined here (never registered in RUNBOOK_ACTIONS): the plan hash is checked
 * at request and again at execution; one run at a time per target (concurrent requests:
 * one runs, the other is told who holds it); risk tiers and permissions; timeouts; and
 * temporary changes that revert themselves at expiry or on "revert now", audited.
 */
const counters = new Map<string, number>();
const executions: string[] = [];
const reverts: string[] = [];
const gates = new Map<string, () => void>();

const counterParams = z.strictObject({
  key: z.string().min(1).max(40),
  by: z.number().int().min(1).max(10).default(1),
  /** Makes the change temporary: it reverts this many ms after it was made. */
  temporaryMs: z.number().int().min(1).max(86_400_000).optional(),
  /** Execute waits until the test opens this gate (a run that holds its target). */
  gate: z.string().max(40).optional(),
});

const bumpAction = defineRunbookAction({
  name: 'testing.bump',
  title: 'Bump a test counter',
  summary: 'Adds to an in-memory counter.',
  runbookEntry: 'how-runbook-actions-work',
  permission: 'runbooks.run',
  risk: 'medium',
  params: counterParams,
  target: (params) => `counter:${params.key}`,
  timeoutMs: 30_000,
  async plan(_ctx, params) {
    const value = counters.get(params.key) ?? 0;
    return { summary: `Add ${params.by} to ${params.key}.`, steps: [`Add ${params.by} to ${params.key} (now ${value})`], facts: [{ label: 'Now', value }], state: { key: params.key, value } };
  },
  async execute(ctx, params) {
    const before = counters.get(params.key) ?? 0;
    counters.set(params.key, before + params.by);
    executions.push(params.key);
    await ctx.log(`Added ${params.by} to ${params.key}: ${before + params.by}.`);
    if (params.temporaryMs) await ctx.revertAt(new Date(Date.now() + params.temporaryMs), `+${params.by} on ${params.key}`, { key: params.key, restoreTo: before });
    if (params.gate) await new Promise<void>((resolve) => gates.set(params.gate!, resolve));
    return { summary: `${params.key} is now ${before + params.by}.` };
  },
  async revert(ctx, revertParams) {
    const { key, restoreTo } = revertParams as { key: string; restoreTo: number };
    counters.set(key, restoreTo);
    reverts.push(key);
    await ctx.log(`${key} restored to ${restoreTo}.`);
  },
});

const adminOnlyAction = defineRunbookAction({
  ...bumpAction,
  name: 'testing.adminBump',
  permission: 'staff.read',
  risk: 'low',
  revert: undefined,
});

const highAction = defineRunbookAction({ ...bumpAction, name: 'testing.highBump', risk: 'high', revert: undefined });

const hangAction = defineRunbookAction({
  name: 'testing.hang',
  title: 'Hang (test)',
  summary: 'Never finishes on its own.',
  runbookEntry: 'how-runbook-actions-work',
  permission: 'runbooks.run',
  risk: 'low',
  params: z.strictObject({}),
  target: () => 'testing:hang',
  timeoutMs: 300,
  plan: async () => ({ summary: 'Hang.', steps: ['Hang until stopped'], state: null }),
  execute: (ctx) => new Promise<{ summary: string }>((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error))),
});

const readOnlyAction = defineRunbookAction({
  name: 'testing.look',
  title: 'Look (test)',
  summary: 'Read-only.',
  runbookEntry: 'how-runbook-actions-work',
  permission: 'runbooks.read',
  risk: 'low',
  readOnly: true,
  params: z.strictObject({}),
  target: () => 'testing:look',
  timeoutMs: 1_000,
  plan: async () => ({ summary: 'All fine.', steps: [], state: null, facts: [{ label: 'Database', value: 'ok', status: 'ok' }] }),
  execute: async () => ({ summary: 'never' }),
});

const ACTIONS: AnyRunbookAction[] = [bumpAction, adminOnlyAction, highAction, hangAction, readOnlyAction];
const testRouter = router({ runbooks: createRunbooksRouter(ACTIONS) });

describe('runbook framework', () => {
  let app: TestApp;
  let engine: JobEngine | undefined;

  const callerFor = async (roles: Role[]) => {
    const { staff, sessionToken } = await app.callerAs(roles);
    const api = testRouter.createCaller(createContext(app.deps, { requestId: `runbook-test-${staff.id.slice(0, 8)}`, ip: '127.0.0.1', userAgent: 'vitest', sessionToken }, recordingResponse()));
    return { staff, api: api.runbooks };
  };
  const runRow = (id: string) => app.db.selectFrom('ops.runbookRuns').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const planAndRun = async (api: Awaited<ReturnType<typeof callerFor>>['api'], action: string, params: Record<string, unknown>) => {
    const planned = await api.plan({ action, params });
    return api.run({ action, params, planHash: planned.planHash, confirmed: true, reason: 'testing the framework' });
  };

  beforeAll(async () => {
    app = await createTestApp();
    await installJobEngine(app.db, app.database.url);
  }, 60_000);
  afterAll(async () => {
    await engine?.stop();
    await app?.close();
  });

  describe('before any engine runs (what a request checks, and a plan gone stale while queued)', () => {
    it('hashes the canonical JSON of the plan state, whatever the key order', () => {
      expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[{"c":2,"d":1}]}');
      expect(planHashOf({ a: 1, b: 2 })).toBe(planHashOf({ b: 2, a: 1 }));
      expect(planHashOf({ a: 1 })).not.toBe(planHashOf({ a: 2 }));
    });

    it('lists the actions with a JSON description of their parameters for the form', async () => {
      const { api } = await callerFor(['oncall']);
      const bump = (await api.actions()).find((action) => action.name === 'testing.bump')!;
      expect(bump).toMatchObject({ title: 'Bump a test counter', risk: 'medium', readOnly: false, reverts: true, runbookEntry: 'how-runbook-actions-work' });
      expect(bump.params).toMatchObject({ type: 'object', properties: { key: { type: 'string', maxLength: 40 }, by: { type: 'integer', default: 1, minimum: 1, maximum: 10 } }, required: ['key'] });
    });

    it('refuses a stale plan hash at request time, and a plan gone stale while queued at execution, without executing', async () => {
      const { api } = await callerFor(['oncall']);
      const planned = await api.plan({ action: 'testing.bump', params: { key: 'stale' } });
      expect(planned.plan.steps).toEqual(['Add 1 to stale (now 0)']);
      counters.set('stale', 5);
      await expect(api.run({ action: 'testing.bump', params: { key: 'stale' }, planHash: planned.planHash, confirmed: true, reason: 'stale' })).rejects.toMatchObject({ code: 'CONFLICT', message: STALE_PLAN_MESSAGE });
      expect(await app.db.selectFrom('ops.runbookRuns').select('id').where('target', '=', 'counter:stale').execute()).toEqual([]);

      // Accepted against the live state; the state changes before any engine picks it up.
      const queued = await planAndRun(api, 'testing.bump', { key: 'stale' });
      counters.set('stale', 6);
      engine = await startTestEngine(app, createRunbookJobKinds(app.deps, ACTIONS));
      const job = await waitForJob(app.db, queued.jobId);
      expect(job.status).toBe('failed');
      expect(await runRow(queued.runId)).toMatchObject({ status: 'failed', error: STALE_PLAN_MESSAGE });
      expect(counters.get('stale')).toBe(6);
      expect(executions).not.toContain('stale');
      const outcome = (await findAuditRowsByAction(app.db, 'runbooks.run_finished')).filter((row) => row.targetId === queued.runId);
      expect(outcome).toHaveLength(1);
      expect(outcome[0]).toMatchObject({ result: 'failure', error: STALE_PLAN_MESSAGE });
    });
  });

  describe('with the engine running', () => {
    beforeAll(async () => {
      engine ??= await startTestEngine(app, createRunbookJobKinds(app.deps, ACTIONS));
    });

    it('runs a confirmed plan as a durable job, streams its output, and audits the request and the outcome', async () => {
      const { api, staff } = await callerFor(['oncall']);
      const started = await planAndRun(api, 'testing.bump', { key: 'plain', by: 3 });
      expect((await waitForJob(app.db, started.jobId)).status).toBe('succeeded');
      expect(counters.get('plain')).toBe(3);
      const run = await api.getRun({ id: started.runId });
      expect(run).toMatchObject({ status: 'succeeded', action: 'testing.bump', target: 'counter:plain', requestedBy: { id: staff.id }, reason: 'testing the framework', resultSummary: 'plain is now 3.' });
      expect(run.result?.summary).toBe('plain is now 3.');
      const log = await api.runLog({ id: started.runId });
      expect(log.lines.map((line) => line.text)).toContain('Added 3 to plain: 3.');
      expect((await api.runs({ action: 'testing.bump', limit: 50 })).map((row) => row.id)).toContain(started.runId);

      const requested = (await findAuditRowsByAction(app.db, 'runbooks.run_requested')).filter((row) => row.targetId === started.runId);
      expect(requested).toHaveLength(1);
      expect(requested[0]).toMatchObject({ actorId: staff.id, result: 'success', reason: 'testing the framework' });
      expect(requested[0]!.after).toMatchObject({ action: 'testing.bump', params: { key: 'plain', by: 3 }, plan: { steps: ['Add 3 to plain (now 0)'] } });
      const finished = (await findAuditRowsByAction(app.db, 'runbooks.run_finished')).filter((row) => row.targetId === started.runId);
      expect(finished).toHaveLength(1);
      expect(finished[0]).toMatchObject({ actorId: staff.id, result: 'success' });
    });

    it('lock: of two concurrent runs on one target one runs, the other is told who runs what since when', async () => {
      const { api, staff } = await callerFor(['oncall']);
      const params = { key: 'locked', gate: 'locked-1' };
      const planned = await api.plan({ action: 'testing.bump', params });
      const request = () => api.run({ action: 'testing.bump', params, planHash: planned.planHash, confirmed: true, reason: 'lock test' });
      const [a, b] = await Promise.allSettled([request(), request()]);
      const accepted = [a, b].filter((result) => result.status === 'fulfilled');
      const refused = [a, b].filter((result): result is PromiseRejectedResult => result.status === 'rejected');
      expect(accepted).toHaveLength(1);
      expect(refused).toHaveLength(1);
      const runId = (accepted[0] as PromiseFulfilledResult<{ runId: string }>).value.runId;
      expect(refused[0]!.reason).toMatchObject({ code: 'CONFLICT' });
      const message = (refused[0]!.reason as Error).message;
      expect(message).toContain(staff.email);
      expect(message).toContain('"Bump a test counter"');
      expect(message).toContain(runId);
      expect(message).toMatch(/since \d{4}-\d\d-\d\dT/);

      // Still held while it runs; another staff member is told the same.
      await waitUntil(async () => (await runRow(runId)).status === 'running' && gates.has('locked-1'), 'the locked run to be executing');
      const other = await callerFor(['admin']);
      await expect(other.api.run({ action: 'testing.bump', params, planHash: (await other.api.plan({ action: 'testing.bump', params })).planHash, confirmed: true, reason: 'me too' })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining(staff.email),
      });
      gates.get('locked-1')!();
      expect((await waitForJob(app.db, (await runRow(runId)).jobId!)).status).toBe('succeeded');
      expect(executions.filter((key) => key === 'locked')).toHaveLength(1);

      // Released: the next run on the target goes ahead.
      const next = await planAndRun(api, 'testing.bump', { key: 'locked' });
      expect((await waitForJob(app.db, next.jobId)).status).toBe('succeeded');
    });

    it('a temporary change reverts itself at its expiry, as the system, audited', async () => {
      const { api } = await callerFor(['oncall']);
      counters.set('temp', 10);
      const started = await planAndRun(api, 'testing.bump', { key: 'temp', by: 5, temporaryMs: 400 });
      expect((await waitForJob(app.db, started.jobId)).status).toBe('succeeded');
      const [change] = await app.db.selectFrom('ops.runbookTemporaryChanges').selectAll().where('runId', '=', started.runId).execute();
      expect(change).toMatchObject({ action: 'testing.bump', description: '+5 on temp' });
      // The scheduled revert is an ordinary job on the Jobs page, due at the expiry.
      const scheduled = await app.db.selectFrom('ops.jobs').selectAll().where('id', '=', change!.revertJobId!).executeTakeFirstOrThrow();
      expect(scheduled.kind).toBe('runbook.revert');
      expect(scheduled.runAt.getTime()).toBe(change!.expiresAt.getTime());

      expect((await waitForJob(app.db, change!.revertJobId!)).status).toBe('succeeded');
      expect(counters.get('temp')).toBe(10);
      expect(await app.db.selectFrom('ops.runbookTemporaryChanges').selectAll().where('id', '=', change!.id).executeTakeFirstOrThrow()).toMatchObject({ status: 'reverted', revertedBy: null });
      const audited = (await findAuditRowsByAction(app.db, 'runbooks.change_reverted')).filter((row) => row.targetId === change!.id);
      expect(audited).toHaveLength(1);
      expect(audited[0]).toMatchObject({ actorId: null, result: 'success' });
      expect(audited[0]!.after).toMatchObject({ trigger: 'expiry' });
      expect(await logTexts(app.db, change!.revertJobId!)).toContain('temp restored to 10.');
      expect((await api.changes({ status: 'reverted' })).map((row) => row.id)).toContain(change!.id);
    });

    it('"revert now" reverts early, audited with the staff member, cancels the scheduled revert, and is harmless twice', async () => {
      const { api, staff } = await callerFor(['oncall']);
      counters.set('early', 1);
      const started = await planAndRun(api, 'testing.bump', { key: 'early', by: 2, temporaryMs: 3_600_000 });
      expect((await waitForJob(app.db, started.jobId)).status).toBe('succeeded');
      expect(counters.get('early')).toBe(3);
      const active = (await api.changes({ status: 'active' })).find((row) => row.runId === started.runId)!;
      expect(active).toMatchObject({ status: 'active', title: 'Bump a test counter' });

      await expect(api.revertNow({ id: active.id })).resolves.toMatchObject({ status: 'reverted', alreadyDone: false });
      expect(counters.get('early')).toBe(1);
      await expect(api.revertNow({ id: active.id })).resolves.toMatchObject({ status: 'reverted', alreadyDone: true });
      expect(reverts.filter((key) => key === 'early')).toHaveLength(1);
      expect((await waitForJob(app.db, active.revertJobId!)).status).toBe('cancelled');
      const audited = (await findAuditRowsByAction(app.db, 'runbooks.change_reverted')).filter((row) => row.targetId === active.id);
      expect(audited.map((row) => [row.actorId, row.result])).toEqual([
        [staff.id, 'success'],
        [staff.id, 'success'],
      ]);
      expect(audited[0]!.after).toMatchObject({ trigger: 'revert_now' });
      expect((await api.changes({})).find((row) => row.id === active.id)).toMatchObject({ status: 'reverted', revertedBy: { id: staff.id } });
    });

    it('a run past its timeout is recorded as timed out on the run and the job', async () => {
      const { api } = await callerFor(['oncall']);
      const started = await planAndRun(api, 'testing.hang', {});
      expect((await waitForJob(app.db, started.jobId)).status).toBe('timed_out');
      const run = await waitForRunFinished(app, started.runId);
      expect(run).toMatchObject({ status: 'timed_out', error: expect.stringMatching(/^Took longer than/) });
    });
  });

  describe('confirmation per risk tier, permissions and hostile input', () => {
    it('medium needs a reason, high a reason and the target typed; every tier the confirm flag', async () => {
      const { api } = await callerFor(['oncall']);
      const params = { key: 'tiers' };
      const { planHash } = await api.plan({ action: 'testing.bump', params });
      await expect(api.run({ action: 'testing.bump', params, planHash, confirmed: true })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'reason: A reason is required for this action.' });
      await expect(api.run({ action: 'testing.bump', params, planHash, reason: 'x' } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      const high = (await api.plan({ action: 'testing.highBump', params })).planHash;
      await expect(api.run({ action: 'testing.highBump', params, planHash: high, confirmed: true, reason: 'high' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'confirmation: Type counter:tiers to confirm.' });
      await expect(api.run({ action: 'testing.highBump', params, planHash: high, confirmed: true, reason: 'high', confirmation: 'counter:other' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      const accepted = await api.run({ action: 'testing.highBump', params, planHash: high, confirmed: true, reason: 'high', confirmation: 'counter:tiers' });
      expect((await waitForJob(app.db, accepted.jobId)).status).toBe('succeeded');
      // Refusals for the tier are audited as failures against the target.
      const refused = (await findAuditRowsByAction(app.db, 'runbooks.run_requested')).filter((row) => row.result === 'failure' && row.targetId === 'counter:tiers');
      expect(refused.length).toBeGreaterThanOrEqual(2);
    });

    it('support is refused everything; the action’s own permission is checked; a read-only action has no run', async () => {
      const support = await callerFor(['support']);
      await expect(support.api.actions()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(support.api.plan({ action: 'testing.bump', params: { key: 'x' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(support.api.run({ action: 'testing.bump', params: { key: 'x' }, planHash: '0'.repeat(64), confirmed: true, reason: 'no' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(support.api.revertNow({ id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const denied = await app.db.selectFrom('ops.auditLog').select('action').where('actorId', '=', support.staff.id).where('result', '=', 'denied').execute();
      expect(denied.map((row) => row.action).sort()).toEqual(['runbooks.change_reverted', 'runbooks.run_requested']);

      const oncall = await callerFor(['oncall']);
      await expect(oncall.api.plan({ action: 'testing.adminBump', params: { key: 'admin' } })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('staff.read') });
      const admin = await callerFor(['admin']);
      expect((await admin.api.plan({ action: 'testing.adminBump', params: { key: 'admin' } })).target).toBe('counter:admin');

      const look = await oncall.api.plan({ action: 'testing.look', params: {} });
      expect(look.plan.facts).toEqual([{ label: 'Database', value: 'ok', status: 'ok' }]);
      await expect(oncall.api.run({ action: 'testing.look', params: {}, planHash: look.planHash, confirmed: true })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('read-only') });
    });

    it('answers unknown actions, bad parameters and strangers with clear 4xx', async () => {
      const { api } = await callerFor(['oncall']);
      await expect(api.plan({ action: 'nothing.here', params: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(api.plan({ action: 'testing.bump', params: { key: 'k', by: 99 } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^params\.by: /) });
      await expect(api.plan({ action: 'testing.bump', params: { key: 'k', extra: 1 } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(api.plan({ action: 'DROP TABLE', params: {} })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(api.getRun({ id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(api.revertNow({ id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});

/** Polls a condition every 25 ms (a condition, not a duration); fails after a bound. */
async function waitUntil(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; !(await condition()); ) {
    if (Date.now() > deadline) throw new Error(`waited in vain for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function waitForRunFinished(app: TestApp, id: string) {
  for (const deadline = Date.now() + 10_000; ; ) {
    const row = await app.db.selectFrom('ops.runbookRuns').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    if (row.status !== 'queued' && row.status !== 'running') return row;
    if (Date.now() > deadline) throw new Error(`run ${id} is still ${row.status}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
