import { ZRevenueComparePoliciesRequestSchema } from '@opsdesk/shared';
import { staffProcedure } from '../../../trpc/procedures.js';
import { comparePolicies } from './revenueComparison.service.js';

/** `revenue.comparePolicies`: spread into the revenue router, so it reads like its other procedures. */
export const revenueComparisonProcedures = {
  comparePolicies: staffProcedure
    .meta({ permission: 'revenue.read' })
    .input(ZRevenueComparePoliciesRequestSchema)
    .query(({ ctx, input }) => comparePolicies(ctx.db, input)),
};
