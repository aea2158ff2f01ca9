import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createTestApp, type TestApp } from '../../../testing/testApp.js';
import type { JobEngine } from '../../jobs/jobEngine.js';
import { startTestEngine, waitForJob } from '../../jobs/testing/jobTestKit.js';
import { createRunbookJobKinds } from '../runbookJobs.js';
import { recordedRun, runbookContext } from '../testing/runbookTestKit.js';
import { flagKillSwitchAction } from './flags.killSwitch.js';

/**
 * The kill-switch runbook action against a migrated PostgreSQL: the plan shows the flag
 * and its production state and refuses what it may not touch; a run through the runbook
 * framework (plan, confirmed run, durable job) turns it off in production through the
 * flags service, audited so the flag's history says "via runbook".
 */
describe('flags.killSwitch runbook action', () => {
  let app: TestApp;
  let engine: JobEngine;
  const rollout = [{ name: 'flexibleRollout', parameters: { rollout: '100', stickiness: 'userId' } }];
  const production = async (key: string) => {
    const { api } = await app.callerAs(['admin']);
    return (await api.flags.get({ key })).environments.find((e) => e.environment === 'production')!;
  };

  beforeAll(async () => {
    app = await createTestApp();
    engine = await startTestEngine(app, createRunbookJobKinds(app.deps));
    const { api: admin } = await app.callerAs(['admin']);
    await admin.flags.create({ key: 'payments.kill', type: 'kill-switch', description: 'Turns off card payments' });
    await admin.flags.create({ key: 'search.kill', type: 'kill-switch' });
    await admin.flags.create({ key: 'new.checkout', type: 'release' });
    await admin.flags.create({ key: 'already.off', type: 'kill-switch' });
    // Turning a kill switch on in production needs a second admin (flags approvals): asked and approved, as in real life.
    const { api: secondAdmin } = await app.callerAs(['admin']);
    for (const key of ['payments.kill', 'search.kill', 'new.checkout']) {
      const expectedRevision = (await admin.flags.environments()).find((env) => env.name === 'production')!.revision;
      const outcome = await admin.flags.requestChange({ key, environment: 'production', enabled: true, strategies: rollout, expectedRevision, reason: 'Switch it on for the test' });
      if (outcome.status === 'approval_requested') await secondAdmin.approvals.approve({ id: outcome.requestId, comment: 'Approved for the test' });
    }
    expect((await production('search.kill')).enabled).toBe(true);
    await admin.flags.setEnvironment({ key: 'payments.kill', environment: 'staging', enabled: true, strategies: [] });
  });
  afterAll(async () => {
    await engine?.stop();
    await app?.close();
  });

  it('on-call plans and runs it from the console: off in production only, rules kept, audited via runbook', async () => {
    const { api, staff } = await app.callerAs(['oncall']);
    const params = { flag: 'payments.kill' };
    const planned = await api.runbooks.plan({ action: 'flags.killSwitch', params });
    expect(planned.plan).toMatchObject({ summary: 'Turn payments.kill off in production', empty: false, steps: ['Set payments.kill off in production (strategies and variants kept)'] });
    expect(planned.plan.facts).toEqual(expect.arrayContaining([expect.objectContaining({ label: 'Flag', value: 'payments.kill' }), expect.objectContaining({ label: 'Production', value: 'on' })]));

    // A medium-risk action: the run needs a reason.
    await expect(api.runbooks.run({ action: 'flags.killSwitch', params, planHash: planned.planHash, confirmed: true })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const started = await api.runbooks.run({ action: 'flags.killSwitch', params, planHash: planned.planHash, confirmed: true, reason: 'card payments failing' });
    expect((await waitForJob(app.db, started.jobId)).status).toBe('succeeded');

    expect(await production('payments.kill')).toMatchObject({ enabled: false, strategies: rollout });
    const { api: admin } = await app.callerAs(['admin']);
    expect((await admin.flags.get({ key: 'payments.kill' })).environments.find((e) => e.environment === 'staging')).toMatchObject({ enabled: true });
    const history = (await auditRows(app, 'flags.environment_changed')).filter((row) => row.targetId === 'payments.kill@production');
    expect(history.at(-1)).toMatchObject({
      result: 'success',
      actorId: staff.id,
      input: { via: 'runbook', action: 'flags.killSwitch', runId: started.runId },
      before: { enabled: true },
      after: { enabled: false, strategies: rollout },
    });
    expect(history.at(-1)!.reason).toContain('via runbook');
    expect((await auditRows(app, 'runbooks.run_requested')).filter((row) => row.targetId === started.runId)).toEqual([expect.objectContaining({ reason: 'card payments failing' })]);

    // Now off: the plan has nothing to do.
    expect((await api.runbooks.plan({ action: 'flags.killSwitch', params })).plan).toMatchObject({ empty: true, steps: [] });
  });

  it('refuses flags that are not kill switches, unknown ones and hostile names; an off one is an empty plan', async () => {
    const ctx = runbookContext(app.deps);
    await expect(flagKillSwitchAction.plan(ctx, { flag: 'new.checkout' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('not a kill switch') });
    await expect(flagKillSwitchAction.plan(ctx, { flag: 'no.such.flag' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await flagKillSwitchAction.plan(ctx, { flag: 'already.off' })).toMatchObject({ empty: true, summary: 'already.off is already off in production: nothing to do.' });
    for (const flag of ['', 'x'.repeat(10_000), 'bell\u0007', 42]) expect(flagKillSwitchAction.params.safeParse({ flag }).success).toBe(false);
    expect(flagKillSwitchAction.params.safeParse({ flag: 'search.kill', environment: 'staging' }).success).toBe(false);
    const { api } = await app.callerAs(['oncall']);
    await expect(api.runbooks.plan({ action: 'flags.killSwitch', params: { flag: 'new.checkout' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const { api: support } = await app.callerAs(['support']);
    await expect(support.runbooks.plan({ action: 'flags.killSwitch', params: { flag: 'search.kill' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await production('new.checkout')).enabled).toBe(true);
  });

  it('executing after the flag was turned off meanwhile changes nothing and writes no second history row', async () => {
    const { staff } = await app.callerAs(['oncall']);
    const actor = { id: staff.id, email: staff.email, roles: ['oncall'] };
    const plan = await flagKillSwitchAction.plan(runbookContext(app.deps, actor), { flag: 'search.kill' });
    const first = await flagKillSwitchAction.execute(recordedRun(app.deps, { actor }), { flag: 'search.kill' }, plan);
    expect(first.summary).toBe('Turned search.kill off in production');
    const second = await flagKillSwitchAction.execute(recordedRun(app.deps, { actor }), { flag: 'search.kill' }, plan);
    expect(second.summary).toBe('search.kill was already off in production');
    expect((await auditRows(app, 'flags.environment_changed')).filter((row) => row.targetId === 'search.kill@production' && row.actorId === staff.id)).toHaveLength(1);
  });
});
