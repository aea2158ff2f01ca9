import { sql, type RawBuilder } from 'kysely';
import { SIGNAL_LATENCY_BOUNDS_MS } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { distinctIndexedValues } from '../../db/distinctIndexedValues.js';

/** One row of ops.signal_samples (migration 0016): one service, instance and minute. */
export interface SignalSampleRow {
  service: string;
  minute: Date;
  instance: string;
  requests: number;
  errors: number;
  latencySuccess: number[] | null;
  latencySuccessSumMs: number;
  latencyFailure: number[] | null;
  latencyFailureSumMs: number;
  errorsByCode: Record<string, number> | null;
  rateLimitBlocks: Record<string, number> | null;
  poolInUse: number | null;
  poolMax: number | null;
  pgConnections: number | null;
  pgMaxConnections: number | null;
  eventLoopLagP99Ms: number | null;
  rssBytes: number | null;
  webhooksReceived: number | null;
  webhooksFailed: number | null;
  webhookBacklogAgeSeconds: number | null;
  jobQueueDepth: number | null;
  jobOldestAgeSeconds: number | null;
}

const jsonOrNull = (value: Record<string, number> | null) => (value && Object.keys(value).length > 0 ? JSON.stringify(value) : null);

const GAUGES = ['pool_in_use', 'pool_max', 'pg_connections', 'pg_max_connections', 'event_loop_lag_p99_ms', 'rss_bytes', 'webhooks_failed', 'webhook_backlog_age_seconds', 'job_queue_depth', 'job_oldest_age_seconds'] as const;
const GAUGE_FIELDS = ['poolInUse', 'poolMax', 'pgConnections', 'pgMaxConnections', 'eventLoopLagP99Ms', 'rssBytes', 'webhooksFailed', 'webhookBacklogAgeSeconds', 'jobQueueDepth', 'jobOldestAgeSeconds'] as const;

/** Adds two count objects key by key. */
const mergeCounts = (column: string) => `(select jsonb_object_agg(key, total) from (
    select key, sum(value::bigint) as total from (select * from jsonb_each_text(coalesce(s.${column}, '{}')) union all select * from jsonb_each_text(coalesce(excluded.${column}, '{}'))) both_sides group by key) summed)`;
const addArrays = (column: string) => `case when s.${column} is null then excluded.${column} when excluded.${column} is null then s.${column}
    else array(select a + b from unnest(s.${column}, excluded.${column}) as pair(a, b)) end`;

/** Counters add up; a gauge takes the newer value in a minute row, the highest in an hourly one. */
function onConflict(resolution: 1 | 60) {
  const gauge = (g: string) => (resolution === 1 ? `${g} = coalesce(excluded.${g}, s.${g})` : `${g} = greatest(excluded.${g}, s.${g})`);
  return sql.raw(`on conflict (service, resolution_minutes, minute, instance) do update set
      requests = s.requests + excluded.requests,
      errors = s.errors + excluded.errors,
      latency_success = ${addArrays('latency_success')},
      latency_success_sum_ms = s.latency_success_sum_ms + excluded.latency_success_sum_ms,
      latency_failure = ${addArrays('latency_failure')},
      latency_failure_sum_ms = s.latency_failure_sum_ms + excluded.latency_failure_sum_ms,
      errors_by_code = ${mergeCounts('errors_by_code')},
      rate_limit_blocks = ${mergeCounts('rate_limit_blocks')},
      webhooks_received = coalesce(s.webhooks_received, 0) + coalesce(excluded.webhooks_received, 0),
      ${GAUGES.map(gauge).join(', ')}`);
}

const COLUMNS = sql.raw(`(service, resolution_minutes, minute, instance, requests, errors, latency_success, latency_success_sum_ms, latency_failure, latency_failure_sum_ms,
      errors_by_code, rate_limit_blocks, pool_in_use, pool_max, pg_connections, pg_max_connections, event_loop_lag_p99_ms, rss_bytes,
      webhooks_received, webhooks_failed, webhook_backlog_age_seconds, job_queue_depth, job_oldest_age_seconds)`);

