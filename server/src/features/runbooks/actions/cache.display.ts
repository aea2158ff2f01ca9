import type { RunbookPlan } from '../runbookAction.js';

/** The docs/runbook.md entry both cache actions link to. */
export const CACHE_ENTRY = 'cache-flush';

/** Without REDIS_URL there is nothing to list or flush: said plainly, with nothing to run. */
export function noRedisPlan(): RunbookPlan {
  return {
    summary: 'No Redis: REDIS_URL is not set, so Opsdesk keeps its rate-limit and sign-in counts in each instance’s memory. There is no cache to flush (restarting an instance clears its counts).',
    steps: [],
    empty: true,
    state: { redis: false },
  };
}
