import { ZHealthCheckParams } from '@opsdesk/shared';
import { defineRunbookAction, type RunbookReport } from '../runbookAction.js';
import type { AppDeps } from '../../../trpc/context.js';
import { ENTRIES, runHealthChecks } from './health.checks.js';

async function checkHealth(deps: AppDeps): Promise<RunbookReport> {
  const facts = await runHealthChecks(deps);
  const failing = facts.filter((f) => f.status === 'fail').map((f) => f.label);
  const warning = facts.filter((f) => f.status === 'warn').map((f) => f.label);
  const summary =
    failing.length + warning.length === 0
      ? `All ${facts.length} checks ok`
      : [failing.length ? `failing: ${failing.join(', ')}` : '', warning.length ? `warning: ${warning.join(', ')}` : ''].filter(Boolean).join('; ');
  return { summary, facts };
}

/** Read-only: every check Opsdesk has, with a verdict each and the runbook entry to open next. */
export const healthCheckAction = defineRunbookAction({
  name: 'health.check',
  title: 'Run the health check',
  summary: 'Database, Redis, Stripe API, webhook backlog, job queue and connection pools, each ok / warn / fail with the entry to open next. The first thing to run when the site is slow or down.',
  runbookEntry: ENTRIES.down,
  permission: 'runbooks.read',
  risk: 'low',
  readOnly: true,
  params: ZHealthCheckParams,
  target: () => 'opsdesk:health',
  timeoutMs: 30_000,
  async plan(ctx) {
    return { ...(await checkHealth(ctx.deps)), steps: [], state: null };
  },
  async execute(ctx) {
    return checkHealth(ctx.deps);
  },
});
