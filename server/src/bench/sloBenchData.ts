import { sql, type RawBuilder } from 'kysely';
import { SIGNAL_LATENCY_BOUNDS_MS } from '@opsdesk/shared';
import type { Db } from '../db/database.js';

/**
 * The SLO bench's samples (npm run bench:slo), generated inside PostgreSQL
 * (generate_series: no round trip per row), shaped like what the signal collector writes
 * (features/signals/signalSamples.queries.ts): one row per service, instance and minute,
 * plus the hourly rows (`resolution_minutes` 60) summing them, counters added and gauges
 * at the hour's highest.
 *
 * - Service n (`svc-01`…) takes 30–300 requests a minute at its daily peak (15:00 UTC),
 *   a quarter of that at night, 60 % at weekends, ±10 % noise; the first `twoInstances`
 *   services run two instances, each taking half. Quiet services at night fall under the
 *   SLOs' low-traffic minimum, as real ones do.
 * - Latency is log-normal (median 15–45 ms, a little slower at the peak), bucketed with
 *   SIGNAL_LATENCY_BOUNDS_MS; failures are slower and wider. 0.05–0.2 % of requests fail.
 * - Each service has two error bursts (2–20 % failing, 15–90 minutes) and one slow period
 *   (medians × 5); every fifth service has its first burst in the last hours, so the SLO
 *   evaluation meets burning budgets and firing alerts (the burst still going on), not
 *   only calm ones.
 * Rows are written a day at a time in time order, services interleaved, as the
 * collector lays them down; each day's hourly rows follow its minute rows.
 */
export interface SignalBenchShape {
  services: number;
  twoInstances: number;
  /** May be a fraction (the test writes a few hours), as long as it is whole minutes. */
  days: number;
  /** Exclusive end, on a minute boundary: the newest sample is the minute before it. */
  end: Date;
}

export const benchServiceName = (n: number) => `svc-${String(n).padStart(2, '0')}`;

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

interface Incident {
  service: number;
  starts: Date;
  ends: Date;
  errorRatio: number;
  slowFactor: number;
}

/** Three incidents per service, one in each third of the span so they never overlap. */
export function benchIncidents(shape: SignalBenchShape): Incident[] {
  const spanMinutes = Math.round(shape.days * 1440);
  const third = Math.floor(spanMinutes / 3);
  const start = shape.end.getTime() - spanMinutes * MINUTE_MS;
  const incidents: Incident[] = [];
  for (let n = 1; n <= shape.services; n++) {
    for (let j = 0; j < 3; j++) {
      const minutes = Math.min(third, 15 + ((n * 31 + j * 17) % 76));
      const recent = j === 2 && n % 5 === 0;
      // A recent burst is still going on at the end, so the page alerts fire.
      const offset = recent ? spanMinutes - minutes : j * third + ((n * 9973 + j * 15013) % Math.max(1, third - minutes));
      const starts = new Date(start + Math.max(0, offset) * MINUTE_MS);
      const slow = j === 1;
      incidents.push({ service: n, starts, ends: new Date(starts.getTime() + minutes * MINUTE_MS), errorRatio: slow ? 0 : 0.02 + ((n + j) % 10) * 0.02, slowFactor: slow ? 5 : 1 });
    }
  }
  return incidents;
}

/** Approximate normal CDF (logistic, within 0.01): buckets from a log-normal with median `median` ms. */
const cdf = (bound: number, median: string, sigma: number) => `1 / (1 + exp(-1.702 * (ln(${bound}) - ln(${median})) / ${sigma}))`;

/**
 * `array[c1, c2 - c1, …, n - c12]` over cumulative counts c_i = round(n × F(bound_i)):
 * whole, never negative (F grows), and summing to n exactly.
 */
function bucketArray(count: string, median: string, sigma: number): RawBuilder<number[]> {
  const cumulative = SIGNAL_LATENCY_BOUNDS_MS.map((bound) => `round(${count} * ${cdf(bound, median, sigma)})::int`);
  const buckets = cumulative.map((c, i) => (i === 0 ? c : `${c} - ${cumulative[i - 1]}`));
  buckets.push(`${count} - ${cumulative[cumulative.length - 1]}`);
  return sql.raw(`case when ${count} > 0 then array[${buckets.join(', ')}]::integer[] end`);
}

const SUCCESS_SIGMA = 0.8;
const FAILURE_SIGMA = 1.2;

/** Mean of a log-normal: median × e^(σ²/2); the sum of durations a minute row carries. */
const meanOf = (median: string, sigma: number) => `${median} * ${Math.exp((sigma * sigma) / 2)}`;

