import type { AppDeps } from '../../../trpc/context.js';
import type { JobKind } from '../../jobs/jobKind.js';
import { revenueReconcileJob } from '../reconciliation/revenueReconcile.job.js';

/**
 * The revenue kinds that need the app's services (the reconciliation lists Stripe);
 * main.ts hands them to the job engine beside the built-in kinds (revenue.rebuild is
 * one of those: it needs only the database).
 */
export function createRevenueJobKinds(deps: AppDeps): JobKind<any>[] {
  return [revenueReconcileJob(deps)];
}
