import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../trpc/context.js';
import { driveExecution } from './actionExecution.js';
import { findRequestsToReconcile } from './actionRequest.queries.js';

/**
 * Finishes staff-action requests whose outcome was never recorded: Stripe gave no answer,
 * the process died mid-call, or writing the outcome failed. Each is driven again with its
 * own idempotency key, so Stripe answers with the first result if the effect happened
 * and performs it now if it did not; either way the request and the audit log end in
 * the true state, and the effect happens once. Stripe keeps idempotency keys for at
 * least 24 hours; this runs every half minute, far inside that.
 */
export const RECONCILE_MIN_IDLE_SECONDS = 30;

export async function reconcileActionRequests(deps: AppDeps, options: { minIdleSeconds?: number; limit?: number } = {}) {
  const minIdleSeconds = options.minIdleSeconds ?? RECONCILE_MIN_IDLE_SECONDS;
  const due = await findRequestsToReconcile(deps.db, { minIdleSeconds, limit: options.limit ?? 50 });
  const request = { requestId: `reconciler-${randomUUID()}`, ip: null, userAgent: 'opsdesk-reconciler', sessionToken: null };
  const outcomes: { requestId: string; status: string; error?: string }[] = [];
  for (const row of due) {
    try {
      const outcome = await driveExecution(deps, request, row, { leased: false, minIdleSeconds });
      outcomes.push({ requestId: row.id, status: outcome.status });
    } catch (error) {
      outcomes.push({ requestId: row.id, status: 'error', error: (error as Error).message });
    }
  }
  return outcomes;
}

/** Every 30 s (and once at start); the timer does not keep the process alive. Moves to the job engine with issue 10. */
export function startActionReconciler(deps: AppDeps, everyMs = RECONCILE_MIN_IDLE_SECONDS * 1000): { stop(): void } {
  const run = () =>
    reconcileActionRequests(deps).then(
      (outcomes) => outcomes.length && deps.logger.info({ outcomes }, 'reconciled staff-action requests'),
      (error: unknown) => deps.logger.error({ err: error }, 'reconciling staff-action requests failed'),
    );
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
