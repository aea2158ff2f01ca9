import { z } from 'zod';
import { ZRevenuePolicy } from '@opsdesk/shared';
import { defineJobKind } from '../../jobs/jobKind.js';
import { rebuildRevenue } from '../revenueRebuild.js';
import { findRevenueSettings } from '../revenueRows.queries.js';
import { countCustomersToRebuild } from './revenueRebuildJob.queries.js';

export const ZRevenueRebuildParamsSchema = z.object({ policy: ZRevenuePolicy.optional(), batchSize: z.number().int().min(1).max(10_000).default(2000) }).strict();

/**
 * `npm run revenue:rebuild` as a durable job (a backfill's follow-up, run from the job
 * engine so it shows on the Jobs page with its progress and survives a restart). It
 * rebuilds with the settings in force (revenue.settings): changing the reporting
 * currency or the past_due days stays the CLI's, which reads them from the environment.
 * Resumable: the rebuild records the last customer done in each batch's transaction and
 * picks up after it (revenueRebuild.ts); running it twice gives the same rows, so a
 * failed attempt may be retried. A cancel stops it between batches.
 */
export const revenueRebuildJob = defineJobKind({
  name: 'revenue.rebuild',
  title: 'Revenue rebuild',
  params: ZRevenueRebuildParamsSchema,
  timeoutMs: 3 * 3_600_000,
  retry: { limit: 3, backoff: { initialMs: 60_000 } },
  resumable: true,
  async run({ params, db, signal, progress, log, resume }) {
    const [settings, customers] = await Promise.all([findRevenueSettings(db), countCustomersToRebuild(db)]);
    // Counted at the start: customers arriving meanwhile make the count grow past it, never stop it.
    await progress(resume?.done ?? 0, customers);
    await log(`Rebuilding ${params.policy ?? 'every policy'} (${settings.currency}, past_due churns after ${settings.pastDueChurnDays} days)`);
    const result = await rebuildRevenue(db, {
      policy: params.policy,
      settings,
      batchSize: params.batchSize,
      onBatch: async ({ customersDone }) => {
        signal.throwIfAborted();
        await progress(customersDone, Math.max(customers, customersDone));
      },
    });
    await log(`Rebuilt ${result.customers} customers${result.resumed ? ' (resumed)' : ''}`);
    return result;
  },
});
