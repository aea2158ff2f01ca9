import { TRPCError } from '@trpc/server';
import {
  todayUtc,
  ZReconciliationDifferencesRequestSchema,
  ZReconciliationGetRequestSchema,
  ZReconciliationListRequestSchema,
  ZReconciliationStartRequestSchema,
} from '@opsdesk/shared';
import { router, staffProcedure } from '../../../trpc/procedures.js';
import type { AppDeps } from '../../../trpc/context.js';
import { findDifferencesPage } from './reconciliationCompare.queries.js';
import { failRunsWhoseJobEnded, findRecentRuns, findRun } from './reconciliationRuns.queries.js';
import { startReconciliation } from './startReconciliation.js';

/**
 * Reconciliation with Stripe (docs/metrics.md, "Reconciliation"), nested as
 * `revenue.reconciliation`: start queues a run on the job engine and answers at once;
 * get, differences and list read its stored state. Every read first fails the runs whose
 * job ended without an outcome (cancelled before it began, timed out), so none is shown
 * as still running.
 */
const reconciliationRead = staffProcedure.meta({ permission: 'revenue.read' });

async function requireRun(deps: AppDeps, runId: string) {
  await failRunsWhoseJobEnded(deps.db);
  const run = await findRun(deps.db, runId);
  if (!run) throw new TRPCError({ code: 'NOT_FOUND', message: 'No reconciliation with that id.' });
  return run;
}

export const revenueReconciliationRouter = router({
  start: staffProcedure
    .meta({ permission: 'revenue.reconcile', audit: { action: 'revenue.reconciliation_started', targetType: 'revenue_reconciliation', intentFirst: true } })
    .input(ZReconciliationStartRequestSchema)
    .mutation(({ ctx, input }) => startReconciliation(ctx.deps, ctx.audit, ctx.session.staff.id, input.day ?? todayUtc())),
  get: reconciliationRead.input(ZReconciliationGetRequestSchema).query(({ ctx, input }) => requireRun(ctx.deps, input.runId)),
  differences: reconciliationRead.input(ZReconciliationDifferencesRequestSchema).query(async ({ ctx, input }) => {
    await requireRun(ctx.deps, input.runId);
    return findDifferencesPage(ctx.db, input);
  }),
  list: reconciliationRead.input(ZReconciliationListRequestSchema).query(async ({ ctx, input }) => {
    await failRunsWhoseJobEnded(ctx.db);
    return findRecentRuns(ctx.db, input.limit);
  }),
});
