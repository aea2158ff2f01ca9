import type { DbOrTrx } from '../../../db/database.js';
import type { AuditRecorder } from '../../../trpc/auditMutations.js';
import { enqueueJob } from '../../jobs/enqueueJob.js';
import { revenueRebuildJob } from './revenueRebuild.job.js';
import { findActiveRebuild, lockRebuildStarts } from './revenueRebuildJob.queries.js';

/**
 * Starts revenue.rebuild from the console, in the mutation's transaction (with its audit
 * row): a rebuild already queued or running is returned instead of a second one (two
 * would only redo each other's work), so a double click or a retried request is harmless.
 */
export async function startRevenueRebuild(trx: DbOrTrx, audit: AuditRecorder, staffId: string): Promise<{ id: string; created: boolean }> {
  await lockRebuildStarts(trx);
  const active = await findActiveRebuild(trx, revenueRebuildJob.name);
  const job = active ?? (await enqueueJob(trx, revenueRebuildJob, {}, { startedBy: staffId }));
  audit.target('job', job.id);
  audit.change(null, { kind: revenueRebuildJob.name, alreadyActive: Boolean(active) });
  return { id: job.id, created: !active };
}
