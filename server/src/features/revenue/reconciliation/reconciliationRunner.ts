import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import Stripe from 'stripe';
import type { AppDeps } from '../../../trpc/context.js';
import { reconcileWithStripe, storeReconciliation } from './reconciliation.service.js';
import { claimNextQueuedRun, failAbandonedRuns, markRunFailed, recordProgress, type ClaimedRun } from './reconciliationRuns.queries.js';

/**
 * Runs queued reconciliations in this server process, in the background: a start only
 * queues a row and kicks the runner, so no request holds a connection while Stripe is
 * listed. The queue is the table (durable across restarts): any process that is kicked
 * claims the oldest queued run (`skip locked`), at most MAX_CONCURRENT at once. Each run
 * writes its progress and a heartbeat after every page; a run whose process died stops
 * beating and is failed with the reason by the next kick (on every read of the runs),
 * so none is ever left `running`. Moves to the job engine with issue 10.
 */
const MAX_CONCURRENT = 2;
const RUNNER_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

const inFlight = new Map<string, Promise<void>>();
let pumping: Promise<void> | null = null;
let kickedAgain = false;

/** What a failed run says: Stripe's own message, never a database's. */
function failureMessage(error: unknown, runId: string): string {
  if (error instanceof Stripe.errors.StripeError) return `Stripe could not be read: ${error.message}`;
  return `The run failed on our side; the server log has the details (run ${runId}).`;
}

async function execute(deps: AppDeps, run: ClaimedRun): Promise<void> {
  try {
    const reconciliation = await reconcileWithStripe(deps.db, deps.stripe, run, (progress) => recordProgress(deps.db, run.id, progress));
    await deps.db.transaction().execute((trx) => storeReconciliation(trx, run.id, reconciliation));
    deps.logger.info({ runId: run.id, day: run.day, differences: reconciliation.outcome.differencesCount }, 'revenue reconciliation finished');
  } catch (error) {
    deps.logger.error({ err: error, runId: run.id }, 'revenue reconciliation failed');
    await markRunFailed(deps.db, run.id, failureMessage(error, run.id)).catch((markError: unknown) => deps.logger.error({ err: markError, runId: run.id }, 'could not record a failed reconciliation'));
  }
}

async function pump(deps: AppDeps): Promise<void> {
  await failAbandonedRuns(deps.db);
  while (inFlight.size < MAX_CONCURRENT) {
    const run = await claimNextQueuedRun(deps.db, RUNNER_ID);
    if (!run) return;
    const task = execute(deps, run).finally(() => {
      inFlight.delete(run.id);
      kickReconciliationRunner(deps);
    });
    inFlight.set(run.id, task);
  }
}

/**
 * Fails abandoned runs and starts queued ones while there is room. Never throws (errors
 * are logged) and never waits for a run; a kick during a pass asks for one more pass.
 */
export function kickReconciliationRunner(deps: AppDeps): Promise<void> {
  if (pumping) {
    kickedAgain = true;
    return pumping;
  }
  pumping = (async () => {
    do {
      kickedAgain = false;
      await pump(deps).catch((error: unknown) => deps.logger.error({ err: error }, 'revenue reconciliation runner could not start runs'));
    } while (kickedAgain);
  })().finally(() => (pumping = null));
  return pumping;
}

/** Resolves once no run of this process is starting or running (tests; a graceful shutdown). */
export async function reconciliationRunnerIdle(): Promise<void> {
  while (pumping || inFlight.size > 0) await Promise.all([pumping, ...inFlight.values()]);
}
