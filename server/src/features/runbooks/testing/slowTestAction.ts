import { setTimeout as wait } from 'node:timers/promises';
import { z } from 'zod';
import { defineRunbookAction } from '../runbookAction.js';

/**
 * A test-only action (never in RUNBOOK_ACTIONS) for the crash test: it walks `steps`
 * steps `stepMs` apart, logging each, so a server can be killed mid-run. Its plan's
 * state is constant, so a plan never goes stale. The line "Executing" is written once
 * per execution: counting it proves a run was never executed twice.
 */
export const slowTestAction = defineRunbookAction({
  name: 'testing.slowWalk',
  title: 'Walk slowly (test)',
  summary: 'A test action that takes its time.',
  runbookEntry: 'how-runbook-actions-work',
  permission: 'runbooks.run',
  risk: 'low',
  params: z.strictObject({ steps: z.number().int().min(1).max(1000), stepMs: z.number().int().min(0).max(10_000) }),
  target: () => 'testing:slow-walk',
  timeoutMs: 120_000,
  async plan(_ctx, params) {
    return { summary: `Walk ${params.steps} steps.`, steps: [`Walk ${params.steps} steps, ${params.stepMs} ms apart`], state: { walk: 'ready' } };
  },
  async execute(ctx, params) {
    await ctx.log('Executing');
    for (let step = 1; step <= params.steps; step++) {
      await wait(params.stepMs, undefined, { signal: ctx.signal });
      await ctx.log(`Step ${step} of ${params.steps}`);
      await ctx.progress(step, params.steps);
    }
    return { summary: `Walked ${params.steps} steps.` };
  },
});
