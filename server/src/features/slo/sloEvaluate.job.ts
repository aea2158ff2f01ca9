import { setTimeout as wait } from 'node:timers/promises';
import { z } from 'zod';
import type { JobSchedule } from '../jobs/jobEngine.js';
import { defineJobKind } from '../jobs/jobKind.js';
import { FLUSH_AFTER_MINUTE_MS } from '../signals/signalCollector.js';
import { evaluateAllSlos, type SloEvaluationResult } from './sloEvaluation.js';

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

/**
 * What a pass puts on the job's log: a line when something changed, and a warning naming
 * every SLO skipped for a definition that does not read, once per pass, on one line (until
 * someone saves it again, each pass says so).
 */
export function passLogLines(result: SloEvaluationResult, elapsedMs: number): { line: string; level: 'info' | 'warn' }[] {
  const lines: { line: string; level: 'info' | 'warn' }[] = [];
  if (result.changes > 0 || result.pruned > 0 || result.unreadable > 0 || result.abandoned > 0) {
    const unreadable = result.unreadable > 0 ? ` ${result.unreadable} SLO(s) not readable from Prometheus (see their status).` : '';
    const abandoned = result.abandoned > 0 ? ` ${result.abandoned} alert event(s) marked not sent: their delivery job was cancelled, timed out or is gone.` : '';
    lines.push({ line: `Evaluated ${result.slos} SLO(s) in ${elapsedMs} ms: ${result.changes} alert change(s) recorded, ${result.pruned} old alert event(s) dropped.${unreadable}${abandoned}`, level: 'info' });
  }
  if (result.skipped.length > 0) {
    const skipped = result.skipped.map((slo) => `${slo.slo}: ${slo.problem}`).join(' | ');
    lines.push({ line: `Skipped ${result.skipped.length} SLO(s) whose stored definition does not read; not evaluated, the reason is on their status. ${skipped}`, level: 'warn' });
  }
  return lines;
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
    for (const { line, level } of passLogLines(result, Date.now() - started)) await log(line, level);
    return result;
  },
});

export const sloEvaluationSchedule: JobSchedule = { kind: sloEvaluateJob, match: '* * * * *' };
