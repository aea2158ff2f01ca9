import { SIGNAL_LATENCY_BOUNDS_MS } from '@opsdesk/shared';
import pg from 'pg';

/**
 * Writes golden-signal samples straight into a test server's ops.signal_samples, in the
 * shape its collector writes them (a minute row per minute and the hour's row beside it,
 * under an instance name of the test's own so the server's real rows are untouched).
 * Why not real requests: an SLO needs ≥ 100 valid requests in each of its windows, and
 * Opsdesk has no honest way to answer 5xx on demand; the evaluator reads only this table.
 */
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export interface SampleMinutes {
  service: string;
  instance: string;
  from: Date;
  /** Exclusive. */
  to: Date;
  requestsPerMinute: number;
  errorsPerMinute: number;
  /** Also the saturation gauges a real instance reports (pool 3/10, PostgreSQL 20/100 connections, 12 ms lag, 150 MiB). */
  gauges?: boolean;
}

const GAUGES = [3, 10, 20, 100, 12, 150 * 1024 * 1024];

/** Fast answers: successes in the 25 ms bucket, failures in the 50 ms one. */
const buckets = (count: number, index: number) => Array.from({ length: SIGNAL_LATENCY_BOUNDS_MS.length + 1 }, (_, i) => (i === index ? count : 0));

export async function writeSignalSamples(databaseUrl: string, samples: SampleMinutes): Promise<void> {
  const { service, instance, requestsPerMinute, errorsPerMinute } = samples;
  const rows = new Map<string, { resolution: number; minute: Date; minutes: number }>();
  for (let at = Math.floor(samples.from.getTime() / MINUTE_MS) * MINUTE_MS; at < samples.to.getTime(); at += MINUTE_MS) {
    rows.set(`1 ${at}`, { resolution: 1, minute: new Date(at), minutes: 1 });
    const hour = Math.floor(at / HOUR_MS) * HOUR_MS;
    const hourRow = rows.get(`60 ${hour}`) ?? { resolution: 60, minute: new Date(hour), minutes: 0 };
    hourRow.minutes += 1;
    rows.set(`60 ${hour}`, hourRow);
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // One transaction: an evaluation running meanwhile sees all of them or none. Written
    // row by row, it once saw the first hours (enough for a budget of 100 %) but not the
    // last hour yet, and the page said "Not enough data" for the burn rate until the next
    // evaluation a minute later.
    await client.query('begin');
    for (const row of rows.values()) {
      const requests = requestsPerMinute * row.minutes;
      const errors = errorsPerMinute * row.minutes;
      await client.query(
        `insert into ops.signal_samples (service, resolution_minutes, minute, instance, requests, errors, latency_success, latency_success_sum_ms, latency_failure, latency_failure_sum_ms, errors_by_code,
           pool_in_use, pool_max, pg_connections, pg_max_connections, event_loop_lag_p99_ms, rss_bytes)
         values ($1, $2, $3, $4, $5, $6, $7::integer[], $8, $9::integer[], $10, $11::jsonb, $12, $13, $14, $15, $16, $17)`,
        [service, row.resolution, row.minute, instance, requests, errors, buckets(requests - errors, 2), (requests - errors) * 20, buckets(errors, 3), errors * 40, errors > 0 ? JSON.stringify({ INTERNAL_SERVER_ERROR: errors }) : null, ...(samples.gauges ? GAUGES : GAUGES.map(() => null))],
      );
    }
    await client.query('commit');
  } finally {
    await client.end();
  }
}