async function insertMinuteRows(db: Db, shape: SignalBenchShape, from: Date, to: Date, incidents: Incident[]): Promise<number> {
  const { numAffectedRows } = await sql`
    insert into ops.signal_samples (service, resolution_minutes, minute, instance, requests, errors, latency_success, latency_success_sum_ms,
      latency_failure, latency_failure_sum_ms, errors_by_code, rate_limit_blocks, pool_in_use, pool_max, pg_connections, pg_max_connections,
      event_loop_lag_p99_ms, rss_bytes, webhooks_received, webhooks_failed, webhook_backlog_age_seconds, job_queue_depth, job_oldest_age_seconds)
    with incidents as (
      select * from unnest(${incidents.map((i) => i.service)}::int[], ${incidents.map((i) => i.starts)}::timestamptz[], ${incidents.map((i) => i.ends)}::timestamptz[],
        ${incidents.map((i) => i.errorRatio)}::float8[], ${incidents.map((i) => i.slowFactor)}::float8[]) as x(service_no, starts, ends, error_ratio, slow_factor)
    ),
    shaped as (
      select s.n, m.minute, k.instance, k.instances,
        -- Daily curve: 1 at 15:00 UTC, 0.25 at 03:00; weekends at 60 %.
        (0.25 + 0.75 * (0.5 + 0.5 * cos(2 * pi() * ((extract(epoch from m.minute) / 3600)::numeric % 24 - 15) / 24)))
          * case when extract(isodow from m.minute) >= 6 then 0.6 else 1 end as traffic,
        coalesce(x.error_ratio, 0) + 0.0005 * (1 + s.n % 4) as error_ratio,
        coalesce(x.slow_factor, 1) as slow_factor
      from generate_series(1, ${shape.services}::int) s(n)
      cross join lateral (select 'node-' || i as instance, case when s.n <= ${shape.twoInstances}::int then 2 else 1 end as instances
        from generate_series(1, case when s.n <= ${shape.twoInstances}::int then 2 else 1 end) i) k
      cross join generate_series(${from}::timestamptz, ${to}::timestamptz - interval '1 minute', interval '1 minute') m(minute)
      left join incidents x on x.service_no = s.n and m.minute >= x.starts and m.minute < x.ends
    ),
    counted as (
      select *, floor(requests * error_ratio + random())::int as errors
      from (select *, floor(30 * (1 + (n * 7) % 10) * traffic * (0.9 + 0.2 * random()) / instances + random())::int as requests,
              ((15 + (n * 13) % 31) * (1 + 0.3 * traffic) * slow_factor)::float8 as success_median,
              (150 * slow_factor)::float8 as failure_median
            from shaped) r
    )
    select 'svc-' || lpad(n::text, 2, '0'), 1, minute, instance, requests, least(errors, requests),
      ${bucketArray('(requests - least(errors, requests))', 'success_median', SUCCESS_SIGMA)},
      (requests - least(errors, requests)) * ${sql.raw(meanOf('success_median', SUCCESS_SIGMA))},
      ${bucketArray('least(errors, requests)', 'failure_median', FAILURE_SIGMA)},
      least(errors, requests) * ${sql.raw(meanOf('failure_median', FAILURE_SIGMA))},
      -- 5xx from tRPC calls and from plain routes, and the caller's own mistakes (401s).
      nullif(jsonb_strip_nulls(jsonb_build_object(
        'INTERNAL_SERVER_ERROR', nullif(least(errors, requests) - least(errors, requests) / 4, 0),
        'http_5xx', nullif(least(errors, requests) / 4, 0),
        'UNAUTHORIZED', nullif(floor(requests * 0.002 + random())::int, 0))), '{}'::jsonb),
      case when random() < 0.01 then jsonb_build_object('staffApi', 1 + floor(random() * 5)::int) end,
      least(10, floor(traffic * 4 * slow_factor + random() * 2)), 10, 8 + floor(random() * 10), 100,
      (8 + random() * 12) * slow_factor, 180e6 + random() * 40e6,
      floor(requests * 0.05 + random())::int, 0, floor(random() * 3), floor(random() * 5)::int, random() * 10
    from counted
    order by minute, n, instance`.execute(db);
  return Number(numAffectedRows ?? 0);
}

/** `array[sum(col[1]), …]` over minute rows; null where every minute's array was null, as the collector's merge leaves it. */
function summedBuckets(column: string): RawBuilder<number[]> {
  const sums = Array.from({ length: SIGNAL_LATENCY_BOUNDS_MS.length + 1 }, (_, i) => `coalesce(sum(${column}[${i + 1}]), 0)`);
  return sql.raw(`case when count(${column}) > 0 then array[${sums.join(', ')}]::integer[] end`);
}

