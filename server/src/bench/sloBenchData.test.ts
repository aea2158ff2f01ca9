import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNAL_LATENCY_BOUNDS_MS } from '@opsdesk/shared';
import { hourRowsOf, type SignalSampleRow } from '../features/signals/signalSamples.queries.js';
import { createTestDatabase, type TestDatabase } from '../testing/testDatabase.js';
import { generateSignalSamples } from './sloBenchData.js';

/**
 * The SLO bench's generator at a tiny size (2 services, one with two instances, 2½ hours
 * ending mid-hour), so it cannot silently rot: every minute row is self-consistent, and
 * the hourly rows are exactly what the collector's own downsampling (hourRowsOf) makes
 * of those minute rows.
 */
const END = new Date('2026-06-15T12:30:00Z');
const SHAPE = { services: 2, twoInstances: 1, days: 150 / 1440, end: END };

const sum = (values: readonly number[] | null) => (values ?? []).reduce((a, b) => a + b, 0);
const emptyToNull = (counts: Record<string, number> | null) => (counts && Object.keys(counts).length > 0 ? counts : null);

/** jsonb read as text: the CamelCasePlugin would rename the codes' keys (INTERNAL_SERVER_ERROR) inside objects. */
async function rowsOf(database: TestDatabase, resolution: 1 | 60): Promise<SignalSampleRow[]> {
  const { rows } = await sql<SignalSampleRow & { errorsByCode: string | null; rateLimitBlocks: string | null }>`
    select service, minute, instance, requests, errors, latency_success, latency_success_sum_ms, latency_failure, latency_failure_sum_ms,
      errors_by_code::text as errors_by_code, rate_limit_blocks::text as rate_limit_blocks, pool_in_use, pool_max, pg_connections, pg_max_connections, event_loop_lag_p99_ms, rss_bytes,
      webhooks_received, webhooks_failed, webhook_backlog_age_seconds, job_queue_depth, job_oldest_age_seconds
    from ops.signal_samples where resolution_minutes = ${resolution} order by minute, service, instance`.execute(database.db);
  return rows.map((row) => ({ ...row, errorsByCode: row.errorsByCode && JSON.parse(row.errorsByCode), rateLimitBlocks: row.rateLimitBlocks && JSON.parse(row.rateLimitBlocks) }));
}

/** Float sums (durations) may add up in another order in PostgreSQL than in JavaScript. */
const comparable = (row: SignalSampleRow) => ({
  ...row,
  minute: row.minute.toISOString(),
  latencySuccessSumMs: Math.round(row.latencySuccessSumMs),
  latencyFailureSumMs: Math.round(row.latencyFailureSumMs),
  errorsByCode: emptyToNull(row.errorsByCode),
  rateLimitBlocks: emptyToNull(row.rateLimitBlocks),
});

describe('SLO bench sample generator', () => {
  let database: TestDatabase;
  let generated: Awaited<ReturnType<typeof generateSignalSamples>>;
  beforeAll(async () => {
    database = await createTestDatabase({ max: 2 });
    generated = await generateSignalSamples(database.db, SHAPE);
  });
  afterAll(() => database?.drop());

  it('writes one minute row per service, instance and minute, and one hourly row per started hour', async () => {
    const minutes = await rowsOf(database, 1);
    expect(generated).toMatchObject({ minuteRows: 3 * 150, hourRows: 3 * 3 });
    expect(minutes).toHaveLength(450);
    expect(new Set(minutes.map((r) => `${r.service} ${r.instance}`))).toEqual(new Set(['svc-01 node-1', 'svc-01 node-2', 'svc-02 node-1']));
    expect(minutes[0]!.minute).toEqual(new Date('2026-06-15T10:00:00Z'));
    expect(minutes.at(-1)!.minute).toEqual(new Date('2026-06-15T12:29:00Z'));
    // Traffic varies (noise and shape), and there is some.
    expect(new Set(minutes.map((r) => r.requests)).size).toBeGreaterThan(10);
    expect(sum(minutes.map((r) => r.errors))).toBeGreaterThan(0);
  });

  it('keeps every minute row consistent: buckets sum to the successes and failures, 5xx codes to the errors', async () => {
    for (const row of await rowsOf(database, 1)) {
      expect(row.errors).toBeLessThanOrEqual(row.requests);
      const successes = row.requests - row.errors;
      expect(row.latencySuccess === null ? 0 : row.latencySuccess.length).toBe(successes > 0 ? SIGNAL_LATENCY_BOUNDS_MS.length + 1 : 0);
      expect(sum(row.latencySuccess)).toBe(successes);
      expect(sum(row.latencyFailure)).toBe(row.errors);
      expect([...(row.latencySuccess ?? []), ...(row.latencyFailure ?? [])].every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
      expect((row.errorsByCode?.INTERNAL_SERVER_ERROR ?? 0) + (row.errorsByCode?.http_5xx ?? 0)).toBe(row.errors);
      if (successes > 0) expect(row.latencySuccessSumMs / successes).toBeGreaterThan(5);
    }
  });

  it('writes hourly rows exactly as the collector downsamples the same minute rows', async () => {
    const expected = hourRowsOf(await rowsOf(database, 1)).map(comparable);
    const hours = (await rowsOf(database, 60)).map(comparable);
    const key = (r: { service: string; instance: string; minute: string }) => `${r.minute} ${r.service} ${r.instance}`;
    expect(hours.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(expected.sort((a, b) => key(a).localeCompare(key(b))));
    expect(sum(hours.map((h) => h.requests))).toBe(sum((await rowsOf(database, 1)).map((r) => r.requests)));
  });
});
