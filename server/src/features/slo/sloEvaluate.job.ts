import { z } from 'zod';
import type { JobSchedule } from '../jobs/jobEngine.js';
import { defineJobKind } from '../jobs/jobKind.js';
import { evaluateAllSlos } from './sloEvaluation.js';

/**
 * Every minute: one evaluation pass over every SLO (sloEvaluation.ts); SLOs of services
 * declared for Prometheus read it through PROMETHEUS_URL (sloPrometheus.ts, from the
 * environment like the webhook settings). Not retried: the
 * next minute's pass is the retry, and it reads the same samples. The pass gets the
 * job's signal: past the timeout it stops asking Prometheus and writes nothing more,
 * rather than commit after the engine has recorded the run as timed out.
 */
export const sloEvaluateJob = defineJobKind({
  name: 'slo.evaluate',
  title: 'Evaluate the SLOs and their burn-rate alerts',
  params: z.strictObject({}),
  timeoutMs: 50_000,
  retry: 'none',
  resumable: false,
  async run({ db, log, signal }) {
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