const valuesOf = (r: SignalSampleRow, resolution: 1 | 60) =>
  sql`(${r.service}, ${resolution}, ${r.minute}, ${r.instance}, ${r.requests}, ${r.errors}, ${r.latencySuccess}::integer[], ${r.latencySuccessSumMs}, ${r.latencyFailure}::integer[], ${r.latencyFailureSumMs},
      ${jsonOrNull(r.errorsByCode)}::jsonb, ${jsonOrNull(r.rateLimitBlocks)}::jsonb, ${r.poolInUse}::real, ${r.poolMax}::real, ${r.pgConnections}::real, ${r.pgMaxConnections}::real,
      ${r.eventLoopLagP99Ms}::real, ${r.rssBytes}::float8, ${r.webhooksReceived}::int, ${r.webhooksFailed}::int, ${r.webhookBacklogAgeSeconds}::real, ${r.jobQueueDepth}::int, ${r.jobOldestAgeSeconds}::real)`;

const addBuckets = (a: number[] | null, b: number[] | null) => (a && b ? a.map((n, i) => n + (b[i] ?? 0)) : (a ?? b)?.slice() ?? null);
const addCounts = (a: Record<string, number> | null, b: Record<string, number> | null) => {
  const sum: Record<string, number> = { ...a };
  for (const [key, n] of Object.entries(b ?? {})) sum[key] = (sum[key] ?? 0) + n;
  return sum;
};
const higher = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/** The rows' hours, one row per service, instance and hour (usually one). */
export function hourRowsOf(rows: readonly SignalSampleRow[]): SignalSampleRow[] {
  const hours = new Map<string, SignalSampleRow>();
  for (const row of rows) {
    const hour = new Date(Math.floor(row.minute.getTime() / 3_600_000) * 3_600_000);
    const key = `${row.service} ${row.instance} ${hour.getTime()}`;
    const seen = hours.get(key);
    if (!seen) {
      hours.set(key, { ...row, minute: hour, latencySuccess: addBuckets(row.latencySuccess, null), latencyFailure: addBuckets(row.latencyFailure, null) });
      continue;
    }
    seen.requests += row.requests;
    seen.errors += row.errors;
    seen.latencySuccess = addBuckets(seen.latencySuccess, row.latencySuccess);
    seen.latencySuccessSumMs += row.latencySuccessSumMs;
    seen.latencyFailure = addBuckets(seen.latencyFailure, row.latencyFailure);
    seen.latencyFailureSumMs += row.latencyFailureSumMs;
    seen.errorsByCode = addCounts(seen.errorsByCode, row.errorsByCode);
    seen.rateLimitBlocks = addCounts(seen.rateLimitBlocks, row.rateLimitBlocks);
    seen.webhooksReceived = (seen.webhooksReceived ?? 0) + (row.webhooksReceived ?? 0);
    for (const field of GAUGE_FIELDS) seen[field] = higher(seen[field], row[field]);
  }
  return [...hours.values()];
}

/**
 * One statement per flush: the minute rows and their hours' rows together. A minute
 * already written by this instance (a flush on shutdown, then a restart within the same
 * minute) is added to, never duplicated.
 */
