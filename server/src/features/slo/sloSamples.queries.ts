import { sql } from 'kysely';
import { SIGNAL_LATENCY_BOUNDS_MS } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';

/**
 * What an SLI needs from ops.signal_samples (migration 0016), summed over a stretch of
 * time: requests, 5xx errors, and the successful requests per latency bucket (finite
 * bounds only: the overflow bucket is never fast enough). Availability and latency SLIs
 * of one service both derive from these sums (sloSli.ts).
 */
export interface SampleSums {
  requests: number;
  errors: number;
  /** Successful requests per bucket of SIGNAL_LATENCY_BOUNDS_MS (not cumulative). */
  successBuckets: number[];
}

/** A stretch read at one resolution: minute rows, or hourly rows for whole hours. */
export interface SampleSegment {
  /** Which sum the segment adds to (a window name). */
  key: string;
  resolutionMinutes: 1 | 60;
  from: Date;
  to: Date;
}

const HOUR_MS = 3_600_000;

/**
 * [from, to) as minute rows at the edges and hourly rows for the whole hours between:
 * a 30-day window reads ≈ 720 hourly rows and at most 118 minute rows per instance,
 * not 43 200 minute rows.
 */
export function segmentsOf(key: string, from: Date, to: Date): SampleSegment[] {
  const firstHour = Math.ceil(from.getTime() / HOUR_MS) * HOUR_MS;
  const lastHour = Math.floor(to.getTime() / HOUR_MS) * HOUR_MS;
  if (firstHour >= lastHour) return [{ key, resolutionMinutes: 1, from, to }];
  const segments: SampleSegment[] = [{ key, resolutionMinutes: 60, from: new Date(firstHour), to: new Date(lastHour) }];
  if (from.getTime() < firstHour) segments.push({ key, resolutionMinutes: 1, from, to: new Date(firstHour) });
  if (lastHour < to.getTime()) segments.push({ key, resolutionMinutes: 1, from: new Date(lastHour), to });
  return segments;
}

// float8: sums over a month of many instances may pass int4, and int8 would arrive as a string.
const SUM_COLUMNS = sql.raw(
  [
    'coalesce(sum(s.requests), 0)::float8 as requests',
    'coalesce(sum(s.errors), 0)::float8 as errors',
    ...SIGNAL_LATENCY_BOUNDS_MS.map((_bound, i) => `coalesce(sum(s.latency_success[${i + 1}]), 0)::float8 as b${i}`),
  ].join(', '),
);

type SumRow = { requests: number; errors: number } & Record<`b${number}`, number>;
const toSums = (row: SumRow): SampleSums => ({ requests: row.requests, errors: row.errors, successBuckets: SIGNAL_LATENCY_BOUNDS_MS.map((_b, i) => row[`b${i}`] ?? 0) });

/**
 * Sums per service and segment key, in one statement for every service and window of a
 * pass. LATERAL makes each segment its own index range scan (resolution, minute); a plain
 * join let the planner hash-join the whole table (1.5 s at 30 days × 20 services,
 * against ≈ 40 ms this way).
 */
export async function sumSamplesBySegment(db: DbOrTrx, services: readonly string[], segments: readonly SampleSegment[]): Promise<Map<string, Map<string, SampleSums>>> {
  const byService = new Map<string, Map<string, SampleSums>>();
  if (services.length === 0 || segments.length === 0) return byService;
  const values = sql.join(segments.map((s) => sql`(${s.key}::text, ${s.resolutionMinutes}::smallint, ${s.from}::timestamptz, ${s.to}::timestamptz)`));
  const { rows } = await sql<SumRow & { service: string; key: string }>`
    select s.service, seg.key, ${SUM_COLUMNS}
    from (values ${values}) as seg(key, resolution, from_t, to_t)
    cross join lateral (
      select x.service, x.requests, x.errors, x.latency_success from ops.signal_samples x
      where x.resolution_minutes = seg.resolution and x.minute >= seg.from_t and x.minute < seg.to_t and x.service = any(${[...services]}::text[])
      offset 0
    ) s
    group by s.service, seg.key`.execute(db);
  for (const row of rows) {
    let keys = byService.get(row.service);
    if (!keys) byService.set(row.service, (keys = new Map()));
    keys.set(row.key, toSums(row));
  }
  return byService;
}

/** One service's hourly sums over [from, to), oldest first; hours without rows are absent. */
export async function findHourlySums(db: DbOrTrx, service: string, from: Date, to: Date): Promise<{ hour: Date; sums: SampleSums }[]> {
  const { rows } = await sql<SumRow & { hour: Date }>`
    select s.minute as hour, ${SUM_COLUMNS}
    from ops.signal_samples s
    where s.service = ${service} and s.resolution_minutes = 60 and s.minute >= ${from} and s.minute < ${to}
    group by s.minute
    order by s.minute`.execute(db);
  return rows.map((row) => ({ hour: row.hour, sums: toSums(row) }));
}
