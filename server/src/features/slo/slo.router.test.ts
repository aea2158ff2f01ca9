import { ZSloDefinitionSchema, type TSloWrite } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditRowsByAction } from '../audit/audit.queries.js';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { DEFAULT_SLOS } from './defaultSlos.js';

type Api = Awaited<ReturnType<TestApp['callerAs']>>['api'];

const checkout = (overrides: Partial<TSloWrite['definition']> = {}): TSloWrite => ({
  definition: ZSloDefinitionSchema.parse({
    service: 'checkout',
    name: 'availability',
    description: 'Checkout answers',
    sli: { kind: 'availability' },
    objectivePercent: 99.9,
    windowDays: 30,
    minValidRequests: 50,
    ...overrides,
  }),
  runbook: { action: 'connections.list', params: { longRunningSeconds: 45 } },
  notify: true,
});

/** The slo router through createCaller on a migrated database: seeded SLOs, edits, audit, access, hostile input. */
describe('the slo router', () => {
  let app: TestApp;
  let oncall: Api;
  beforeAll(async () => {
    app = await createTestApp();
    oncall = (await app.callerAs(['oncall'])).api;
  });
  afterAll(() => app?.close());

  it('starts with the two seeded SLOs of Opsdesk’s own API, exactly DEFAULT_SLOS, each linked to a runbook action', async () => {
    const list = await oncall.slo.list();
    const seeded = list.filter((slo) => slo.service === 'opsdesk');
    expect(seeded.map((slo) => slo.definition!).sort((a, b) => a.name.localeCompare(b.name))).toEqual([...DEFAULT_SLOS].sort((a, b) => a.name.localeCompare(b.name)));
    expect(Object.fromEntries(seeded.map((slo) => [slo.name, slo.runbook?.action]))).toEqual({ availability: 'health.check', latency: 'connections.list' });
    expect(seeded.every((slo) => slo.status === null && slo.source === 'builtin' && slo.notify)).toBe(true);
  });

  it('creates an SLO (audited with the reason), answers a repeat with the same SLO, and a different one with the same name with CONFLICT', async () => {
    const { api, staff } = await app.callerAs(['admin']);
    const created = await api.slo.create({ ...checkout(), reason: 'Checkout has its own SLO now' });
    expect(created).toMatchObject({ definition: { service: 'checkout', name: 'availability', objectivePercent: 99.9 }, updatedBy: staff.email, status: null });
    const [row] = await findAuditRowsByAction(app.db, 'slo.created');
    expect(row).toMatchObject({ actorId: staff.id, targetType: 'slo', targetId: created.id, reason: 'Checkout has its own SLO now', result: 'success' });
    expect(row!.after).toMatchObject({ definition: { service: 'checkout' }, runbook: { action: 'connections.list' } });

    const again = await api.slo.create({ ...checkout(), reason: 'Checkout has its own SLO now' });
    expect(again.id).toBe(created.id);
    expect((await api.slo.list()).filter((slo) => slo.service === 'checkout')).toHaveLength(1);

    await expect(api.slo.create(checkout({ objectivePercent: 99 }))).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('checkout/availability already exists') });
  });

  it('edits an SLO: audited before and after with the reason, repeatable, NOT_FOUND for an unknown id, CONFLICT when renamed onto another', async () => {
    const a = await oncall.slo.create(checkout({ name: 'edit-me' }));
    await oncall.slo.create(checkout({ name: 'taken' }));
    const input = { ...checkout({ name: 'edit-me', objectivePercent: 99.5 }), id: a.id, notify: false, reason: 'Too noisy at 99.9' };
    const updated = await oncall.slo.update(input);
    expect(updated).toMatchObject({ id: a.id, notify: false, definition: { objectivePercent: 99.5 } });
    expect(await oncall.slo.update(input)).toMatchObject({ id: a.id, notify: false, definition: { objectivePercent: 99.5 } });
    const rows = (await findAuditRowsByAction(app.db, 'slo.updated')).filter((r) => r.targetId === a.id);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ reason: 'Too noisy at 99.9', before: { definition: { objectivePercent: 99.9 }, notify: true }, after: { definition: { objectivePercent: 99.5 }, notify: false } });

    await expect(oncall.slo.update({ ...input, id: '00000000-0000-4000-8000-000000000001' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(oncall.slo.update({ ...checkout({ name: 'taken' }), id: a.id })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('checkout/taken') });
    expect((await oncall.slo.get({ id: a.id })).name).toBe('edit-me');
  });

  it('refuses an SLO whose Prometheus rules id (service-name) another SLO already has, on create and on rename', async () => {
    // checkout/api-latency and checkout-api/latency would both export as checkout-api-latency: one rules file, two groups of one name.
    await oncall.slo.create(checkout({ name: 'api-latency' }));
    await expect(oncall.slo.create(checkout({ service: 'checkout-api', name: 'latency' }))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('exported to Prometheus as checkout-api-latency, like checkout/api-latency'),
    });
    const other = await oncall.slo.create(checkout({ service: 'checkout-api', name: 'errors' }));
    await expect(oncall.slo.update({ ...checkout({ service: 'checkout-api', name: 'latency' }), id: other.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    // An SLO keeps its own rules id through an edit, and a rename to a free one passes.
    expect(await oncall.slo.update({ ...checkout({ service: 'checkout-api', name: 'errors', objectivePercent: 99 }), id: other.id })).toMatchObject({ definition: { objectivePercent: 99 } });
    expect(await oncall.slo.update({ ...checkout({ service: 'checkout-api', name: 'slow' }), id: other.id })).toMatchObject({ definition: { name: 'slow' } });
    expect((await oncall.slo.list()).filter((slo) => slo.name === 'latency' && slo.service === 'checkout-api')).toEqual([]);
  });

  it('lets oncall and admin edit, support only read, finance nothing, and no one signed out', async () => {
    const [first] = await oncall.slo.list();
    const { api: support } = await app.callerAs(['support']);
    expect(await support.slo.get({ id: first!.id })).toMatchObject({ id: first!.id });
    await expect(support.slo.create(checkout({ name: 'by-support' }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { api: finance } = await app.callerAs(['finance']);
    await expect(finance.slo.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(finance.slo.activeAlerts()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(app.caller().slo.alerts({ limit: 5 })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await oncall.slo.list()).some((slo) => slo.name === 'by-support')).toBe(false);
  });

  it('answers hostile and unusable input with BAD_REQUEST, never a 500', async () => {
    const bad: unknown[] = [
      { ...checkout(), definition: { ...checkout().definition, service: "x'; drop table ops.slos; --" } },
      { ...checkout(), definition: { ...checkout().definition, name: 'a'.repeat(10_000) } },
      { ...checkout(), definition: { ...checkout().definition, objectivePercent: 100 } },
      { ...checkout(), definition: { ...checkout().definition, description: 'nul \u0000 here' } },
      { ...checkout(), definition: { ...checkout().definition, windowDays: 14 } },
      { ...checkout(), extra: true },
      { ...checkout(), runbook: { action: 'nothing.here', params: {} } },
      { ...checkout(), runbook: { action: 'connections.list', params: { longRunningSeconds: 'soon' } } },
      { ...checkout(), runbook: { action: 'health.check', params: { unexpected: 1 } } },
      { ...checkout(), definition: { ...checkout().definition, sli: { kind: 'latency', thresholdMs: 350 } } },
      { ...checkout(), reason: 'x'.repeat(5_000) },
    ];
    for (const input of bad) await expect(oncall.slo.create(input as TSloWrite), JSON.stringify(input).slice(0, 200)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    for (const input of [{ id: 'not-a-uuid' }, { id: '00000000-0000-4000-8000-000000000001', more: 1 }]) await expect(oncall.slo.get(input as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(oncall.slo.get({ id: '00000000-0000-4000-8000-000000000001' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const input of [{ before: "1' or '1'='1" }, { limit: 1_000 }, { state: 'open' }]) await expect(oncall.slo.alerts(input as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await oncall.slo.list()).some((slo) => slo.service.includes("'"))).toBe(false);
  });

  it('gives a budget chart of one point per hour over 7 days and per 6 hours over 30, at 100 % with no traffic', async () => {
    const list = await oncall.slo.list();
    const week = await oncall.slo.get({ id: list.find((slo) => slo.definition?.windowDays === 7)!.id });
    expect(week.budgetChart).toHaveLength(168);
    const month = await oncall.slo.get({ id: list.find((slo) => slo.definition?.windowDays === 30)!.id });
    expect(month.budgetChart).toHaveLength(120);
    expect(Date.parse(month.budgetChart[1]!.at) - Date.parse(month.budgetChart[0]!.at)).toBe(6 * 3_600_000);
    expect(month.budgetChart.every((p) => p.budgetRemaining === 1 && p.sli === null)).toBe(true);
  });
});
