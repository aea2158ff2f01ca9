import { TRPCError } from '@trpc/server';
import {
  ZRevenueDrillDownRequestSchema,
  ZRevenueExplainRequestSchema,
  ZRevenueOverviewRequestSchema,
  ZRevenueRangeRequestSchema,
  ZRevenueSeriesRequestSchema,
} from '@opsdesk/shared';
import { router, staffProcedure } from '../../trpc/procedures.js';
import { findRevenueOverview, findRevenueSeries } from './revenue.service.js';
import { findCohorts } from './revenueCohorts.queries.js';
import { findDrillDownPage } from './revenueDrillDown.queries.js';
import { explainMovement } from './revenueExplain.service.js';
import { findPlanMix, findTrialConversion } from './revenueMix.queries.js';
import { findPaymentRecovery } from './revenueRecovery.queries.js';
import { revenueComparisonProcedures } from './comparison/revenueComparison.router.js';
import { revenueReconciliationRouter } from './reconciliation/revenueReconciliation.router.js';

/** Finance's revenue pages: every procedure reads precomputed rows (docs/metrics.md), finance and admin only. */
const revenueQuery = staffProcedure.meta({ permission: 'revenue.read' });

export const revenueRouter = router({
  reconciliation: revenueReconciliationRouter,
  overview: revenueQuery.input(ZRevenueOverviewRequestSchema).query(({ ctx, input }) => findRevenueOverview(ctx.db, input)),
  series: revenueQuery.input(ZRevenueSeriesRequestSchema).query(({ ctx, input }) => findRevenueSeries(ctx.db, input)),
  cohorts: revenueQuery.input(ZRevenueRangeRequestSchema).query(({ ctx, input }) => findCohorts(ctx.db, input)),
  planMix: revenueQuery.input(ZRevenueRangeRequestSchema).query(({ ctx, input }) => findPlanMix(ctx.db, input)),
  trialConversion: revenueQuery.input(ZRevenueRangeRequestSchema).query(({ ctx, input }) => findTrialConversion(ctx.db, input)),
  paymentRecovery: revenueQuery.input(ZRevenueRangeRequestSchema).query(({ ctx, input }) => findPaymentRecovery(ctx.db, input)),
  ...revenueComparisonProcedures,
  drillDown: revenueQuery.input(ZRevenueDrillDownRequestSchema).query(({ ctx, input }) => findDrillDownPage(ctx.db, input)),
  explain: revenueQuery.input(ZRevenueExplainRequestSchema).query(async ({ ctx, input }) => {
    const explanation = await explainMovement(ctx.db, input.movementId);
    if (!explanation) throw new TRPCError({ code: 'NOT_FOUND', message: 'No movement with that id.' });
    return explanation;
  }),
});