/** Count objects summed key by key over each hour's minute rows (null when none had any). */
const summedCounts = (column: 'errors_by_code' | 'rate_limit_blocks', from: Date, to: Date) => sql`
  select service, instance, hour, jsonb_object_agg(key, total) as counts
  from (select service, instance, to_timestamp(floor(extract(epoch from minute) / 3600) * 3600) as hour, e.key, sum(e.value::bigint) as total
        from ops.signal_samples, jsonb_each_text(${sql.ref(column)}) e
        where resolution_minutes = 1 and minute >= ${from} and minute < ${to}
        group by 1, 2, 3, 4) keyed
  group by 1, 2, 3`;

/** The hours [from, to) downsampled from their minute rows, as the collector's hourly upsert leaves them. */
async function insertHourRows(db: Db, from: Date, to: Date): Promise<number> {
  const { numAffectedRows } = await sql`
    insert into ops.signal_samples (service, resolution_minutes, minute, instance, requests, errors, latency_success, latency_success_sum_ms,
      latency_failure, latency_failure_sum_ms, errors_by_code, rate_limit_blocks, pool_in_use, pool_max, pg_connections, pg_max_connections,
      event_loop_lag_p99_ms, rss_bytes, webhooks_received, webhooks_failed, webhook_backlog_age_seconds, job_queue_depth, job_oldest_age_seconds)
    with sums as (
      select service, instance, to_timestamp(floor(extract(epoch from minute) / 3600) * 3600) as hour,
        sum(requests)::int as requests, sum(errors)::int as errors,
        ${summedBuckets('latency_success')} as latency_success, sum(latency_success_sum_ms) as latency_success_sum_ms,
        ${summedBuckets('latency_failure')} as latency_failure, sum(latency_failure_sum_ms) as latency_failure_sum_ms,
        max(pool_in_use) as pool_in_use, max(pool_max) as pool_max, max(pg_connections) as pg_connections, max(pg_max_connections) as pg_max_connections,
        max(event_loop_lag_p99_ms) as event_loop_lag_p99_ms, max(rss_bytes) as rss_bytes, sum(webhooks_received)::int as webhooks_received,
        max(webhooks_failed) as webhooks_failed, max(webhook_backlog_age_seconds) as webhook_backlog_age_seconds,
        max(job_queue_depth) as job_queue_depth, max(job_oldest_age_seconds) as job_oldest_age_seconds
      from ops.signal_samples
      where resolution_minutes = 1 and minute >= ${from} and minute < ${to}
      group by 1, 2, 3
    ),
    codes as (${summedCounts('errors_by_code', from, to)}),
    blocks as (${summedCounts('rate_limit_blocks', from, to)})
    select s.service, 60, s.hour, s.instance, s.requests, s.errors, s.latency_success, s.latency_success_sum_ms, s.latency_failure, s.latency_failure_sum_ms,
      c.counts, b.counts, s.pool_in_use, s.pool_max, s.pg_connections, s.pg_max_connections, s.event_loop_lag_p99_ms, s.rss_bytes,
      s.webhooks_received, s.webhooks_failed, s.webhook_backlog_age_seconds, s.job_queue_depth, s.job_oldest_age_seconds
    from sums s
    left join codes c using (service, instance, hour)
    left join blocks b using (service, instance, hour)
    order by s.hour, s.service, s.instance`.execute(db);
  return Number(numAffectedRows ?? 0);
}

export interface GeneratedSamples {
  minuteRows: number;
  hourRows: number;
  from: Date;
}

/** Writes the samples a day (or the span, if shorter) at a time; `log` hears about each day. */
export async function generateSignalSamples(db: Db, shape: SignalBenchShape, log: (message: string) => void = () => undefined): Promise<GeneratedSamples> {
  if (shape.end.getTime() % MINUTE_MS !== 0) throw new RangeError('the end must be on a minute boundary');
  const from = new Date(shape.end.getTime() - Math.round(shape.days * 1440) * MINUTE_MS);
  const incidents = benchIncidents(shape);
  let minuteRows = 0;
  let hourRows = 0;
  // Chunks end on hour boundaries, so each hour's row is written once, from all its minutes.
  for (let chunkStart = from.getTime(); chunkStart < shape.end.getTime(); ) {
    const chunkEnd = Math.min(shape.end.getTime(), Math.floor((chunkStart + 24 * HOUR_MS) / HOUR_MS) * HOUR_MS);
    minuteRows += await insertMinuteRows(db, shape, new Date(chunkStart), new Date(chunkEnd), incidents);
    const hoursFrom = Math.floor(chunkStart / HOUR_MS) * HOUR_MS;
    hourRows += await insertHourRows(db, new Date(hoursFrom), new Date(chunkEnd));
    log(`  ${new Date(chunkEnd).toISOString().slice(0, 16)}: ${minuteRows.toLocaleString('en')} minute rows, ${hourRows.toLocaleString('en')} hourly rows`);
    chunkStart = chunkEnd;
  }
  await sql`analyze ops.signal_samples`.execute(db);
  return { minuteRows, hourRows, from };
}