export async function insertSignalSamples(db: DbOrTrx, rows: readonly SignalSampleRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    with minute_rows as (
      insert into ops.signal_samples as s ${COLUMNS} values ${sql.join(rows.map((r) => valuesOf(r, 1)))} ${onConflict(1)}
      returning 1
    )
    insert into ops.signal_samples as s ${COLUMNS} values ${sql.join(hourRowsOf(rows).map((r) => valuesOf(r, 60)))} ${onConflict(60)}`.execute(db);
}

/** `array[sum(col[1]), …]`: bucket arrays summed with plain aggregates (their length is fixed in code). */
function sumBuckets(column: 'latency_success' | 'latency_failure'): RawBuilder<number[]> {
  const sums = Array.from({ length: SIGNAL_LATENCY_BOUNDS_MS.length + 1 }, (_, i) => `coalesce(sum(${column}[${i + 1}]), 0)`);
  return sql.raw(`array[${sums.join(', ')}]::float8[]`);
}

/** Steps of an hour or more read the hourly rows: a month is 720 rows per instance, not 43 200. */
export const resolutionFor = (stepSeconds: number): 1 | 60 => (stepSeconds >= 3600 && stepSeconds % 3600 === 0 ? 60 : 1);

export interface SignalStep {
  at: Date;
  requests: number;
  errors: number;
  latencySuccess: number[];
  latencyFailure: number[];
  poolInUseRatio: number | null;
  postgresConnectionsRatio: number | null;
  eventLoopLagP99Ms: number | null;
  rssBytes: number | null;
}

/**
 * A service's samples in [from, to), summed per step across instances. Counters and
 * buckets add up; the pool is the fleet's in-use over its size; memory the fleet's
 * average per minute; shared gauges (PostgreSQL) and lag are the worst seen.
 */
export async function findSignalSteps(db: DbOrTrx, service: string, from: Date, to: Date, stepSeconds: number): Promise<SignalStep[]> {
  const resolution = resolutionFor(stepSeconds);
  const { rows } = await sql<SignalStep>`
    select to_timestamp(floor(extract(epoch from minute) / ${stepSeconds}::int) * ${stepSeconds}::int) as at,
           sum(requests)::float8 as requests,
           sum(errors)::float8 as errors,
           ${sumBuckets('latency_success')} as latency_success,
           ${sumBuckets('latency_failure')} as latency_failure,
           (sum(pool_in_use) / nullif(sum(pool_max), 0))::float8 as pool_in_use_ratio,
           max(pg_connections / nullif(pg_max_connections, 0))::float8 as postgres_connections_ratio,
           max(event_loop_lag_p99_ms)::float8 as event_loop_lag_p99_ms,
           (sum(rss_bytes) / nullif(count(distinct minute) filter (where rss_bytes is not null), 0))::float8 as rss_bytes
    from ops.signal_samples
    where service = ${service} and resolution_minutes = ${resolution} and minute >= ${from} and minute < ${to}
    group by 1 order by 1`.execute(db);
  return rows;
}

/** Failed calls by code over [from, to), most frequent first. */
export async function findErrorsByCode(db: DbOrTrx, service: string, from: Date, to: Date, stepSeconds: number): Promise<{ code: string; count: number }[]> {
  const { rows } = await sql<{ code: string; count: number }>`
    select e.key as code, sum(e.value::bigint)::float8 as count
    from ops.signal_samples, jsonb_each_text(errors_by_code) e
    where service = ${service} and resolution_minutes = ${resolutionFor(stepSeconds)} and minute >= ${from} and minute < ${to} and errors_by_code is not null
    group by e.key order by count desc, code limit 20`.execute(db);
  return rows;
}

/** Services with samples, by a loose index scan on the primary key (one probe per service). */
export function findSignalServices(db: DbOrTrx): Promise<string[]> {
  return distinctIndexedValues(db, 'ops.signal_samples', 'service', 1000);
}

export interface SignalTableSize {
  totalBytes: number;
  rows: number;
  /** True when `rows` is PostgreSQL's estimate (a large table: counting it scanned a second of index at 30 days × 20 services). */
  rowsEstimated: boolean;
  oldestSample: Date | null;
}

/** Below this many rows (by the planner's estimate) the count is exact; above, the estimate is shown as one. */
const EXACT_COUNT_BELOW_ROWS = 100_000;

/**
 * What the samples cost: table and index bytes, rows, and how far back they go. Cheap at
 * any size: the oldest sample is one index lookup per resolution (signal_samples_age_idx),
 * and a large table's row count is the planner's estimate (`pg_class.reltuples`, kept by
 * autovacuum's analyze) rather than a scan — bench:slo measured `count(*)` and `min(minute)`
 * over the whole table at 0.6–0.75 s with 30 days × 20 services.
 */
export async function findSignalTableSize(db: DbOrTrx, exactCountBelowRows = EXACT_COUNT_BELOW_ROWS): Promise<SignalTableSize> {
  const { rows } = await sql<{ totalBytes: number; estimate: number; oldestSample: Date | null }>`
    select pg_total_relation_size('ops.signal_samples')::float8 as total_bytes,
           (select reltuples from pg_class where oid = 'ops.signal_samples'::regclass)::float8 as estimate,
           least((select min(minute) from ops.signal_samples where resolution_minutes = 1),
                 (select min(minute) from ops.signal_samples where resolution_minutes = 60)) as oldest_sample`.execute(db);
  const { totalBytes, estimate, oldestSample } = rows[0]!;
  // reltuples is -1 until the first analyze: count then, as for any small table.
  if (estimate >= exactCountBelowRows) return { totalBytes, rows: Math.round(estimate), rowsEstimated: true, oldestSample };
  const counted = await sql<{ rows: number }>`select count(*)::float8 as rows from ops.signal_samples`.execute(db);
  return { totalBytes, rows: counted.rows[0]!.rows, rowsEstimated: false, oldestSample };
}
