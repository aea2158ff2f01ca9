import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { deleteExpiredCounts } from './flagMetrics.queries.js';
import { recordMetrics } from './flagMetrics.service.js';

/** The metrics store on a migrated PostgreSQL: concurrent reports sum exactly, skewed clocks land now, 30 days kept. */
describe('flag metrics store', () => {
  let app: TestApp;
  const report = (start: Date, toggles: Record<string, { yes: number; no: number; variants?: Record<string, number> }>) => ({
    appName: 'store-test',
    instanceId: 'i-1',
    bucket: { start: start.toISOString(), stop: start.toISOString(), toggles },
  });

  beforeAll(async () => {
    app = await createTestApp();
    await (await app.callerAs(['admin'])).api.flags.create({ key: 'counted', type: 'release' });
  });
  afterAll(() => app?.close());

  it('20 concurrent reports into one hour add up exactly, variants by name', async () => {
    const now = new Date();
    await Promise.all(Array.from({ length: 20 }, (_, i) => recordMetrics(app.db, 'development', report(now, { counted: { yes: 1, no: i % 2, variants: { [i % 2 ? 'a' : 'b']: 1 } } }), now)));
    const rows = await app.db.selectFrom('ops.flagMetricsHourly').selectAll().where('environment', '=', 'development').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ yes: '20', no: '10', variants: { a: 10, b: 10 } });
    expect(rows[0]!.hour.getTime() % 3_600_000).toBe(0);
  });

  it('a bucket from the future or past retention is counted in the current hour; rows past 30 days are deleted', async () => {
    const now = new Date();
    const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
    await recordMetrics(app.db, 'staging', report(new Date(now.getTime() + 86_400_000), { counted: { yes: 1, no: 0 } }), now);
    await recordMetrics(app.db, 'staging', report(new Date(now.getTime() - 90 * 86_400_000), { counted: { yes: 1, no: 0 } }), now);
    const staging = await app.db.selectFrom('ops.flagMetricsHourly').select(['hour', 'yes']).where('environment', '=', 'staging').execute();
    expect(staging).toEqual([{ hour, yes: '2' }]);

    const flag = await app.db.selectFrom('ops.flags').select('id').where('key', '=', 'counted').executeTakeFirstOrThrow();
    const old = new Date(hour.getTime() - 31 * 86_400_000);
    await app.db.insertInto('ops.flagMetricsHourly').values({ flagId: flag.id, environment: 'production', hour: old, yes: 3, no: 0 }).execute();
    expect(await deleteExpiredCounts(app.db, now)).toBe(1);
    const left = await app.db.selectFrom('ops.flagMetricsHourly').select('hour').execute();
    expect(left.every((row) => row.hour.getTime() > old.getTime())).toBe(true);
    expect(left).toHaveLength(2);
  });
});
