import { ZFlagMetricsRequestSchema } from '@opsdesk/shared/flags/flagsApi.schemas';
import { staffProcedure } from '../../trpc/procedures.js';
import { flagMetrics } from './flagMetrics.service.js';

/** `flags.metrics` (docs/flags.md "Metrics"): the hourly evaluation counts products reported for one flag. */
export const flagMetricsQuery = staffProcedure
  .meta({ permission: 'flags.read' })
  .input(ZFlagMetricsRequestSchema)
  .query(({ ctx, input }) => flagMetrics(ctx.db, input));
