import Stripe from 'stripe';
import { z } from 'zod';
import type { AppDeps } from '../../../trpc/context.js';
import { defineJobKind, type JobContext, type JobKind } from '../../jobs/jobKind.js';
import { errorText, JobCancelled, JobTimedOut } from '../../jobs/jobOutcome.js';
import { reconcileWithStripe, storeReconciliation, type ListedPage } from './reconciliation.service.js';
import { claimRunForJob, insertListedPage, markRunFailed, recordProgress } from './reconciliationRuns.queries.js';

/**
 * A reconciliation with Stripe as a durable job (docs/metrics.md, "Reconciliation"): the
 * start queues the run's row and this job in one transaction; the job lists Stripe a
 * page at a time, each page kept with its cursor, so after a crash the engine resumes it
 * and it lists on from the last page kept. Stripe failing is reported on the run with
 * Stripe's own message and not retried (a person starts it again, as the page says); a
 * cancel or a timeout fails the run with the reason.
 */
export const REVENUE_RECONCILE_JOB = { name: 'revenue.reconcile', title: 'Revenue reconciliation with Stripe' } as const;
export const ZRevenueReconcileJobParams = z.strictObject({ runId: z.uuid() });
type ReconcileJobParams = z.infer<typeof ZRevenueReconcileJobParams>;

/** One log line per this many pages listed: the log stays short on a large account (the runtime caps it too). */
const LOG_EVERY_PAGES = 20;

export function revenueReconcileJob(deps: AppDeps): JobKind<ReconcileJobParams> {
  return defineJobKind({
    ...REVENUE_RECONCILE_JOB,
    params: ZRevenueReconcileJobParams,
    timeoutMs: 2 * 3_600_000,
    retry: 'none',
    resumable: true,
    run: (job) => reconcile(deps, job),
  });
}

/** What a failed run says: Stripe's own message, never a database's. */
function failureMessage(error: unknown, runId: string): string {
  if (error instanceof Stripe.errors.StripeError) return `Stripe could not be read: ${error.message}`;
  return `The run failed on our side; the server log has the details (run ${runId}).`;
}

async function reconcile(deps: AppDeps, job: JobContext<ReconcileJobParams>): Promise<unknown> {
  const run = await claimRunForJob(deps.db, job.params.runId);
  if (!run) {
    await job.log('This reconciliation has already ended: nothing to do.');
    return null;
  }
  // A cancel or timeout is recorded on the job at once; the run hears of it here. A stopping server is neither: the run resumes.
  job.signal.addEventListener(
    'abort',
    () => {
      const reason: unknown = job.signal.reason;
      if (reason instanceof JobCancelled || reason instanceof JobTimedOut) {
        void markRunFailed(deps.db, run.id, errorText(reason)).catch((error: unknown) => deps.logger.error({ err: error, runId: run.id }, 'recording a stopped reconciliation failed'));
      }
    },
    { once: true },
  );
  await job.log(run.stripeCursor ? `Listing Stripe on after ${run.stripeCursor} (${run.listed} subscriptions listed before the interruption).` : `Reconciling ${run.day} in ${run.currency.toUpperCase()}: listing every subscription from Stripe.`);
  let pages = 0;
  const keepPage = async (page: ListedPage) => {
    await deps.db.transaction().execute((trx) => insertListedPage(trx, run.id, page));
    await job.progress(page.listed, Math.max(run.estimate ?? 0, page.listed));
    if (++pages % LOG_EVERY_PAGES === 0) await job.log(`Listed ${page.listed} subscriptions.`);
  };
  try {
    const reconciliation = await reconcileWithStripe(deps.db, deps.stripe, run, {
      signal: job.signal,
      keepPage,
      report: async (progress) => {
        await recordProgress(deps.db, run.id, progress);
        await job.progress(progress.done, progress.done);
      },
    });
    job.signal.throwIfAborted();
    await deps.db.transaction().execute((trx) => storeReconciliation(trx, run.id, reconciliation));
    const { outcome } = reconciliation;
    await job.log(`Listed ${outcome.subscriptionsListed} subscriptions and compared ${outcome.customersCompared} customers: ${outcome.differencesCount} differ.`);
    return { runId: run.id, day: run.day, ...outcome };
  } catch (error) {
    // Cancelled or timed out: recorded by the listener; the server stopping: resumed by the engine.
    if (job.signal.aborted) throw error;
    deps.logger.error({ err: error, runId: run.id }, 'revenue reconciliation failed');
    const message = failureMessage(error, run.id);
    await markRunFailed(deps.db, run.id, message);
    throw new Error(message);
  }
}
