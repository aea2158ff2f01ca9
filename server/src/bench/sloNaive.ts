import { sql } from 'kysely';
import { BURN_WINDOW_MINUTES, BURN_WINDOWS, SIGNAL_LATENCY_BOUNDS_MS, SIGNAL_RANGES, percentilesFromBuckets, type SignalRange, type TSloDefinition } from '@opsdesk/shared';
import type { Db } from '../db/database.js';

/**
 * The SLO bench's named baseline, "minute rows only": what the Signals page and the SLO
 * evaluation would cost without the hourly rows migration 0016 keeps beside them. Same
 * ranges, steps, sums and windows as the real code (builtinSignalSource, the SLO
 * evaluation), only every read goes to `resolution_minutes` = 1.
 */

const sumBuckets = (column: string) =>
  sql.raw(`array[${Array.from({ length: SIGNAL_LATENCY_BOUNDS_MS.length + 1 }, (_, i) => `coalesce(sum(${column}[${i + 1}]), 0)`).join(', ')}]::float8[]`);

/** The Signals page's query for one service and range (steps, totals, codes), from minute rows. */
export async function naiveSignalQuery(db: Db, service: string, range: SignalRange, now: Date): Promise<{ steps: number; requests: number }> {
  const { seconds, stepSeconds } = SIGNAL_RANGES[range];
  const stepMs = stepSeconds * 1000;
  const to = new Date(Math.floor(now.getTime() / stepMs) * stepMs + stepMs);
  const from = new Date(to.getTime() - seconds * 1000);
  const [steps, codes] = await Promise.all([
    sql<{ at: Date; requests: number; latencySuccess: number[] }>`
      select to_timestamp(floor(extract(epoch from minute) / ${stepSeconds}::int) * ${stepSeconds}::int) as at,
             sum(requests)::float8 as requests, sum(errors)::float8 as errors,
             ${sumBuckets('latency_success')} as latency_success, ${sumBuckets('latency_failure')} as latency_failure,
             (sum(pool_in_use) / nullif(sum(pool_max), 0))::float8 as pool_in_use_ratio,
             max(pg_connections / nullif(pg_max_connections, 0))::float8 as postgres_connections_ratio,
             max(event_loop_lag_p99_ms)::float8 as event_loop_lag_p99_ms,
             (sum(rss_bytes) / nullif(count(distinct minute) filter (where rss_bytes is not null), 0))::float8 as rss_bytes
      from ops.signal_samples
      where service = ${service} and resolution_minutes = 1 and minute >= ${from} and minute < ${to}
      group by 1 order by 1`.execute(db),
    sql`
      select e.key as code, sum(e.value::bigint)::float8 as count
      from ops.signal_samples, jsonb_each_text(errors_by_code) e
      where service = ${service} and resolution_minutes = 1 and minute >= ${from} and minute < ${to} and errors_by_code is not null
      group by e.key order by count desc, code limit 20`.execute(db),
  ]);
  // The same per-step percentile work as the real source, so only the reads differ.
  for (const step of steps.rows) percentilesFromBuckets(step.latencySuccess, SIGNAL_LATENCY_BOUNDS_MS);
  void codes;
  return { steps: steps.rows.length, requests: steps.rows.reduce((sum, step) => sum + step.requests, 0) };
}

export interface NaiveWindowCounts {
  good: number;
  valid: number;
}

/**
 * Good and valid events of one SLO over its whole window and every burn-rate window,
 * summed from minute rows, with the SLI of features/slo/sloSli.ts: availability's good
 * events are the non-5xx ones, latency's the successful ones within the threshold.
 */
export async function naiveSloCounts(db: Db, slo: TSloDefinition, now: Date): Promise<Record<string, NaiveWindowCounts>> {
  const windows: [string, number][] = [['slo', slo.windowDays * 1440], ...BURN_WINDOWS.map((w): [string, number] => [w, BURN_WINDOW_MINUTES[w]])];
  const good = slo.sli.kind === 'availability' ? 'requests - errors' : withinThreshold(slo.sli.thresholdMs);
  // `now` comes from the bench, never from input; aliases g0/v0… survive the CamelCasePlugin unchanged.
  const since = (minutes: number) => `minute >= '${now.toISOString()}'::timestamptz - interval '${minutes} minutes'`;
  const columns = windows.map(
    ([, minutes], i) => `coalesce(sum(${good}) filter (where ${since(minutes)}), 0)::float8 as g${i}, coalesce(sum(requests) filter (where ${since(minutes)}), 0)::float8 as v${i}`,
  );
  const { rows } = await sql<Record<string, number>>`
    select ${sql.raw(columns.join(',\n'))}
    from ops.signal_samples
    where service = ${slo.service} and resolution_minutes = 1 and minute >= ${new Date(now.getTime() - slo.windowDays * 86_400_000)} and minute < ${now}`.execute(db);
  const row = rows[0]!;
  return Object.fromEntries(windows.map(([name], i) => [name, { good: row[`g${i}`]!, valid: row[`v${i}`]! }]));
}

/** Successful requests in the buckets up to the threshold (which must be a bucket bound). */
function withinThreshold(thresholdMs: number): string {
  const buckets = SIGNAL_LATENCY_BOUNDS_MS.findIndex((bound) => bound === thresholdMs) + 1;
  if (buckets === 0) throw new Error(`latency threshold ${thresholdMs} ms is not a bucket bound`);
  return Array.from({ length: buckets }, (_, i) => `coalesce(latency_success[${i + 1}], 0)`).join(' + ');
}
