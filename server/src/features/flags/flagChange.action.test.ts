import { TRPCError } from '@trpc/server';
import type { Role } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.js';
import { auditRows, createTestApp, type TestApp } from '../../testing/testApp.js';
import { createCustomer, prepareCustomerTests, type Catalog } from '../customers/testing/customerFixtures.js';

/**
 * Flag changes in production through the four-eyes machinery, against a migrated
 * PostgreSQL: a risky change is held with its diff, decided by another admin, applied
 * once; a request overtaken by another change is stale and applies nothing; a direct
 * edit cannot go around the rule; the MRR-share rule reads real accounts and revenue.
 */
type Api = Awaited<ReturnType<TestApp['callerAs']>>['api'];
const codeOf = (promise: Promise<unknown>) => promise.then(() => 'OK', (e: TRPCError) => e.code);
const allUsers = [{ name: 'default' }];
const forPlan = (plan: string) => [{ name: 'flexibleRollout', parameters: { rollout: '100', stickiness: 'userId' }, constraints: [{ contextName: 'plan', operator: 'IN' as const, values: [plan] }] }];

async function productionOf(api: Api, key: string) {
  const flag = await api.flags.get({ key });
  return flag.environments.find((e) => e.environment === 'production')!;
}
const revisionOf = async (api: Api, environment = 'production') => (await api.flags.environments()).find((e) => e.name === environment)!.revision;

