import { setTimeout as wait } from 'node:timers/promises';
import { sql } from 'kysely';
import { ZSelfCheckParamsSchema } from '@opsdesk/shared';
import { defineJobKind } from '../jobKind.js';

/**
 * The harmless built-in job anyone with jobs.manage may start from the console: it walks
 * `steps` steps, asking the database for its time at each (so a run proves the engine,
 * the database and the log end to end), pausing `stepMs` between them so a run can be
 * watched, cancelled, or killed mid-way in the crash test. Resumable unless asked not to
 * be (`resumable: false` shows what a crash does to a kind that cannot resume).
 */
export const selfCheckJob = defineJobKind({
  name: 'jobs.selfCheck',
  title: 'Self-check',
  params: ZSelfCheckParamsSchema,
  timeoutMs: 15 * 60_000,
  retry: 'none',
  resumable: (params) => params.resumable,
  async run({ params, db, signal, resume, progress, log }) {
    const first = resume?.done ?? 0;
    await progress(first, params.steps);
    for (let step = first + 1; step <= params.steps; step++) {
      if (params.stepMs > 0) await wait(params.stepMs, undefined, { signal });
      const { rows } = await sql<{ now: Date }>`select now() as now`.execute(db);
      await log(`Step ${step} of ${params.steps}: database answered at ${rows[0]!.now.toISOString()}`);
      await progress(step, params.steps);
    }
    return { steps: params.steps, resumedAt: resume ? first : null };
  },
});
