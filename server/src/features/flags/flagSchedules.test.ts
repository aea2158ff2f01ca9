import type { Role } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleJobRun } from '../jobs/enqueueJob.js';
import type { JobEngine } from '../jobs/jobEngine.js';
import { startTestEngine, waitForJob } from '../jobs/testing/jobTestKit.js';
import { auditRows, createTestApp, type TestApp } from '../../testing/testApp.js';
import { flagApplyScheduleJob } from './flagSchedules.job.js';
import { applySchedule } from './flagSchedules.service.js';

/**
 * Scheduled flag changes against a migrated PostgreSQL and a running job engine: a
 * schedule applies at its time through the one audited change, once; cancel; stale when
 * the flag changed meanwhile; the permissions of the environment; hostile input.
 */
describe('flag schedules', () => {
  let app: TestApp;
  let engine: JobEngine;
  const as = async (roles: Role[]) => app.callerAs(roles);
  const rollout = (percent: number) => [{ name: 'flexibleRollout', parameters: { rollout: String(percent), stickiness: 'userId' } }];
  const inAnHour = () => new Date(Date.now() + 3_600_000);
  const scheduleRow = (id: string) => app.db.selectFrom('ops.flagSchedules').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const stateOf = async (key: string, environment: string) => {
    const { api } = await as(['admin']);
    return (await api.flags.get({ key })).environments.find((e) => e.environment === environment)!;
  };

  beforeAll(async () => {
    app = await createTestApp();
    engine = await startTestEngine(app, [flagApplyScheduleJob]);
  });
  afterAll(async () => {
    await engine?.stop();
    await app?.close();
  });

  it('applies at its time through the audited change, naming who scheduled it; a second run applies nothing', async () => {
    const { api: admin } = await as(['admin']);
    await admin.flags.create({ key: 'ramp.checkout', type: 'release' });
    await admin.flags.setEnvironment({ key: 'ramp.checkout', environment: 'staging', enabled: true, strategies: rollout(10) });
    const { api: oncall, staff } = await as(['oncall']);
    const created = await oncall.flags.schedules.create({ key: 'ramp.checkout', environment: 'staging', enabled: true, strategies: rollout(50), runAt: new Date() });
    expect(created).toMatchObject({ key: 'ramp.checkout', environment: 'staging', status: 'pending' });

    const job = await waitForJob(app.db, created.jobId);
    expect(job).toMatchObject({ kind: 'flags.applySchedule', status: 'succeeded' });
    expect(await scheduleRow(created.id)).toMatchObject({ status: 'applied', error: null });
    expect(await stateOf('ramp.checkout', 'staging')).toMatchObject({ enabled: true, strategies: [{ parameters: { rollout: '50' } }] });

    const applied = (await auditRows(app, 'flags.environment_changed')).filter((row) => row.targetId === 'ramp.checkout@staging');
    expect(applied).toHaveLength(2);
    expect(applied[1]).toMatchObject({ result: 'success', actorId: null, input: { via: 'schedule', scheduleId: created.id, scheduledBy: staff.email } });
    expect(applied[1]!.reason).toContain(staff.email);
    expect(applied[1]!.before).toMatchObject({ strategies: [{ parameters: { rollout: '10' } }] });
    expect(applied[1]!.after).toMatchObject({ strategies: [{ parameters: { rollout: '50' } }] });
    expect((await auditRows(app, 'flags.schedule_created')).filter((row) => row.targetId === created.id && row.result === 'success')).toHaveLength(1);

    // A retried or duplicated run finds it applied.
    await expect(applySchedule(app.db, created.id, created.jobId)).resolves.toEqual({ status: 'skipped', was: 'applied' });
    expect((await auditRows(app, 'flags.environment_changed')).filter((row) => row.targetId === 'ramp.checkout@staging')).toHaveLength(2);
    expect(await oncall.flags.schedules.list({ key: 'ramp.checkout' })).toEqual([expect.objectContaining({ id: created.id, status: 'applied', jobStatus: 'succeeded', createdByEmail: staff.email })]);
  });

  it('cancels before it runs: the job is cancelled, the flag untouched, a second cancel is a conflict', async () => {
    const { api: oncall } = await as(['oncall']);
    await oncall.flags.create({ key: 'cancel.me', type: 'experiment' });
    const created = await oncall.flags.schedules.create({ key: 'cancel.me', environment: 'development', enabled: true, strategies: [], runAt: inAnHour() });
    await expect(oncall.flags.schedules.cancel({ id: created.id })).resolves.toEqual({ id: created.id, status: 'cancelled' });
    expect(await scheduleRow(created.id)).toMatchObject({ status: 'cancelled' });
    expect(await app.db.selectFrom('ops.jobs').select('status').where('id', '=', created.jobId).executeTakeFirstOrThrow()).toEqual({ status: 'cancelled' });
    await expect(oncall.flags.schedules.cancel({ id: created.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(applySchedule(app.db, created.id, created.jobId)).resolves.toEqual({ status: 'skipped', was: 'cancelled' });
    expect(await stateOf('cancel.me', 'development')).toMatchObject({ enabled: false });
    const rows = (await auditRows(app, 'flags.schedule_cancelled')).filter((row) => row.targetId === created.id);
    // The refused second cancel is on the log too, as a failure.
    expect(rows.map((row) => row.result)).toEqual(['success', 'failure']);
    expect(rows[0]).toMatchObject({ targetType: 'flag_schedule', before: { status: 'pending' }, after: { status: 'cancelled' } });
  });

  it('turns stale instead of applying when the flag changed since it was scheduled', async () => {
    const { api: oncall } = await as(['oncall']);
    await oncall.flags.create({ key: 'stale.schedule', type: 'release' });
    const created = await oncall.flags.schedules.create({ key: 'stale.schedule', environment: 'staging', enabled: true, strategies: rollout(100), runAt: inAnHour() });
    await oncall.flags.setEnvironment({ key: 'stale.schedule', environment: 'staging', enabled: true, strategies: rollout(5) });
    // Make it due now, as its time arriving would.
    await app.db.updateTable('ops.jobs').set({ runAt: new Date() }).where('id', '=', created.jobId).execute();
    await scheduleJobRun(app.db, created.jobId, new Date());
    expect(await waitForJob(app.db, created.jobId)).toMatchObject({ status: 'succeeded' });
    expect(await scheduleRow(created.id)).toMatchObject({ status: 'stale', error: expect.stringContaining('changed in staging') });
    expect(await stateOf('stale.schedule', 'staging')).toMatchObject({ strategies: [{ parameters: { rollout: '5' } }] });
    expect((await auditRows(app, 'flags.schedule_stale')).filter((row) => row.targetId === 'stale.schedule@staging')).toEqual([expect.objectContaining({ result: 'failure' })]);
  });

  it('fails, audited, when the change itself is refused once due (the flag was archived meanwhile)', async () => {
    const { api: oncall } = await as(['oncall']);
    await oncall.flags.create({ key: 'archived.schedule', type: 'release' });
    const created = await oncall.flags.schedules.create({ key: 'archived.schedule', environment: 'staging', enabled: true, strategies: [], runAt: inAnHour() });
    await oncall.flags.archive({ key: 'archived.schedule' });
    await scheduleJobRun(app.db, created.jobId, new Date());
    await waitForJob(app.db, created.jobId);
    expect(await scheduleRow(created.id)).toMatchObject({ status: 'failed', error: 'Flag "archived.schedule" is archived.' });
    expect((await auditRows(app, 'flags.schedule_failed')).filter((row) => row.targetId === created.id)).toEqual([expect.objectContaining({ result: 'failure' })]);
    expect(await stateOf('archived.schedule', 'staging')).toMatchObject({ enabled: false, updatedAt: null });
  });

  it('needs the permissions of its environment: flags.edit, and flags.editProduction for production; refusals audited', async () => {
    const { api: admin } = await as(['admin']);
    const { api: oncall } = await as(['oncall']);
    const { api: support } = await as(['support']);
    await admin.flags.create({ key: 'prod.schedule', type: 'release' });
    const change = { key: 'prod.schedule', environment: 'production', enabled: true, strategies: rollout(10), runAt: inAnHour() };
    await expect(oncall.flags.schedules.create(change)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(support.flags.schedules.create({ ...change, environment: 'staging' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const denied = (await auditRows(app, 'flags.schedule_created')).filter((row) => row.result === 'denied');
    expect(denied.map((row) => row.error).sort()).toEqual(['missing permission flags.edit', 'missing permission flags.editProduction']);

    const created = await admin.flags.schedules.create(change);
    await expect(oncall.flags.schedules.cancel({ id: created.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await scheduleRow(created.id)).toMatchObject({ status: 'pending' });
    expect((await auditRows(app, 'flags.schedule_cancelled')).filter((row) => row.result === 'denied').at(-1)?.error).toContain('flags.editProduction');
    await expect(admin.flags.schedules.cancel({ id: created.id })).resolves.toMatchObject({ status: 'cancelled' });
    // Everyone who reads flags sees the schedules.
    expect((await support.flags.schedules.list({ key: 'prod.schedule' })).map((s) => s.status)).toEqual(['cancelled']);
  });

  it('hostile input is a 4xx', async () => {
    const { api: admin } = await as(['admin']);
    await admin.flags.create({ key: 'hostile.schedule', type: 'release' });
    const base = { key: 'hostile.schedule', environment: 'staging', enabled: true, strategies: [], runAt: inAnHour() };
    const bad: unknown[] = [
      { ...base, runAt: new Date(Date.now() + 2 * 366 * 24 * 3_600_000) },
      { ...base, runAt: 'banana' },
      { ...base, extra: 1 },
      { ...base, environment: 'Production; drop table' },
      { ...base, strategies: [{ name: 'default', extra: 1 }] },
    ];
    for (const input of bad) await expect(admin.flags.schedules.create(input as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(admin.flags.schedules.create({ ...base, environment: 'qa' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(admin.flags.schedules.create({ ...base, key: 'no.such.flag' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(admin.flags.schedules.cancel({ id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(admin.flags.schedules.cancel({ id: 'not-a-uuid' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(admin.flags.schedules.list({ status: 'everything' as never })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
