import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';

/**
 * Keeps ops.signal_samples bounded: one-minute rows for 35 days (the longest SLO window
 * is 30), the hourly rows (written beside them at every flush, so the downsampling is
 * already done) for 400 days, then nothing. Deleted in batches so a first run over a
 * large backlog never holds one huge transaction.
 */
export const SIGNAL_RETENTION = { minuteDays: 35, hourDays: 400 } as const;
const BATCH = 10_000;

export interface SignalRetentionResult {
  minuteRowsDropped: number;
  hourRowsDropped: number;
}

export async function applySignalRetention(db: DbOrTrx, now: Date, retention = SIGNAL_RETENTION): Promise<SignalRetentionResult> {
  return {
    minuteRowsDropped: await deleteOlderThan(db, 1, new Date(now.getTime() - retention.minuteDays * 86_400_000)),
    hourRowsDropped: await deleteOlderThan(db, 60, new Date(now.getTime() - retention.hourDays * 86_400_000)),
  };
}

async function deleteOlderThan(db: DbOrTrx, resolution: 1 | 60, cutoff: Date): Promise<number> {
  let deleted = 0;
  for (;;) {
    const { numAffectedRows } = await sql`
      delete from ops.signal_samples where ctid = any(array(
        select ctid from ops.signal_samples where resolution_minutes = ${resolution} and minute < ${cutoff} limit ${BATCH}))`.execute(db);
    deleted += Number(numAffectedRows ?? 0);
    if (Number(numAffectedRows ?? 0) < BATCH) return deleted;
  }
}
