import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/**
 * What the SLO bench's samples cost on disk (ops.signal_samples: heap, TOAST and
 * indexes), per day of samples and per service, and what retention (35 days of minute
 * rows, 400 of hourly ones, features/signals/signalRetention.queries.ts) would settle at.
 */
export interface SignalStorage {
  tableBytes: number;
  indexBytes: number;
  totalBytes: number;
  minuteRows: number;
  hourRows: number;
  days: number;
  services: number;
  /** Services × instances: one minute row each per minute. */
  series: number;
}

export async function measureSignalStorage(db: Db, shape: { services: number; days: number; series: number }): Promise<SignalStorage> {
  await sql`vacuum analyze ops.signal_samples`.execute(db);
  const { rows } = await sql<{ tableBytes: number; indexBytes: number; totalBytes: number; minuteRows: number; hourRows: number }>`
    select pg_table_size('ops.signal_samples')::float8 as table_bytes, pg_indexes_size('ops.signal_samples')::float8 as index_bytes,
           pg_total_relation_size('ops.signal_samples')::float8 as total_bytes,
           count(*) filter (where resolution_minutes = 1)::float8 as minute_rows, count(*) filter (where resolution_minutes = 60)::float8 as hour_rows
    from ops.signal_samples`.execute(db);
  return { ...rows[0]!, ...shape };
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const kib = (bytes: number) => `${(bytes / 2 ** 10).toFixed(0)} KiB`;

export function printSignalStorage(s: SignalStorage, log: (message: string) => void): void {
  const perDay = s.totalBytes / s.days;
  const perRow = s.totalBytes / (s.minuteRows + s.hourRows);
  // At retention's steady state: 35 days of minute rows and 400 of hourly ones per series, at this run's bytes per row.
  const steady = perRow * s.series * (35 * 1440 + 400 * 24);
  log(`Storage (ops.signal_samples after vacuum): ${mib(s.totalBytes)} = table ${mib(s.tableBytes)} + indexes ${mib(s.indexBytes)}; ${s.minuteRows.toLocaleString('en')} minute rows + ${s.hourRows.toLocaleString('en')} hourly rows (${s.series} series); ${perRow.toFixed(0)} bytes per row.`);
  log(`Per day of samples: ${mib(perDay)} for ${s.services} services, ${kib(perDay / s.services)} per service. At retention's steady state (35 days of minutes, 400 of hours): ≈ ${mib(steady)}.`);
}
