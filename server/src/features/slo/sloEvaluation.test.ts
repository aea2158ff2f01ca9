import { evaluateSlo, type MinuteSample, type SloStatusView } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { insertSignalSamples, type SignalSampleRow } from '../signals/signalSamples.queries.js';
import { deleteOldAlertEvents } from './sloAlerts.queries.js';
import { evaluateAllSlos } from './sloEvaluation.js';
import { FAST_BUCKET, minuteRow } from './sloSamples.testing.js';

type Api = Awaited<ReturnType<TestApp['callerAs']>>['api'];

const MINUTE = 60_000;

/**
 * Evaluation on synthetic samples written to ops.signal_samples the way the collector
 * writes them (minute and hourly rows): the SQL sums agree with the shared arithmetic on
 * the same minutes, a burst pages and the page resolves after it, a quiet service has
 * "not enough data", and each change is recorded once, not on every pass.
 */
describe('evaluating every SLO from the built-in samples', () => {
  let app: TestApp;
  let api: Api;
  let shopAvailability: string;
  let shopLatency: string;
  let quiet: string;
  // A minute 20 minutes into an hour, so windows start and end inside hours (minute rows at both edges).
  const start = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 6 * 3_600_000 + 20 * MINUTE;
  const written: SignalSampleRow[] = [];
  const write = async (rows: SignalSampleRow[]) => {
    written.push(...rows);
    await insertSignalSamples(app.db, rows);
  };
  const statusOf = async (id: string) => (await api.slo.get({ id })).status as SloStatusView;
  const stateOf = (status: SloStatusView, rule: string) => status.alerts.find((a) => a.rule === rule)!.state;

  beforeAll(async () => {
    app = await createTestApp();
    api = (await app.callerAs(['oncall'])).api;
    const base = { description: '', objectivePercent: 99.5, windowDays: 7 as const, minValidRequests: 100 };
    const runbook = { action: 'connections.list', params: { longRunningSeconds: 30 } };
    shopAvailability = (await api.slo.create({ definition: { ...base, service: 'shop', name: 'availability', sli: { kind: 'availability' } }, runbook, notify: true })).id;
    shopLatency = (await api.slo.create({ definition: { ...base, service: 'shop', name: 'latency', objectivePercent: 95, sli: { kind: 'latency', thresholdMs: 300 } }, runbook: null, notify: true })).id;
    quiet = (await api.slo.create({ definition: { ...base, service: 'quiet', name: 'availability', sli: { kind: 'availability' } }, runbook: null, notify: true })).id;
    // Three hours of healthy traffic from two instances, and a quiet service failing half its few requests (one a minute).
    const rows: SignalSampleRow[] = [];
    for (let m = 0; m < 180; m += 1) {
      rows.push(minuteRow('shop', start + m * MINUTE, 600, 0, { slow: 10 }), minuteRow('shop', start + m * MINUTE, 400, 0, { instance: 'web-2:3000' }));
      if (m >= 120) rows.push(minuteRow('quiet', start + m * MINUTE, 1, m % 2));
    }
    await write(rows);
  });
  afterAll(() => app?.close());

  it('sums minute and hourly rows in SQL to exactly what the shared arithmetic gives on the raw minutes', async () => {
    const at = new Date(start + 180 * MINUTE + 17_000); // evaluated within the next minute: its own minute is not counted
    expect(await evaluateAllSlos(app.db, at)).toMatchObject({ changes: 0 });
    const samples: MinuteSample[] = written
      .filter((row) => row.service === 'shop')
      .map((row) => ({ minuteStart: row.minute.getTime(), valid: row.requests, good: row.latencySuccess![FAST_BUCKET]! }));
    const expected = evaluateSlo({ objectivePercent: 95, windowDays: 7, minValidRequests: 100 }, samples, start + 180 * MINUTE);
    const latency = await statusOf(shopLatency);
    expect(latency).toMatchObject({ at: new Date(start + 180 * MINUTE).toISOString(), good: 180 * 990, valid: 180 * 1000, enoughData: true, budgetRemaining: expected.window.budgetRemaining });
    expect(latency.sli).toBeCloseTo(0.99, 10);
    expect(latency.alerts.map((a) => [a.rule, a.longBurnRate])).toEqual(expected.alerts.map((a) => [a.rule.id, a.longBurnRate]));
    const availability = await statusOf(shopAvailability);
    expect(availability).toMatchObject({ good: 180_000, valid: 180_000, sli: 1, budgetRemaining: 1, burnRateNow: 0, timeToExhaustionMs: null });
    expect(availability.alerts.every((a) => a.state === 'inactive')).toBe(true);
  });

  it('pages on a burst of errors once, resolves minutes after it ends, and records each change once', async () => {
    const burstStart = start + 180 * MINUTE;
    const burst: SignalSampleRow[] = [];
    for (let m = 0; m < 10; m += 1) burst.push(minuteRow('shop', burstStart + m * MINUTE, 1000, 500));
    await write(burst);

    // Firing: the last hour lost 5,000 of 60,000 (16.7× the 0.5 % budget), the last 5 minutes half.
    await evaluateAllSlos(app.db, new Date(burstStart + 10 * MINUTE));
    const firing = await statusOf(shopAvailability);
    expect(firing.alerts.find((a) => a.rule === 'page-1h')).toMatchObject({ state: 'firing', shortBurnRate: 100 });
    expect(firing.alerts.find((a) => a.rule === 'page-1h')!.longBurnRate).toBeCloseTo(5000 / 60_000 / 0.005, 10);
    expect(stateOf(firing, 'page-6h')).toBe('inactive'); // 5,000 of 190,000 over 6 h is 5.3×, under 6×

    // The next passes, burst or not, record nothing new while the state holds.
    await evaluateAllSlos(app.db, new Date(burstStart + 10 * MINUTE + 30_000));
    const page = await api.slo.alerts({ sloId: shopAvailability, severity: 'page' });
    expect(page.events.map((e) => [e.rule, e.state])).toEqual([['page-1h', 'firing']]);
    expect(page.events[0]).toMatchObject({
      service: 'shop',
      sloName: 'availability',
      at: new Date(burstStart + 10 * MINUTE).toISOString(),
      shortBurnRate: 100,
      delivery: { status: 'not_configured', attempts: 0, lastError: null },
      runbook: { action: 'connections.list', title: expect.any(String), params: { longRunningSeconds: 30 }, href: `/runbooks/connections.list/show?params=${encodeURIComponent('{"longRunningSeconds":30}')}` },
    });
    const active = await api.slo.activeAlerts();
    expect(active.filter((a) => a.sloId === shopAvailability && a.severity === 'page')).toEqual([expect.objectContaining({ rule: 'page-1h', firingSince: new Date(burstStart + 10 * MINUTE).toISOString() })]);

    // Healthy again: five clean minutes and the short window clears the page.
    const after: SignalSampleRow[] = [];
    for (let m = 10; m < 16; m += 1) after.push(minuteRow('shop', burstStart + m * MINUTE, 1000, 0));
    await write(after);
    await evaluateAllSlos(app.db, new Date(burstStart + 14 * MINUTE));
    expect(stateOf(await statusOf(shopAvailability), 'page-1h')).toBe('firing'); // the short window still holds the last burst minute
    await evaluateAllSlos(app.db, new Date(burstStart + 15 * MINUTE));
    expect(stateOf(await statusOf(shopAvailability), 'page-1h')).toBe('inactive');
    await evaluateAllSlos(app.db, new Date(burstStart + 15 * MINUTE + 40_000));

    const history = await api.slo.alerts({ sloId: shopAvailability, severity: 'page' });
    expect(history.events.map((e) => [e.rule, e.state, e.at])).toEqual([
      ['page-1h', 'resolved', new Date(burstStart + 15 * MINUTE).toISOString()],
      ['page-1h', 'firing', new Date(burstStart + 10 * MINUTE).toISOString()],
    ]);
    expect((await api.slo.activeAlerts()).some((a) => a.sloId === shopAvailability && a.rule === 'page-1h')).toBe(false);
    // The slow burn of the whole burst still trips the ticket over a day (long) and 2 h (short).
    expect(stateOf(await statusOf(shopAvailability), 'ticket-1d')).toBe('firing');
  });

  it('keeps a quiet service at "not enough data": no alert, no event, however badly it does', async () => {
    const status = await statusOf(quiet);
    expect(status.alerts.map((a) => a.state)).toEqual(['not_enough_data', 'not_enough_data', 'not_enough_data', 'not_enough_data']);
    expect(status).toMatchObject({ burnRateNow: null, enoughData: false, valid: 60, good: 30, budgetRemaining: 1 - 0.5 / 0.005 });
    expect((await api.slo.alerts({ sloId: quiet })).events).toEqual([]);
  });

  it('pages through the history newest first with `before`, and filters by state', async () => {
    const all = await api.slo.alerts({});
    expect(all.events.length).toBeGreaterThanOrEqual(4);
    const pages: string[] = [];
    let before: string | undefined;
    for (let i = 0; i < 20; i += 1) {
      const page = await api.slo.alerts({ limit: 1, ...(before ? { before } : {}) });
      pages.push(...page.events.map((e) => e.id));
      if (!page.nextBefore) break;
      before = page.nextBefore;
    }
    expect(pages).toEqual(all.events.map((e) => e.id));
    const times = all.events.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect((await api.slo.alerts({ state: 'resolved' })).events.every((e) => e.state === 'resolved')).toBe(true);
    // A cursor before every event (the epoch) ends the history; an event id is no cursor (sloAlertsPaging.test.ts).
    expect((await api.slo.alerts({ before: Buffer.from('0|page-1h|00000000-0000-4000-8000-000000000001').toString('base64url') })).events).toEqual([]);
  });

  it('drops alert events after 400 days, but never the one of an alert still firing', async () => {
    const firingIds = (await api.slo.activeAlerts()).map((a) => a.id);
    expect(firingIds.length).toBeGreaterThan(0);
    expect(await deleteOldAlertEvents(app.db, new Date(start + 399 * 86_400_000))).toBe(0);
    expect(await deleteOldAlertEvents(app.db, new Date(start + 401 * 86_400_000))).toBeGreaterThan(0);
    const left = await app.db.selectFrom('ops.sloAlertEvents').select('id').execute();
    expect(left.map((r) => r.id).sort()).toEqual(firingIds.sort());
    // A pass that long after finds no traffic: every alert stops firing, and its event may go too.
    expect(await evaluateAllSlos(app.db, new Date(start + 401 * 86_400_000))).toMatchObject({ pruned: firingIds.length });
    expect(await api.slo.activeAlerts()).toEqual([]);
    // A pass that ran late, behind that one, with an older `now`, changes nothing.
    expect(await evaluateAllSlos(app.db, new Date(start + 195 * MINUTE))).toMatchObject({ changes: 0 });
    expect(await api.slo.activeAlerts()).toEqual([]);
  });
});
