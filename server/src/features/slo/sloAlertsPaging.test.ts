import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { insertAlertEvent } from './sloAlerts.queries.js';

type Api = Awaited<ReturnType<TestApp['callerAs']>>['api'];

const MINUTE = 60_000;

/**
 * The alert history's keyset pages on (at, id): the cursor carries the last event's own
 * key, so the next page follows even when that event was pruned between two page loads,
 * and a cursor the server did not hand out is a BAD_REQUEST, never a 500.
 */
describe('paging the SLO alert history', () => {
  let app: TestApp;
  let api: Api;
  let sloId: string;
  const t0 = Math.floor(Date.now() / MINUTE) * MINUTE - 60 * MINUTE;
  const eventAt = async (minute: number) =>
    insertAlertEvent(app.db, {
      sloId,
      rule: 'page-1h',
      severity: 'page',
      state: minute % 2 === 0 ? 'firing' : 'resolved',
      at: new Date(t0 + minute * MINUTE),
      longBurnRate: 20,
      shortBurnRate: 20,
      budgetRemaining: 0.5,
      deliveryStatus: 'not_configured',
    });

  beforeAll(async () => {
    app = await createTestApp();
    api = (await app.callerAs(['oncall'])).api;
    sloId = (await api.slo.list())[0]!.id;
    // Two events share a minute, so the id breaks the tie.
    for (const minute of [1, 2, 3, 3, 4, 5]) await eventAt(minute);
  });
  afterAll(() => app?.close());

  it('goes on past the last event of a page when that event has been pruned before the next page is asked', async () => {
    const newestFirst = (await api.slo.alerts({ sloId })).events.map((e) => e.id);
    expect(newestFirst).toHaveLength(6);

    const first = await api.slo.alerts({ sloId, limit: 3 });
    expect(first.events.map((e) => e.id)).toEqual(newestFirst.slice(0, 3));
    expect(first.nextBefore).not.toBeNull();
    // Retention (or anyone) drops the event the cursor was made from.
    await app.db.deleteFrom('ops.sloAlertEvents').where('id', '=', newestFirst[2]!).execute();

    const second = await api.slo.alerts({ sloId, limit: 2, before: first.nextBefore! });
    expect(second.events.map((e) => e.id)).toEqual(newestFirst.slice(3, 5));
    const last = await api.slo.alerts({ sloId, limit: 2, before: second.nextBefore! });
    expect(last.events.map((e) => e.id)).toEqual(newestFirst.slice(5));
    expect(last.nextBefore).toBeNull();
  });

  it('offers no next page when a page ends exactly at the last event', async () => {
    const all = await api.slo.alerts({ sloId });
    expect((await api.slo.alerts({ sloId, limit: all.events.length })).nextBefore).toBeNull();
  });

  it('lists the events of one minute by rule, page-1h first, on every page size, whatever their ids', async () => {
    const other = (await api.slo.list())[1]!.id;
    const at = new Date(t0 + 30 * MINUTE);
    // Ids that sort the other way round: a history ordered by id alone shows ticket-1d first.
    const rules = [
      ['page-1h', 'page', '00000000-0000-4000-8000-000000000001'],
      ['page-6h', 'page', '00000000-0000-4000-8000-000000000002'],
      ['ticket-1d', 'ticket', '00000000-0000-4000-8000-000000000003'],
    ] as const;
    for (const [rule, severity, id] of [...rules].reverse()) {
      await app.db
        .insertInto('ops.sloAlertEvents')
        .values({ id, sloId: other, rule, severity, state: 'firing', at, longBurnRate: 20, shortBurnRate: 20, budgetRemaining: 0.5, deliveryStatus: 'not_configured' })
        .execute();
    }
    const expected = rules.map(([rule]) => rule);
    expect((await api.slo.alerts({ sloId: other })).events.map((e) => e.rule)).toEqual(expected);
    const paged: string[] = [];
    let before: string | undefined;
    do {
      const page = await api.slo.alerts({ sloId: other, limit: 1, before });
      paged.push(...page.events.map((e) => e.rule));
      before = page.nextBefore ?? undefined;
    } while (before);
    expect(paged).toEqual(expected);
    // The whole history (no SLO filter) keeps that order too.
    const everything = (await api.slo.alerts({})).events.filter((e) => e.sloId === other).map((e) => e.rule);
    expect(everything).toEqual(expected);
  });

  it('answers a cursor it did not hand out with BAD_REQUEST', async () => {
    const forged = (text: string) => Buffer.from(text).toString('base64url');
    const id = (await api.slo.alerts({ sloId })).events[0]!.id;
    for (const before of [
      'garbage',
      id, // an event id, as cursors were before
      forged(`not-a-time|page-1h|${id}`),
      forged(`${Date.UTC(10_000, 0, 1)}|page-1h|${id}`),
      forged(`${t0}|page-1h|not-a-uuid`),
      forged(`${t0}|${id}`), // (at, id), as cursors were before the rule joined them
      forged(`${t0}|page-1h|${id}|more`),
      forged(`${t0}|page-2h|${id}`),
      'a'.repeat(201),
      '../../etc',
    ]) {
      await expect(api.slo.alerts({ sloId, before }), before).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
  });
});