describe('flag changes in production through approvals', () => {
  let app: TestApp;
  const as = async (roles: Role[]) => await app.callerAs(roles);

  beforeAll(async () => (app = await createTestApp()));
  afterAll(() => app?.close());

  it('holds a kill-switch change with its diff; the requester cannot approve; another admin applies it once', async () => {
    const a = await as(['admin']);
    const b = await as(['admin']);
    await a.api.flags.create({ key: 'payments.kill', type: 'kill-switch' });
    const revision = await revisionOf(a.api);
    const change = { key: 'payments.kill', environment: 'production', enabled: true, strategies: allUsers, expectedRevision: revision };

    const preview = await a.api.flags.previewChange({ ...change, reason: 'look first' });
    expect(preview).toMatchObject({
      risk: 'medium',
      target: { type: 'flag', id: 'payments.kill@production' },
      approvalReason: 'Changes to kill-switch flags in production need a second person.',
      preview: { key: 'payments.kill', environment: 'production', flagType: 'kill-switch', revision, before: { enabled: false, strategies: [] }, after: { enabled: true, strategies: allUsers } },
    });

    const requested = await a.api.flags.requestChange({ ...change, reason: 'Re-enable payments after the incident' });
    expect(requested).toMatchObject({ status: 'approval_requested', approvalReason: 'Changes to kill-switch flags in production need a second person.' });
    expect(await productionOf(a.api, 'payments.kill')).toMatchObject({ enabled: false, revision });
    // The same diff asked again (a double click, a second tab) is the same request.
    await expect(a.api.flags.requestChange({ ...change, reason: 'clicked twice' })).resolves.toMatchObject({ status: 'approval_requested', duplicate: true, requestId: requested.requestId });

    const shown = await b.api.approvals.get({ id: requested.requestId });
    expect(shown).toMatchObject({ action: 'flags.changeEnvironment', targetType: 'flag', targetId: 'payments.kill@production', canDecide: true, preview: { flagType: 'kill-switch', revision, after: { enabled: true } } });

    await expect(a.api.approvals.approve({ id: requested.requestId, comment: 'mine' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: /your own request/ });
    await expect(b.api.approvals.approve({ id: requested.requestId, comment: 'Incident closed' })).resolves.toMatchObject({ status: 'succeeded', result: { changed: true, revision: revision + 1 } });
    await expect(b.api.approvals.approve({ id: requested.requestId, comment: 'again' })).rejects.toMatchObject({ code: 'CONFLICT' });

    expect(await productionOf(a.api, 'payments.kill')).toMatchObject({ enabled: true, strategies: allUsers, revision: revision + 1 });
    expect((await auditRows(app, 'approval.requested')).filter((r) => r.targetId === 'payments.kill@production')).toHaveLength(1);
    const applied = (await auditRows(app, 'flags.environment_changed')).filter((r) => r.result === 'success' && r.targetId === 'payments.kill@production');
    expect(applied).toHaveLength(1);
    // The flag's history reads the diff out of the approved request, with both people.
    const [entry] = (await a.api.flags.history({ key: 'payments.kill', environment: 'production' })).entries;
    expect(entry).toMatchObject({ action: 'flags.environment_changed', environment: 'production', actor: { email: a.staff.email }, approver: { email: b.staff.email }, before: { enabled: false }, after: { enabled: true, strategies: allUsers } });
    expect(applied[0]).toMatchObject({
      actorId: a.staff.id,
      reason: 'Re-enable payments after the incident',
      before: { before: { enabled: false }, after: { enabled: true } },
      after: { approvedBy: b.staff.email, result: { enabled: true, strategies: allUsers, revision: revision + 1, changed: true } },
    });
  });

  it('a request overtaken by another change is stale: approving it applies nothing and says why', async () => {
    const a = await as(['admin']);
    const b = await as(['admin']);
    await a.api.flags.create({ key: 'admin.tools', type: 'permission' });
    const revision = await revisionOf(a.api);
    const first = await a.api.flags.requestChange({ key: 'admin.tools', environment: 'production', enabled: true, strategies: forPlan('business'), expectedRevision: revision, reason: 'Business gets the tools' });
    const second = await b.api.flags.requestChange({ key: 'admin.tools', environment: 'production', enabled: true, strategies: forPlan('pro'), expectedRevision: revision, reason: 'Pro gets the tools' });
    expect([first.status, second.status]).toEqual(['approval_requested', 'approval_requested']);

    expect(await b.api.approvals.get({ id: first.requestId })).toMatchObject({ status: 'pending_approval', stale: null });
    await a.api.approvals.approve({ id: second.requestId, comment: 'Pro first' });
    const staleMessage = 'This request is stale: flag admin.tools changed in production since it was made; make the request again.';
    // The inbox says so before anyone approves.
    expect((await b.api.approvals.find({ scope: 'to_decide' })).find((r) => r.id === first.requestId)).toMatchObject({ stale: staleMessage, canDecide: true });
    await expect(b.api.approvals.approve({ id: first.requestId, comment: 'too late' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: staleMessage,
    });
    expect(await productionOf(a.api, 'admin.tools')).toMatchObject({ enabled: true, strategies: forPlan('pro'), revision: revision + 1 });
    expect(await app.db.selectFrom('ops.actionRequests').select('status').where('id', '=', first.requestId).executeTakeFirstOrThrow()).toEqual({ status: 'failed' });
    const outcomes = (await auditRows(app, 'flags.environment_changed')).filter((r) => r.targetId === 'admin.tools@production').map((r) => r.result);
    expect(outcomes.filter((r) => r === 'success')).toHaveLength(1);
    expect(outcomes).toContain('failure');

    // Another flag moving production's revision does not: this flag's diff still holds, and applies.
    const third = await a.api.flags.requestChange({ key: 'admin.tools', environment: 'production', enabled: false, strategies: [], expectedRevision: revision + 1, reason: 'Off again' });
    await a.api.flags.create({ key: 'other.release', type: 'release' });
    await a.api.flags.setEnvironment({ key: 'other.release', environment: 'production', enabled: true, strategies: [] });
    expect((await b.api.approvals.get({ id: third.requestId })).stale).toBeNull();
    await b.api.approvals.approve({ id: third.requestId, comment: 'Looks fine' });
    expect(await productionOf(a.api, 'admin.tools')).toMatchObject({ enabled: false, strategies: [] });
  });

  it('a non-risky production change by an admin applies at once; a stale expected revision or no reason is refused', async () => {
    const { api } = await as(['admin']);
    await api.flags.create({ key: 'search.v2', type: 'release' });
    const revision = await revisionOf(api);
    await expect(api.flags.requestChange({ key: 'search.v2', environment: 'production', enabled: true, strategies: allUsers, expectedRevision: revision })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /reason/ });
    await expect(api.flags.requestChange({ key: 'search.v2', environment: 'production', enabled: true, strategies: allUsers, expectedRevision: revision - 1, reason: 'old view' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const done = await api.flags.requestChange({ key: 'search.v2', environment: 'production', enabled: true, strategies: allUsers, expectedRevision: revision, reason: 'Ship it' });
    expect(done).toMatchObject({ status: 'done', duplicate: false, result: { changed: true, revision: revision + 1 } });
    expect(await productionOf(api, 'search.v2')).toMatchObject({ enabled: true, revision: revision + 1 });
    expect(await app.db.selectFrom('ops.actionRequests').select('approvalReason').where('id', '=', done.requestId).executeTakeFirstOrThrow()).toEqual({ approvalReason: null });
  });

  it('oncall cannot request or preview a production change', async () => {
    const admin = await as(['admin']);
    const oncall = await as(['oncall']);
    await admin.api.flags.create({ key: 'oncall.try', type: 'release' });
    const change = { key: 'oncall.try', environment: 'production', enabled: true, strategies: allUsers, expectedRevision: await revisionOf(admin.api), reason: 'please' };
    expect(await codeOf(oncall.api.flags.requestChange(change))).toBe('FORBIDDEN');
    expect(await codeOf(oncall.api.flags.previewChange(change))).toBe('FORBIDDEN');
    expect(await productionOf(admin.api, 'oncall.try')).toMatchObject({ enabled: false });
  });

  it('setEnvironment cannot go around it: a risky production change is refused, staging and other types still apply directly', async () => {
    const { api } = await as(['admin']);
    await api.flags.create({ key: 'direct.kill', type: 'kill-switch' });
    await expect(api.flags.setEnvironment({ key: 'direct.kill', environment: 'production', enabled: true, strategies: allUsers })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'Changes to kill-switch flags in production need a second person. Request this change for approval (flags.requestChange) instead of saving it directly.',
    });
    expect(await productionOf(api, 'direct.kill')).toMatchObject({ enabled: false });
    const refused = (await auditRows(app, 'flags.environment_changed')).filter((r) => r.targetId === 'direct.kill@production');
    expect(refused.map((r) => r.result)).toEqual(['failure']);
    // Nor can a schedule: it would apply the same change later, unapproved.
    await expect(api.flags.schedules.create({ key: 'direct.kill', environment: 'production', enabled: true, strategies: allUsers, runAt: new Date(Date.now() + 3_600_000) })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(await api.flags.schedules.list({ key: 'direct.kill' })).toEqual([]);
    await expect(api.flags.setEnvironment({ key: 'direct.kill', environment: 'staging', enabled: true, strategies: allUsers })).resolves.toMatchObject({ changed: true });
    await api.flags.create({ key: 'direct.release', type: 'release' });
    await expect(api.flags.setEnvironment({ key: 'direct.release', environment: 'production', enabled: true, strategies: allUsers })).resolves.toMatchObject({ changed: true });
  });
});

describe('the MRR-share rule', () => {
  let app: TestApp;
  let catalog: Catalog;

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen();
    catalog = await prepareCustomerTests(app);
    await createCustomer(app, { price: catalog.pro });
    await createCustomer(app, { price: catalog.pro });
    await createCustomer(app, { price: catalog.business, plan: 'business' });
    await createCustomer(app, { price: null });
  }, 120_000);
  afterAll(() => app?.close());

  it('holds a release change that flips more than 1 % of MRR; one flipping only free accounts applies at once', async () => {
    const { api } = await app.callerAs(['admin']);
    await api.flags.create({ key: 'billing.page', type: 'release' });
    const revision = await revisionOf(api);
    const risky = { key: 'billing.page', environment: 'production', enabled: true, strategies: forPlan('business'), expectedRevision: revision, reason: 'New billing page for business' };

    const preview = await api.flags.previewChange(risky);
    expect(preview.preview.impact).toMatchObject({ offToOn: 1, payingCustomersAffected: 1, mrrAffectedCents: 5000 });
    // 50 USD of 90 USD total MRR.
    const reason = 'This change flips 55.56 % of MRR in production (50.00 USD of 90.00 USD): above 1 %, so a second person must approve.';
    expect(preview.approvalReason).toBe(reason);
    await expect(api.flags.setEnvironment({ key: 'billing.page', environment: 'production', enabled: true, strategies: forPlan('business') })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', message: new RegExp(`^${reason.replace(/[.()%]/g, '\\$&')}`) });
    await expect(api.flags.requestChange(risky)).resolves.toMatchObject({ status: 'approval_requested', approvalReason: reason });
    expect(await productionOf(api, 'billing.page')).toMatchObject({ enabled: false });

    const free = await api.flags.requestChange({ ...risky, strategies: forPlan('free'), reason: 'Free accounts first' });
    expect(free).toMatchObject({ status: 'done', result: { changed: true, revision: revision + 1 } });
    expect(await productionOf(api, 'billing.page')).toMatchObject({ enabled: true, strategies: forPlan('free') });
  });
});

describe('approval settings', () => {
  const settings = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', ...env });

  it('default to kill-switch and permission flags and 1 % of MRR; read a comma list and a fraction; refuse anything else', () => {
    expect(settings({})).toMatchObject({ FLAG_APPROVAL_TYPES: ['kill-switch', 'permission'], FLAG_APPROVAL_MRR_SHARE: 0.01 });
    expect(settings({ FLAG_APPROVAL_TYPES: ' release , kill-switch ', FLAG_APPROVAL_MRR_SHARE: '0.05' })).toMatchObject({ FLAG_APPROVAL_TYPES: ['release', 'kill-switch'], FLAG_APPROVAL_MRR_SHARE: 0.05 });
    expect(settings({ FLAG_APPROVAL_TYPES: '' }).FLAG_APPROVAL_TYPES).toEqual([]);
    expect(() => settings({ FLAG_APPROVAL_TYPES: 'kill-switch,banana' })).toThrow(/FLAG_APPROVAL_TYPES/);
    expect(() => settings({ FLAG_APPROVAL_MRR_SHARE: '2' })).toThrow(/FLAG_APPROVAL_MRR_SHARE/);
    expect(() => settings({ FLAG_APPROVAL_MRR_SHARE: 'one percent' })).toThrow(/FLAG_APPROVAL_MRR_SHARE/);
  });
});
