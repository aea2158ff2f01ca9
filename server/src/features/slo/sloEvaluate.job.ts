import { setTimeout as wait } from 'node:timers/promises';
import { z } from 'zod';
import type { JobSchedule } from '../jobs/jobEngine.js';
import { defineJobKind } from '../jobs/jobKind.js';
import { FLUSH_AFTER_MINUTE_MS } from '../signals/signalCollector.js';
import { evaluateAllSlos } from './sloEvaluation.js';

/**
 * Every minute: one evaluation pass over every SLO (sloEvaluation.ts); SLOs of services
 * declared for Prometheus read it through PROMETHEUS_URL (sloPrometheus.ts, from the
 * environment like the webhook settings). Not retried: the
 * next minute's pass is the retry, and it reads the same samples. The pass gets the
 * job's signal: past the timeout it stops asking Prometheus and writes nothing more,
 * rather than commit after the engine has recorded the run as timed out.
 */
/**
 * Each instance writes the minute that just closed a second after the boundary
 * (signals/signalCollector.ts), and the cron starts a pass at the boundary: a pass
 * starting then would read a 5-minute window whose newest minute is not written yet, and
 * pages would fire and resolve a minute late. So a pass starting within the first
 * seconds of a minute waits until this far into it (the flush, and room for a slow
 * insert); one that starts later does not.
 */
export const SAMPLES_LANDED_MS = FLUSH_AFTER_MINUTE_MS + 4_000;

/** How long a pass starting at `nowMs` waits for the minute that just closed to be written. */
export function msUntilSamplesLanded(nowMs: number): number {
  const intoMinute = nowMs % 60_000;
  return intoMinute < SAMPLES_LANDED_MS ? SAMPLES_LANDED_MS - intoMinute : 0;
}

export const sloEvaluateJob = defineJobKind({
  name: 'slo.evaluate',
  title: 'Evaluate the SLOs and their burn-rate alerts',
  params: z.strictObject({}),
  timeoutMs: 50_000,
  retry: 'none',
  resumable: false,
  async run({ db, log, signal }) {
    const waitMs = msUntilSamplesLanded(Date.now());
    if (waitMs > 0) await wait(waitMs, undefined, { signal });
    const started = Date.now();
    const result = await evaluateAllSlos(db, new Date(), { signal });
    if (result.changes > 0 || result.pruned > 0 || result.unreadable > 0) {
      const unreadable = result.unreadable > 0 ? ` ${result.unreadable} SLO(s) not readable from Prometheus (see their status).` : '';
      await log(`Evaluated ${result.slos} SLO(s) in ${Date.now() - started} ms: ${result.changes} alert change(s) recorded, ${result.pruned} old alert event(s) dropped.${unreadable}`);
    }
    return result;
  },
});

export const sloEvaluationSchedule: JobSchedule = { kind: sloEvaluateJob, match: '* * * * *' };
