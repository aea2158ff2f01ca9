import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { createSignalCollector } from './signalCollector.js';

/** The signals router through createCaller on a real database: who may read, what hostile input gets. */
describe('the signals router', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
    const collector = createSignalCollector({ db: app.db, instance: 'web-1:3000' });
    collector.observeRequest('auth.me', 200, 12);
    collector.observeRequest('auth.me', 500, 30);
    collector.observeTrpcError('INTERNAL_SERVER_ERROR');
    await collector.flush(Math.floor(Date.now() / 60_000));
  });
  afterAll(() => app?.close());

  it('oncall, admin and support read the four signals, the services and the storage; finance may not', async () => {
    for (const role of ['oncall', 'admin', 'support'] as const) {
      const { api } = await app.callerAs([role]);
      const result = await api.signals.query({ service: 'opsdesk', range: '1h' });
      expect(result).toMatchObject({ source: 'builtin', service: 'opsdesk', stepSeconds: 60, totals: { requests: 2, errors: 1, errorsByCode: [{ code: 'INTERNAL_SERVER_ERROR', count: 1 }] } });
      expect(result.points).toHaveLength(60);
      expect(await api.signals.services()).toEqual(['opsdesk']);
      // The minute and its hour, and what bounds the table.
      expect(await api.signals.storage()).toMatchObject({ rows: 2, rowsEstimated: false, totalBytes: expect.any(Number), oldestSample: expect.any(String), retention: { minuteDays: 35, hourDays: 400 } });
    }
    const { api: finance } = await app.callerAs(['finance']);
    await expect(finance.signals.query({ service: 'opsdesk', range: '1h' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('picks the step from the range, and answers hostile input with BAD_REQUEST', async () => {
    const { api } = await app.callerAs(['oncall']);
    const month = await api.signals.query({ range: '30d' });
    expect(month).toMatchObject({ service: 'opsdesk', stepSeconds: 21600, totals: { requests: 2 } });
    expect(month.points).toHaveLength(120);
    for (const input of [{ range: '90d' }, { service: 'x'.repeat(10_000) }, { service: "opsdesk' or 1=1" }, { service: 'opsdesk', extra: 1 }]) {
      await expect(api.signals.query(input as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect((await api.signals.query({ service: 'unknown-service', range: '6h' })).totals.requests).toBe(0);
  });
});
