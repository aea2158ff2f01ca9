import { z } from 'zod';
import type { JobSchedule } from '../jobs/jobEngine.js';
import { defineJobKind } from '../jobs/jobKind.js';
import { findSignalTableSize } from './signalSamples.queries.js';
import { SIGNAL_RETENTION, applySignalRetention } from './signalRetention.queries.js';

/** Drops signal samples past their retention (signalRetention.queries.ts); running it twice is harmless. */
export const pruneSignalsJob = defineJobKind({
  name: 'signals.prune',
  title: 'Remove old signal samples',
  params: z.strictObject({}),
  timeoutMs: 10 * 60_000,
  retry: { limit: 3, backoff: { initialMs: 60_000, maxMs: 600_000 } },
  resumable: true,
  async run({ db, log }) {
    const result = await applySignalRetention(db, new Date());
    const size = await findSignalTableSize(db);
    await log(
      `Dropped ${result.minuteRowsDropped} minute rows older than ${SIGNAL_RETENTION.minuteDays} days and ${result.hourRowsDropped} hourly rows older than ${SIGNAL_RETENTION.hourDays} days. The table holds ${size.rows} rows in ${Math.round(size.totalBytes / 1024)} KiB.`,
    );
    return { ...result, rows: size.rows, totalBytes: size.totalBytes };
  },
});

/** Hourly: each run has about an hour of rows to drop. */
export const signalPruningSchedule: JobSchedule = { kind: pruneSignalsJob, match: '23 * * * *' };
