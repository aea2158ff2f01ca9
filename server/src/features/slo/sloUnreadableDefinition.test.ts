import { sql } from 'kysely';
import type { SloStatusView } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { findAuditRowsByAction } from '../audit/audit.queries.js';
import { insertSignalSamples, type SignalSampleRow } from '../signals/signalSamples.queries.js';
import { passLogLines } from './sloEvaluate.job.js';
import { evaluateAllSlos } from './sloEvaluation.js';
import { minuteRow } from './sloSamples.testing.js';

type Api = Awaited<ReturnType<TestApp['callerAs']>>['api'];

const MINUTE = 60_000;

/**
 * A stored definition the current schema refuses (written by an older version, edited by
 * hand in SQL, or a schema tightened since) is skipped by the pass with the reason, never
 * allowed to stop it: every other SLO is still evaluated, stored and alerted on, and the
 * router still lists and shows every SLO, the broken one with why it is not evaluated.
 */
describe('an SLO whose stored definition does not read', () => {
  let app: TestApp;
  let api: Api;
  let shop: string;
  let legacy: string;
  const start = Math.floor(Date.now() / MINUTE) * MINUTE - 60 * MINUTE;
  const at = new Date(start + 60 * MINUTE);
  const statusRowOf = async (id: string) => (await app.db.selectFrom('ops.sloStatuses').select('status').where('sloId', '=', id).executeTakeFirst())?.status as SloStatusView | undefined;

  beforeAll(async () => {
    app = await createTestApp();
    api = (await app.callerAs(['oncall'])).api;
    const definition = { service: 'shop', name: 'availability', description: '', sli: { kind: 'availability' as const }, objectivePercent: 99.5, windowDays: 7 as const, minValidRequests: 100 };
    shop = (await api.slo.create({ definition, runbook: null, notify: false })).id;
    // 100 % is refused today (no budget to burn) and 14 days is no window: as an older version might have stored it.
    const stale = JSON.stringify({ ...definition, service: 'legacy', objectivePercent: 100, windowDays: 14 });
    const { rows } = await sql<{ id: string }>`insert into ops.slos (service, name, definition, notify) values ('legacy', 'availability', ${stale}::jsonb, true) returning id`.execute(app.db);
    legacy = rows[0]!.id;
    // An hour at 10 % errors for shop: its pages fire.
    const samples: SignalSampleRow[] = [];
    for (let m = 0; m < 60; m += 1) samples.push(minuteRow('shop', start + m * MINUTE, 1000, 100));
    await insertSignalSamples(app.db, samples);
  });
  afterAll(() => app?.close());

  it('is skipped by the pass with the reason stored, while the other SLOs are evaluated, stored and alerted on', async () => {
    const result = await evaluateAllSlos(app.db, at);
    expect(result.skipped).toEqual([{ id: legacy, slo: 'legacy/availability', problem: expect.stringContaining('objectivePercent') }]);
    expect(result.skipped[0]!.problem).toContain('windowDays');

    const evaluated = await statusRowOf(shop);
    expect(evaluated).toMatchObject({ at: at.toISOString(), valid: 60_000, good: 54_000, enoughData: true });
    expect(evaluated!.error).toBeUndefined();
    expect(evaluated!.alerts.find((a) => a.rule === 'page-1h')).toMatchObject({ state: 'firing' });
    // 20× the budget over the hour (all the samples there are): both pages fire, and are recorded.
    expect((await api.slo.alerts({ sloId: shop, severity: 'page' })).events.map((e) => `${e.rule} ${e.state}`).sort()).toEqual(['page-1h firing', 'page-6h firing']);

    const skipped = await statusRowOf(legacy);
    expect(skipped).toMatchObject({ at: at.toISOString(), enoughData: false, alerts: [], error: expect.stringContaining('does not read under the current schema') });
    expect(skipped!.error).toContain('objectivePercent');
    expect((await api.slo.alerts({ sloId: legacy })).events).toEqual([]);
  });

  it('is listed and shown as not evaluated, with the reason, and every other SLO as usual', async () => {
    const list = await api.slo.list();
    expect(list.find((slo) => slo.id === legacy)).toMatchObject({
      service: 'legacy',
      name: 'availability',
      definition: null,
      definitionProblem: expect.stringContaining('objectivePercent'),
      status: { error: expect.stringContaining('objectivePercent') },
    });
    expect(list.find((slo) => slo.id === shop)).toMatchObject({ definition: { service: 'shop' }, definitionProblem: null, status: { at: at.toISOString() } });
    expect(list.filter((slo) => slo.service === 'opsdesk').every((slo) => slo.definition !== null && slo.status !== null)).toBe(true);
    expect(await api.slo.get({ id: legacy })).toMatchObject({ id: legacy, definition: null, budgetChart: [] });
  });

  it('a stored runbook link that does not read is left out, not a failed list', async () => {
    await sql`update ops.slos set runbook = ${JSON.stringify({ action: 'Not An Action', params: {} })}::jsonb where id = ${legacy}`.execute(app.db);
    expect((await api.slo.list()).find((slo) => slo.id === legacy)).toMatchObject({ runbook: null });
    await expect(api.slo.get({ id: legacy })).resolves.toMatchObject({ runbook: null });
  });

  it('is named once per pass in the job log, as a warning', () => {
    const lines = passLogLines({ slos: 3, changes: 1, pruned: 0, abandoned: 0, unreadable: 0, skipped: [{ id: legacy, slo: 'legacy/availability', problem: 'objectivePercent: must be at most 99.999 %' }] }, 12);
    expect(lines.filter((l) => l.level === 'warn')).toEqual([{ level: 'warn', line: expect.stringContaining('legacy/availability: objectivePercent: must be at most 99.999 %') }]);
    expect(passLogLines({ slos: 3, changes: 0, pruned: 0, abandoned: 0, unreadable: 0, skipped: [] }, 12)).toEqual([]);
  });

  it('is evaluated again once saved with a definition that reads, the stored one audited as what was replaced', async () => {
    const repaired = { service: 'legacy', name: 'availability', description: '', sli: { kind: 'availability' as const }, objectivePercent: 99.9, windowDays: 30 as const, minValidRequests: 100 };
    expect(await api.slo.update({ id: legacy, definition: repaired, runbook: null, notify: true, reason: 'Written by an older version' })).toMatchObject({ definition: repaired, definitionProblem: null, status: null });
    const audit = (await findAuditRowsByAction(app.db, 'slo.updated')).find((row) => row.targetId === legacy);
    expect(audit!.before).toMatchObject({ definition: { objectivePercent: 100, windowDays: 14 } });

    expect((await evaluateAllSlos(app.db, new Date(at.getTime() + MINUTE))).skipped).toEqual([]);
    const status = await statusRowOf(legacy);
    expect(status).toMatchObject({ at: new Date(at.getTime() + MINUTE).toISOString() });
    expect(status!.error).toBeUndefined();
  });
});
