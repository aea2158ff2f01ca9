import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { emptyMinute } from './minuteAccumulator.js';
import { findSignalTableSize, insertSignalSamples, type SignalSampleRow } from './signalSamples.queries.js';
import { applySignalRetention } from './signalRetention.queries.js';

/**
 * Samples on a real database with a fixed "now": every insert keeps an hourly row beside
 * the minute rows (the downsampling); retention drops minute rows past 35 days and
 * hourly rows past 400, and nothing else.
 */
const NOW = new Date('2026-06-15T12:30:00Z'); // minute cutoff 2026-05-11T12:30Z, hour cutoff 2025-05-11T12:30Z

function row(minute: string, instance: string, requests: number, overrides: Partial<SignalSampleRow> = {}): SignalSampleRow {
  const counts = emptyMinute();
  counts.latencySuccess[2] = requests;
  return {
    service: 'opsdesk', minute: new Date(minute), instance, requests, errors: 0, latencySuccess: counts.latencySuccess, latencySuccessSumMs: requests * 20, latencyFailure: null, latencyFailureSumMs: 0,
    errorsByCode: { NOT_FOUND: 1 }, rateLimitBlocks: null, poolInUse: 2, poolMax: 10, pgConnections: 5, pgMaxConnections: 100, eventLoopLagP99Ms: 12, rssBytes: 1e8,
    webhooksReceived: 1, webhooksFailed: 0, webhookBacklogAgeSeconds: null, jobQueueDepth: 0, jobOldestAgeSeconds: null, ...overrides,
  };
}

const allRows = async (app: TestApp) =>
  (
    await sql<{ minute: Date; instance: string; resolutionMinutes: number; requests: number; latencySuccess: number[] | null; poolInUse: number | null; webhooksReceived: number | null; errorsByCode: string | null }>`
      select minute, instance, resolution_minutes, requests, latency_success, pool_in_use, webhooks_received, errors_by_code::text as errors_by_code
      from ops.signal_samples order by resolution_minutes, minute, instance`.execute(app.db)
  ).rows;

describe('signal samples: hourly rows and retention', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  it('keeps one hourly row per instance beside the minute rows, summing counters and keeping the highest gauges', async () => {
    await insertSignalSamples(app.db, [row('2025-05-10T10:05:00Z', 'a', 3, { poolInUse: 7 }), row('2025-05-10T10:06:00Z', 'a', 4)]);
    await insertSignalSamples(app.db, [row('2025-05-10T10:07:00Z', 'b', 5), row('2025-05-10T10:59:00Z', 'a', 6)]);
    const rows = await allRows(app);
    expect(rows.filter((r) => r.resolutionMinutes === 60).map((r) => [r.minute.toISOString(), r.instance, r.requests, r.poolInUse, r.webhooksReceived, JSON.parse(r.errorsByCode!)])).toEqual([
      ['2025-05-10T10:00:00.000Z', 'a', 13, 7, 3, { NOT_FOUND: 3 }],
      ['2025-05-10T10:00:00.000Z', 'b', 5, 2, 1, { NOT_FOUND: 1 }],
    ]);
    expect(rows.find((r) => r.resolutionMinutes === 60 && r.instance === 'a')!.latencySuccess).toEqual([0, 0, 13, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(rows.filter((r) => r.resolutionMinutes === 1)).toHaveLength(4);
  });

  it('drops minute rows past 35 days and hourly rows past 400, exactly, and is idempotent', async () => {
    await sql`delete from ops.signal_samples`.execute(app.db);
    await insertSignalSamples(app.db, [
      row('2025-05-11T12:29:00Z', 'a', 1), // hourly row 12:00 past 400 days (12:00 < 12:30): dropped
      row('2025-05-11T13:00:00Z', 'a', 2), // hourly row kept
      row('2026-05-11T12:29:00Z', 'a', 3), // minute row past 35 days: dropped (its hour is kept)
      row('2026-05-11T12:30:00Z', 'a', 4), // exactly 35 days: kept
    ]);
    expect(await applySignalRetention(app.db, NOW)).toEqual({ minuteRowsDropped: 3, hourRowsDropped: 1 });
    expect((await allRows(app)).map((r) => [r.resolutionMinutes, r.minute.toISOString(), r.requests])).toEqual([
      [1, '2026-05-11T12:30:00.000Z', 4],
      [60, '2025-05-11T13:00:00.000Z', 2],
      [60, '2026-05-11T12:00:00.000Z', 7],
    ]);
    expect(await applySignalRetention(app.db, NOW)).toEqual({ minuteRowsDropped: 0, hourRowsDropped: 0 });
  });

  it('reports the table size, row count and oldest sample', async () => {
    const size = await findSignalTableSize(app.db);
    expect(size.rows).toBe(3);
    expect(size.totalBytes).toBeGreaterThan(8192);
    expect(size.oldestSample?.toISOString()).toBe('2025-05-11T13:00:00.000Z');
    expect(size.rowsEstimated).toBe(false);
  });

  it("takes a large table's row count from the planner's estimate instead of scanning it", async () => {
    await sql`analyze ops.signal_samples`.execute(app.db);
    // Any table at or above the threshold is "large": 1 here, 100 000 by default.
    const size = await findSignalTableSize(app.db, 1);
    expect(size).toMatchObject({ rows: 3, rowsEstimated: true });
    expect(size.oldestSample?.toISOString()).toBe('2025-05-11T13:00:00.000Z');
  });
});
